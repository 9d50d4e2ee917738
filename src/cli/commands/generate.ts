/** `gongfang generate FILE --month YYYY-MM`: the month's Payout, Payslips and Summary tabs. */
import { defaultMonth, generateMonth } from '../../features/generateMonth';
import type { GenerateResult } from '../../features/generateMonth';
import { t } from '../../i18n';
import { moneyText } from '../../features/closeMonth';
import { noteOwnWrite, ownEntry } from '../audit';
import type { Command, CommandContext } from '../context';
import { currencyOf, figuresTable } from '../figures';
import type { XlsxWorkbook } from '../../xlsx/xlsxWorkbook';
import type { IsoDate, MonthKey } from '../../domain/records';
import { defaultMonthOf } from '../../features/monthChoice';
import { readClosings } from '../../features/monthData';
import {
  computing,
  fileArgument,
  monthOption,
  openWorkbook,
  pathOption,
  prepareWrite,
  refuseUnreadPayTabs,
  requireSourceTabs,
  saveWorkbook,
  shownPath,
  checkCommand,
  nowOf,
  todayOf,
} from '../session';
import { COMMAND_OPTIONS } from '../commandOptions';

/** Prints (or emits) what a generate run produced; shared with `demo`. */
export function reportGenerated(
  context: CommandContext,
  workbook: XlsxWorkbook,
  result: GenerateResult,
  file: string,
): void {
  const currency = currencyOf(workbook);
  context.emit({ ok: true, file, moneyUnit: 'fen', ...result, currency });
  context.say(t(context.lang, 'cliWrote', { file: shownPath(context, file) }));
  const separator = context.lang === 'zh-CN' ? '、' : ', ';
  context.say(
    t(context.lang, 'cliGenerated', { month: result.month, tabs: result.tabs.join(separator) }),
  );
  if (result.changedSinceClosing) {
    context.say(t(context.lang, 'genClosedSamePay'));
  } else if (result.closed) context.say(t(context.lang, 'cliClosedMonthNote'));
  context.say('');
  context.say(t(context.lang, 'cliFiguresTitle', { month: result.month }));
  context.say(figuresTable(result.figures, context.lang, currency));
  if (result.excludedRows > 0) {
    context.say('');
    const command = checkCommand(context, file);
    context.say(t(context.lang, 'cliExcludedRows', { count: result.excludedRows, command }));
  }
}

/** The default month, skipping closed months (and saying so). */
function defaultOf(context: CommandContext, workbook: XlsxWorkbook, today: IsoDate): MonthKey {
  const closings = readClosings(workbook, { timeZone: context.timeZone, lang: 'zh-CN' });
  const month = defaultMonthOf(closings, today);
  const usual = defaultMonth(today);
  if (month !== usual) {
    context.say(t(context.lang, 'defaultMonthSkipsClosed', { closed: usual, month }));
  }
  return month;
}

async function run(context: CommandContext) {
  const file = fileArgument(context, 'generate');
  const out = pathOption(context, 'out') ?? file;
  const today = todayOf(context);
  const given = monthOption(context);
  const target = await prepareWrite(context, out, {
    source: file,
    newFile: out !== file,
    elsewhere: '--out',
  });
  // --force also replaces tabs named like the month's tabs that Gongfang did not make.
  const workbook = await openWorkbook(context, file, 3, {
    replaceForeignTabs: context.options.force === true,
  });
  requireSourceTabs(context, workbook);
  refuseUnreadPayTabs(context, workbook);
  computing(context, 3);
  const month = given ?? defaultOf(context, workbook, today);
  const result = generateMonth(workbook, { month, now: nowOf(context), today });
  noteOwnWrite(
    context,
    workbook,
    ownEntry('generate', (lang) => ({
      tab: result.tabs[0] ?? '',
      details: t(lang, 'auditGenerated', {
        month: result.month,
        residents: result.figures.residentsPaid,
        netPay: moneyText(result.figures.netPay, result.currency),
      }),
    })),
  );
  await saveWorkbook(context, workbook, target, 3);
  context.progress.finish();
  reportGenerated(context, workbook, result, out);
  return 0 as const;
}

export const generateCommand: Command = {
  name: 'generate',
  usage: 'cliGenerateUsage',
  options: COMMAND_OPTIONS.generate,
  maxFiles: 1,
  run,
};
