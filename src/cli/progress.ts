/**
 * A progress bar on stderr for work that takes a while: one step per phase (read, compute,
 * write), redrawn with the elapsed time while a phase runs. Drawn only when stderr is a
 * terminal, so pipes, files and --json consumers never see it.
 *
 * The command's work runs in a worker thread that is busy for whole phases, so the bar is
 * drawn by the supervisor's thread, which is idle and can redraw it as time passes: the worker
 * sends it the phases (remoteProgress) and its output, which the bar steps out of the way for
 * (`around`).
 */
import { displayWidth } from './output';

export interface Progress {
  /** Starts phase `index` (0-based) of `total`, named `label`. */
  phase(label: string, index: number, total: number): void;
  /** Clears the bar. */
  finish(): void;
  /** Writes text with the bar out of its way: cleared first, drawn again after. */
  around(write: () => void): void;
}

/** The phases as the worker sends them to the thread that draws the bar. */
export type ProgressEvent =
  | {
      readonly kind: 'phase';
      readonly label: string;
      readonly index: number;
      readonly total: number;
    }
  | { readonly kind: 'progressEnd' };

const BAR_WIDTH = 24;
/** Narrower than this, the bar is left out and the step, label and time are shown alone. */
const MIN_BAR_WIDTH = 6;
const REDRAW_MS = 100;
const CLEAR_LINE = '\r\u001b[2K';

export const silentProgress: Progress = {
  phase: () => undefined,
  finish: () => undefined,
  around: (write) => write(),
};

/**
 * Progress as one line per phase ("gongfang: [2/3] computing"), on stderr even when it is not
 * a terminal: for logs of scheduled runs, and for whatever drives the command and wants to
 * know where it is (the tests interrupt a command at a given phase). GONGFANG_PROGRESS=lines.
 */
export function lineProgress(stream: NodeJS.WritableStream): Progress {
  return {
    phase(label, index, total) {
      stream.write(`gongfang: [${index + 1}/${total}] ${label}\n`);
    },
    finish: () => undefined,
    around: (write) => write(),
  };
}

/** Progress sent elsewhere to be drawn (the worker's: `send` posts to the supervisor). */
export function remoteProgress(send: (event: ProgressEvent) => void): Progress {
  return {
    phase: (label, index, total) => send({ kind: 'phase', label, index, total }),
    finish: () => send({ kind: 'progressEnd' }),
    around: (write) => write(),
  };
}

export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  enabled: boolean,
  now: () => number = Date.now,
  lines = false,
): Progress {
  if (lines) return lineProgress(stream);
  if (!enabled || stream.isTTY !== true) return silentProgress;
  let timer: NodeJS.Timeout | undefined;
  let current = { label: '', index: 0, total: 1, started: now() };
  const draw = () => {
    const { index, total, label, started } = current;
    stream.write(`\r${renderBar(index, total, label, now() - started, stream.columns)}`);
  };
  return {
    phase(label, index, total) {
      current = { label, index, total, started: now() };
      draw();
      if (!timer) {
        timer = setInterval(draw, REDRAW_MS);
        timer.unref();
      }
    },
    finish() {
      if (timer === undefined) return;
      clearInterval(timer);
      timer = undefined;
      stream.write(CLEAR_LINE);
    },
    around(write) {
      if (timer === undefined) {
        write();
        return;
      }
      stream.write(CLEAR_LINE);
      write();
      draw();
    },
  };
}

/**
 * e.g. "[████████░░░░░░░░░░░░░░░░] 1/3 读取 2.4s", kept within `columns` (the terminal's
 * width) so that it never wraps: a line that wraps is not redrawn in place but repeated.
 */
export function renderBar(
  index: number,
  total: number,
  label: string,
  elapsedMs: number,
  columns = 80,
): string {
  const text = `${index + 1}/${total} ${label} ${(elapsedMs / 1000).toFixed(1)}s`;
  // One column spare: a line that fills the last column wraps on some terminals.
  const width = Math.min(BAR_WIDTH, columns - 1 - displayWidth(text) - 3);
  if (width < MIN_BAR_WIDTH) return text;
  const filled = Math.round((width * index) / Math.max(total, 1));
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${text}`;
}
