/** `gongfang year FILE --year YYYY`: the year's Year, Statements and Impact tabs. */
import { defaultYear } from '../../domain/year';
import type { ImpactFigures } from '../../domain/impact';
import type { ResidentCount } from '../../domain/partnerReport';
import { generateYear } from '../../features/generateYear';
import { categoryLabel } from '../../features/reports/context';
import type { YearResult } from '../../features/generateYear';
import { t } from '../../i18n';
import type { Lang } from '../../i18n';
import type { Command, CommandContext } from '../context';
import { CliError } from '../errors';
import { formatCount, formatMoney, formatPercent, formatTable } from '../output';
import {
  computing,
  fileArgument,
  nowOf,
  openWorkbook,
  pathOption,
  prepareWrite,
  requireSourceTabs,
  saveWorkbook,
  shownPath,
  stringOption,
  todayOf,
} from '../session';
import { COMMAND_OPTIONS } from '../commandOptions';

const STEPS = 3;

/** --year as four digits (2026, 2026年), or undefined when not given. */
export function yearOption(context: CommandContext): number | undefined {
  const given = stringOption(context, 'year');
  if (given === undefined) return undefined;
  const text = given.normalize('NFKC').trim().replace(/年$/, '');
  if (!/^\d{4}$/.test(text)) throw new CliError(2, 'cliBadYear', { value: given });
  return Number(text);
}

function count(value: ResidentCount, lang: Lang): string {
  return value.shown ? formatCount(value.count) : t(lang, 'ptFewResidents');
}

/** The Impact's figures for the terminal, as the tab words them. */
export function impactTable(figures: ImpactFigures, lang: Lang, currency: string): string {
  const money = (fen: number | null) => (fen === null ? '—' : formatMoney(fen, currency));
  const hardship = figures.byCategory.find((c) => c.category === 'hardship')?.count;
  const rows: [string, string][] = [
    [t(lang, 'imResidentsEarned'), count(figures.residentsEarned, lang)],
    [
      t(lang, 'imOfCategory', { category: categoryLabel('hardship', lang) }),
      hardship ? count(hardship, lang) : '—',
    ],
    [t(lang, 'imNewThisYear'), count(figures.newThisYear, lang)],
    [t(lang, 'imSixMonths'), count(figures.sixMonthsOrMore, lang)],
    [t(lang, 'imAverage'), money(figures.averageMonthlyNetPay)],
    [t(lang, 'imAccepted'), formatCount(figures.acceptedPieces)],
    [
      t(lang, 'imRejectRate'),
      figures.rejectRate === null ? '—' : formatPercent(figures.rejectRate),
    ],
    [t(lang, 'imOrders'), formatCount(figures.ordersServed)],
    [t(lang, 'imPartners'), formatCount(figures.partnersServed)],
    [t(lang, 'imTotalPaid'), money(figures.totalPaid)],
  ];
  return formatTable(rows, [1]);
}

function report(context: CommandContext, result: YearResult, file: string): void {
  const { lang } = context;
  context.emit({
    ok: true,
    file,
    moneyUnit: 'fen',
    year: result.year,
    lang: result.lang,
    tabs: result.tabs,
    residents: result.residents,
    total: result.total,
    closedMonths: result.closedMonths,
    draftMonths: result.draftMonths,
    currency: result.currency,
    impact: result.impact.figures,
    previousYear: result.impact.previous,
  });
  context.say(t(lang, 'cliWrote', { file: shownPath(context, file) }));
  const separator = lang === 'zh-CN' ? '、' : ', ';
  context.say(t(lang, 'cliYearDone', { year: result.year, tabs: result.tabs.join(separator) }));
  context.say(
    t(lang, 'cliYearResidents', {
      months: result.closedMonths.length,
      residents: result.residents,
      total: formatMoney(result.total, result.currency),
    }),
  );
  if (result.draftMonths.length > 0) {
    context.say(t(lang, 'yrDraftsNote', { drafts: result.draftMonths.join(separator) }));
  }
  context.say('');
  context.say(t(lang, 'cliYearImpactTitle'));
  context.say(impactTable(result.impact.figures, lang, result.currency));
}

async function run(context: CommandContext) {
  const file = fileArgument(context, 'year');
  const out = pathOption(context, 'out') ?? file;
  const today = todayOf(context);
  const year = yearOption(context) ?? defaultYear(today);
  const target = await prepareWrite(context, out, {
    source: file,
    newFile: out !== file,
    elsewhere: '--out',
  });
  // --force also replaces tabs named like the year's tabs that Gongfang did not make.
  const workbook = await openWorkbook(context, file, STEPS, {
    replaceForeignTabs: context.options.force === true,
  });
  requireSourceTabs(context, workbook);
  computing(context, STEPS);
  const result = generateYear(workbook, { year, now: nowOf(context), today });
  await saveWorkbook(context, workbook, target, STEPS);
  context.progress.finish();
  report(context, result, out);
  return 0 as const;
}

export const yearCommand: Command = {
  name: 'year',
  usage: 'cliYearUsage',
  options: COMMAND_OPTIONS.year,
  maxFiles: 1,
  run,
};
