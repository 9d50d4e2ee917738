/** Every failure as the user reads it: a message in their language, and the exit code. */
import { isGongfangError } from '../features/errors';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import { WorkbookFileError } from '../xlsx/fileError';
import { CliError } from './errors';
import type { ExitCode } from './errors';
import { commandWords, withCommandNames } from './menuNames';

export function describeFailure(
  error: unknown,
  lang: Lang,
  /** The workbook as the user named it, for the commands a refusal suggests next. */
  file?: string,
  /** What a generate suggested next keeps of the run (menuNames.ts, nextCommand). */
  generateOptions = '',
): { code: string; message: string; exitCode: ExitCode } {
  if (error instanceof CliError) {
    return { code: String(error.key), message: error.render(lang), exitCode: error.exitCode };
  }
  if (error instanceof WorkbookFileError) {
    return { code: String(error.key), message: error.render(lang), exitCode: 2 };
  }
  // A refusal of the operation itself (e.g. a closed month whose rows changed) is about data.
  if (isGongfangError(error)) {
    return {
      code: String(error.key),
      message: withCommandNames(
        error.render(lang, commandWords(file, generateOptions)),
        lang,
        file,
      ),
      exitCode: 1,
    };
  }
  // The message only: a stack trace (with this machine's paths) helps nobody at the workshop.
  // GONGFANG_DEBUG=1 shows it for whoever is fixing the program.
  const debug = process.env.GONGFANG_DEBUG === '1';
  const detail =
    error instanceof Error
      ? debug
        ? (error.stack ?? error.message)
        : error.message
      : String(error);
  return { code: 'unexpected', message: t(lang, 'cliUnexpected', { detail }), exitCode: 2 };
}
