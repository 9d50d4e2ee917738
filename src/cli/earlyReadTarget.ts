/**
 * The workbook a command will open, found by the main thread from the arguments alone, so it
 * can read the file while the worker thread starts (earlyRead.ts): the first file of a
 * command that reads one, resolved against the working folder. Null when there is none, or
 * when the command will not open it (--help, --version). Only a guess: the program parses
 * the arguments again and judges them, and uses what was read early only for the very file
 * it opens.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { COMMAND_OPTIONS, COMMON_OPTIONS, READS_WORKBOOK } from './commandOptions';

export function earlyReadTarget(argv: readonly string[], cwd: string): string | null {
  const [command, ...rest] = argv;
  if (command === undefined || !READS_WORKBOOK.has(command)) return null;
  const own = COMMAND_OPTIONS[command as keyof typeof COMMAND_OPTIONS];
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...COMMON_OPTIONS, ...own },
      allowPositionals: true,
      strict: false,
    });
    if (values.help === true || values.version === true) return null;
    const [file] = positionals;
    return file === undefined ? null : path.resolve(cwd, file);
  } catch {
    return null;
  }
}

/** The working folder; '' when it no longer exists (process.cwd() throws ENOENT then). */
export function currentFolder(): string {
  try {
    return process.cwd();
  } catch {
    return '';
  }
}
