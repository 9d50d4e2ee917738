/**
 * `gongfang demo`: writes the sample workshop's workbook, sets it up, generates its latest
 * month and prints that month's key figures: everything a new user needs to see the product
 * without a Google account.
 */
import * as path from 'node:path';
import { generateMonth } from '../../features/generateMonth';
import { loadLedger } from '../../features/loadLedger';
import { printOrientation, setUpWorkbook } from '../../features/setUp';
import { t } from '../../i18n';
import type { Lang } from '../../i18n';
import type { CellValue } from '../../workbook/cells';
import { labelOf } from '../../workbook/layout';
import type { ColumnKind } from '../../workbook/layout';
import { NUMBER_FORMATS } from '../../workbook/port';
import type { TabSetup, Workbook } from '../../workbook/port';
import type { Command, CommandContext } from '../context';
import { CliError } from '../errors';
import { buildSample } from '../demo/sample';
import type { SampleCell, SampleTab } from '../demo/sample';
import {
  newWorkbook,
  pathOption,
  prepareWrite,
  saveWorkbook,
  shownPath,
  todayOf,
  checkCommand,
} from '../session';
import { fromSheetDate } from '../../xlsx/zonedDates';
import { reportGenerated } from './generate';
import { COMMAND_OPTIONS } from '../commandOptions';

export const DEFAULT_DEMO_FILE = 'gongfang-demo.xlsx';

const FORMAT_OF_KIND: Partial<Record<ColumnKind, string>> = {
  id: NUMBER_FORMATS.text,
  phone: NUMBER_FORMATS.text,
  residentRef: NUMBER_FORMATS.text,
  orderRef: NUMBER_FORMATS.text,
  partnerRef: NUMBER_FORMATS.text,
  month: NUMBER_FORMATS.month,
  date: NUMBER_FORMATS.date,
  payRate: NUMBER_FORMATS.rate,
  wholeNumber: NUMBER_FORMATS.wholeNumber,
  money: '0.00',
};

function cellOf(value: SampleCell, timeZone: string): CellValue {
  if (typeof value !== 'object') return value;
  return fromSheetDate(new Date(`${value.date}T00:00:00Z`), timeZone);
}

/** The tab with its headers, the way staff would have started it by hand. */
function headerSetup(tab: SampleTab, lang: Lang): TabSetup {
  return {
    name: labelOf(tab.spec, lang),
    create: true,
    newHeaders: tab.spec.columns.map((column, index) => ({
      column: index + 1,
      text: labelOf(column, lang),
    })),
    headerWidth: tab.spec.columns.length,
    columns: [],
    printFitted: printOrientation(tab.spec),
  };
}

/** Writes the sample's source tabs through the port, as any backend would receive them. */
export function writeSample(
  workbook: Workbook,
  tabs: readonly SampleTab[],
  lang: Lang,
  timeZone: string,
): void {
  workbook.setUpTabs(tabs.map((tab) => headerSetup(tab, lang)));
  for (const tab of tabs) {
    const formats = tab.spec.columns.map(
      (column) => FORMAT_OF_KIND[column.kind] ?? NUMBER_FORMATS.general,
    );
    const rows = tab.rows.map((row) => row.map((value) => cellOf(value, timeZone)));
    workbook.appendRows(labelOf(tab.spec, lang), rows, formats);
  }
}

/** Where the demo goes: `demo FILE` or `demo --out FILE` (the file given once), else the default. */
function demoFile(context: CommandContext): string {
  const out = pathOption(context, 'out');
  const [named] = context.files;
  const given = named === undefined ? undefined : path.resolve(context.io.cwd, named);
  if (given !== undefined && out !== undefined && given !== out) {
    throw new CliError(2, 'cliDemoTwoFiles', {
      file: named ?? '',
      out: String(context.options.out),
    });
  }
  return given ?? out ?? path.resolve(context.io.cwd, DEFAULT_DEMO_FILE);
}

async function run(context: CommandContext) {
  const file = demoFile(context);
  const today = todayOf(context);
  const { lang, timeZone } = context;
  const target = await prepareWrite(context, file, { newFile: true, elsewhere: '--out' });
  context.say(t(lang, 'cliDemoWriting', { file: shownPath(context, file), today }));
  context.progress.phase(t(lang, 'cliProgressCompute'), 0, 2);
  const sample = buildSample(today, lang);
  const workbook = newWorkbook(context);
  writeSample(workbook, sample.tabs, lang, timeZone);
  setUpWorkbook(workbook);
  const result = generateMonth(workbook, { month: sample.month, now: context.io.now(), today });
  const problems = loadLedger(workbook, { today }).problems;
  await saveWorkbook(context, workbook, target, 2);
  context.progress.finish();
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const counts = { errors, warnings: problems.length - errors };
  reportGenerated(context, workbook, result, file);
  context.say('');
  context.say(t(lang, 'cliDemoCheck', counts));
  const command = checkCommand(context, file);
  context.say(t(lang, 'cliDemoNext', { file: shownPath(context, file), command }));
  return 0 as const;
}

export const demoCommand: Command = {
  name: 'demo',
  usage: 'cliDemoUsage',
  options: COMMAND_OPTIONS.demo,
  maxFiles: 1,
  run,
};
