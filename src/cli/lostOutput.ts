/**
 * Output that cannot be written is dropped, and the work goes on to its end: a workbook being
 * written is written. Stopping at the first failed write (as the supervisor did) killed the
 * worker mid-work: a generate that had printed a line wrote nothing and said 0.
 * - A reader that stopped reading (`| head`, EPIPE) is no failure: the exit code stays the
 *   command's.
 * - Any other failure (stdout a file on a full disk) is said on stderr at the end, and a command
 *   that would have said 0 says 2, so a script sees that its log is incomplete.
 */
import * as fs from 'node:fs';
import { t } from '../i18n';
import { interruptLang } from './supervisor';

const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

export function keepOnWithoutOutput(argv: readonly string[]): void {
  let lost: string | null = null;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (!READER_GONE.has(error.code ?? '')) lost ??= error.message;
  });
  // Where nothing can be said any more, nothing is.
  process.stderr.on('error', () => undefined);
  process.on('exit', (code) => {
    if (lost === null) return;
    const text = t(interruptLang(argv), 'cliOutputLost', { detail: lost });
    try {
      fs.writeSync(2, `gongfang: ${text}\n`);
    } catch {
      // stderr is gone too.
    }
    if (code === 0) process.exitCode = 2;
  });
}
