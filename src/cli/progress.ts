/**
 * A progress bar on stderr for work that takes a while: one step per phase (read, compute,
 * write), redrawn with the elapsed time while a phase runs. Drawn only when stderr is a
 * terminal, so pipes, files and --json consumers never see it.
 */
export interface Progress {
  /** Starts phase `index` (0-based) of `total`, named `label`. */
  phase(label: string, index: number, total: number): void;
  /** Clears the bar. */
  finish(): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

export const silentProgress: Progress = { phase: () => undefined, finish: () => undefined };

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
  };
}

export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  enabled: boolean,
  now: () => number = Date.now,
  lines = false,
): Progress {
  if (lines) return lineProgress(stream);
  if (!enabled || stream.isTTY !== true) return silentProgress;
  let timer: NodeJS.Timeout | undefined;
  let current = { label: '', index: 0, total: 1, started: now() };
  const draw = () => {
    stream.write(
      `\r${renderBar(current.index, current.total, current.label, now() - current.started)}`,
    );
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
      if (timer) clearInterval(timer);
      timer = undefined;
      stream.write('\r\u001b[2K');
    },
  };
}

/** e.g. "[████████░░░░░░░░░░░░░░░░] 1/3 读取 2.4s" */
export function renderBar(index: number, total: number, label: string, elapsedMs: number): string {
  const filled = Math.round((BAR_WIDTH * index) / Math.max(total, 1));
  const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
  return `[${bar}] ${index + 1}/${total} ${label} ${(elapsedMs / 1000).toFixed(1)}s`;
}
