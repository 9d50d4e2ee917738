/**
 * `gongfang reopen FILE --month YYYY-MM --reason TEXT`: reopens the latest closed month. The
 * closing stays in 结账 / Closings and a reopening row records who, when and why.
 */
import { reopenMonth } from '../../features/reopenMonth';
import { t } from '../../i18n';
import type { Command, CommandContext } from '../context';
import { CliError } from '../errors';
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
import { systemUser } from './close';
import { CLOSINGS, namesOf } from '../../workbook/layout';
import { noteOwnWrite, ownEntry } from '../audit';

async function run(context: CommandContext) {
  const file = fileArgument(context, 'reopen');
  const month = monthOption(context);
  if (!month) throw new CliError(2, 'cliMissingMonth');
  const reason = stringOption(context, 'reason') ?? '';
  if (reason.trim() === '') throw new CliError(2, 'cliMissingReason');
  const today = todayOf(context);
  const target = await prepareWrite(context, file, { source: file });
  const workbook = await openWorkbook(context, file, 3);
  requireSourceTabs(context, workbook);
  computing(context, 3);
  // Refusals (not closed, not the latest closed month, Closings lost) exit 1 with the reason.
  const result = reopenMonth(workbook, {
    month,
    now: nowOf(context),
    today,
    reopenedBy: stringOption(context, 'by') ?? systemUser(),
    reason,
  });
  noteOwnWrite(
    context,
    workbook,
    ownEntry('reopen', (lang) => ({
      tab: workbook.tabNames().find((name) => namesOf(CLOSINGS).includes(name)) ?? '',
      details: t(lang, 'auditReopened', { month: result.month, reason }),
    })),
  );
  await saveWorkbook(context, workbook, target, 3);
  context.progress.finish();
  context.emit({ ok: true, file, ...result });
  context.say(t(context.lang, 'cliWrote', { file: shownPath(context, file) }));
  context.say(t(context.lang, 'reopenDone', { month }));
  return 0 as const;
}

export const reopenCommand: Command = {
  name: 'reopen',
  usage: 'cliReopenUsage',
  options: { month: { type: 'string' }, by: { type: 'string' }, reason: { type: 'string' } },
  maxFiles: 1,
  run,
};
