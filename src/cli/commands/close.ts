/** `gongfang close FILE --month YYYY-MM`: closes a month that has no errors. */
import * as os from 'node:os';
import {
  CLOSINGS_PRINTED_COLUMNS,
  CLOSINGS_PRINTED_WIDTHS,
  closeMonth,
  moneyText,
  prepareClose,
} from '../../features/closeMonth';
import { GongfangError } from '../../features/errors';
import { t } from '../../i18n';
import { CLOSINGS, namesOf } from '../../workbook/layout';
import { noteOwnWrite, ownEntry } from '../audit';
import type { Command, CommandContext } from '../context';
import { CliError } from '../errors';
import { currencyOf } from '../figures';
import {
  computing,
  fileArgument,
  monthOption,
  nowOf,
  openWorkbook,
  prepareWrite,
  requireSourceTabs,
  saveWorkbook,
  shownPath,
  stringOption,
  todayOf,
} from '../session';
import { COMMAND_OPTIONS } from '../commandOptions';

export function systemUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}

/**
 * Who closes or reopens: --by, else the system user. A blank --by (a variable that was not
 * set) is refused, not recorded as no one; Sheets' dialog asks for the name in the same way.
 */
export function whoOption(context: CommandContext): string {
  const given = stringOption(context, 'by');
  if (given === undefined) return systemUser();
  if (given.trim() === '') throw new CliError(2, 'cliBlankBy');
  return given.trim();
}

async function run(context: CommandContext) {
  const file = fileArgument(context, 'close');
  const month = monthOption(context);
  const by = whoOption(context);
  if (!month) throw new CliError(2, 'cliMissingMonth');
  const today = todayOf(context);
  const force = context.options.force === true;
  const target = await prepareWrite(context, file, { source: file });
  const workbook = await openWorkbook(context, file, 3);
  requireSourceTabs(context, workbook);
  computing(context, 3);
  // One language per run: the rows that block closing and the warnings are told in --lang.
  const prepared = prepareClose(workbook, { month, today, messageLang: context.lang });
  const { preview } = prepared;
  if (context.json && (preview.blocking.length > 0 || (!force && preview.warnings.length > 0))) {
    context.progress.finish();
    context.emit({
      ok: false,
      file,
      month,
      blocking: preview.blocking,
      warnings: preview.warnings,
    });
    return 1 as const;
  }
  if (!force && !preview.closed && preview.blocking.length === 0 && preview.warnings.length > 0) {
    const hint = t(context.lang, 'cliCloseForceHint');
    throw new GongfangError('closeNeedsConfirm', [{ month }], [...preview.warnings, hint]);
  }
  // Refusals (already closed, a future month, rows with errors, warnings without --force) are
  // thrown with their reasons and exit 1.
  const result = closeMonth(
    workbook,
    {
      month,
      now: nowOf(context),
      today,
      closedBy: by,
      force,
      messageLang: context.lang,
    },
    prepared,
  );
  noteOwnWrite(
    context,
    workbook,
    ownEntry('close', (lang) => ({
      tab: workbook.tabNames().find((name) => namesOf(CLOSINGS).includes(name)) ?? '',
      details: t(lang, 'auditClosed', {
        month: result.month,
        residents: result.residents,
        netPay: moneyText(result.netPay, result.currency),
        by,
      }),
    })),
  );
  // An older Closings prints its reopenings too, as a tab made now does.
  workbook.printOlderClosings(CLOSINGS_PRINTED_COLUMNS, CLOSINGS_PRINTED_WIDTHS);
  await saveWorkbook(context, workbook, target, 3);
  context.progress.finish();
  const currency = currencyOf(workbook);
  context.emit({ ok: true, file, moneyUnit: 'fen', ...result, currency });
  context.say(t(context.lang, 'cliWrote', { file: shownPath(context, file) }));
  context.say(
    t(context.lang, 'cliClosed', {
      month,
      residents: result.residents,
      netPay: moneyText(result.netPay, currency),
    }),
  );
  if (result.reclosed) {
    context.say(t(context.lang, 'closePaysNow', { month, paid: moneyText(result.paid, currency) }));
  }
  return 0 as const;
}

export const closeCommand: Command = {
  name: 'close',
  usage: 'cliCloseUsage',
  options: COMMAND_OPTIONS.close,
  maxFiles: 1,
  run,
};
