/**
 * `gongfang reopen FILE --month YYYY-MM --reason TEXT`: reopens the latest closed month. The
 * closing stays in 结账 / Closings and a reopening row records who, when and why.
 */
import { GongfangError } from '../../features/errors';
import { CLOSINGS_PRINTED_COLUMNS, CLOSINGS_PRINTED_WIDTHS } from '../../features/closeMonth';
import {
  latestClosed,
  previewReopen,
  reopenMonth,
  withdrawalLines,
} from '../../features/reopenMonth';
import { readClosings } from '../../features/monthData';
import { refuseArchivedMonth } from '../../features/archived';
import { sheetSettings } from '../../features/candidateRows';
import type { XlsxWorkbook } from '../../xlsx/xlsxWorkbook';
import { t } from '../../i18n';
import type { Command, CommandContext } from '../context';
import { CliError } from '../errors';
import { shellWord } from '../../i18n/shellWord';
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
import { whoOption } from './close';
import { CLOSINGS, namesOf } from '../../workbook/layout';
import { noteOwnWrite, ownEntry } from '../audit';
import { COMMAND_OPTIONS } from '../commandOptions';

/** Reopen without --month: the one month that can be reopened, in the command to run. */
function whichMonth(context: CommandContext, workbook: XlsxWorkbook, reason: string): CliError {
  const closings = readClosings(workbook, { timeZone: context.timeZone, lang: 'zh-CN' });
  const latest = latestClosed(closings);
  if (latest === null) return new CliError(1, 'reopenNothing');
  // A month of an archived year cannot be reopened: say so, not the command that would refuse.
  refuseArchivedMonth(sheetSettings(workbook), latest.month);
  const book = context.files[0] === undefined ? '' : ` ${shellWord(context.files[0])}`;
  const why =
    reason.trim() === '' ? t(context.lang, 'nextStepReasonPlaceholder') : shellWord(reason);
  const command = `gongfang reopen${book} --month ${latest.month} --reason ${why}`;
  return new CliError(2, 'cliReopenWhichMonth', { latest: latest.month, command });
}

async function run(context: CommandContext) {
  const file = fileArgument(context, 'reopen');
  const month = monthOption(context);
  const by = whoOption(context);
  const reason = stringOption(context, 'reason') ?? '';
  // Without --month, the workbook is read first: the message names the month to give.
  if (month && reason.trim() === '') throw new CliError(2, 'cliMissingReason');
  const today = todayOf(context);
  const target = await prepareWrite(context, file, { source: file });
  const workbook = await openWorkbook(context, file, 3);
  requireSourceTabs(context, workbook);
  if (!month) throw whichMonth(context, workbook, reason);
  computing(context, 3);
  // Refusals (not closed, not the latest closed month, Closings lost) exit 1 with the reason.
  // What reopening writes besides its own row is said first, and done only with --force.
  const preview = previewReopen(workbook, { month, today });
  const plan = withdrawalLines({ ...preview, lang: context.lang });
  if (plan.length > 0 && context.options.force !== true) {
    const again = [...(context.files[0] === undefined ? [] : [shellWord(context.files[0])])];
    const command = `gongfang reopen ${again.join(' ')} --month ${month} --reason ${shellWord(reason)} --force`;
    throw new GongfangError(
      'reopenNeedsConfirm',
      [{ month }],
      [
        t(context.lang, 'reopenWithdraws', { month, count: plan.length }),
        ...plan,
        t(context.lang, 'nextStepCommand', { command }),
      ],
    );
  }
  const result = reopenMonth(workbook, {
    month,
    now: nowOf(context),
    today,
    reopenedBy: by,
    reason,
  });
  noteOwnWrite(
    context,
    workbook,
    ownEntry('reopen', (lang) => ({
      tab: workbook.tabNames().find((name) => namesOf(CLOSINGS).includes(name)) ?? '',
      // On a shared computer --by is the only "who": on the record as Close's is.
      details: t(lang, 'auditReopened', { month: result.month, reason, by }),
    })),
  );
  // An older Closings prints its reopenings too, as a tab made now does.
  workbook.printOlderClosings(CLOSINGS_PRINTED_COLUMNS, CLOSINGS_PRINTED_WIDTHS);
  await saveWorkbook(context, workbook, target, 3);
  context.progress.finish();
  context.emit({ ok: true, file, moneyUnit: 'fen', ...result });
  context.say(t(context.lang, 'cliWrote', { file: shownPath(context, file) }));
  context.say(t(context.lang, 'reopenDone', { month }));
  if (plan.length > 0) {
    context.say(t(context.lang, 'reopenDoneWithdrawn', { count: plan.length }));
    for (const line of plan) context.say(`  ${line}`);
  }
  return 0 as const;
}

export const reopenCommand: Command = {
  name: 'reopen',
  usage: 'cliReopenUsage',
  options: COMMAND_OPTIONS.reopen,
  maxFiles: 1,
  run,
};
