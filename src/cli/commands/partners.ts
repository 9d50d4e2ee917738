/**
 * `gongfang partners FILE --month YYYY-MM --out-dir DIR`: one .xlsx per partner whose 进度表 /
 * Report is yes, holding its Progress and the month's Statement and nothing about residents.
 * The source file is only read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultMonth } from '../../features/generateMonth';
import { loadPartnerReports } from '../../features/partnerReports';
import type { PartnerReport } from '../../features/partnerReports';
import { moneyText } from '../../features/closeMonth';
import { t } from '../../i18n';
import type { Command, CommandContext } from '../context';
import { CliError } from '../errors';
import { writeSafely } from '../../xlsx/workbookFile';
import { currencyOf } from '../figures';
import {
  computing,
  fileArgument,
  monthOption,
  newWorkbook,
  openWorkbook,
  pathOption,
  prepareWrite,
  requireSourceTabs,
  shownPath,
  todayOf,
} from '../session';

const STEPS = 3;

/** "P01 红星文创 2026-11.xlsx": characters no file system takes become "_". */
export function reportFileName(
  report: Pick<PartnerReport, 'partnerId' | 'partner'>,
  month: string,
) {
  const name =
    report.partner === report.partnerId
      ? report.partnerId
      : `${report.partnerId} ${report.partner}`;
  const safe = [...name]
    .map((c) => (/[\\/:*?"<>|]/.test(c) || c.charCodeAt(0) < 32 ? '_' : c))
    .join('')
    .trim();
  return `${safe} ${month}.xlsx`;
}

async function run(context: CommandContext) {
  const file = fileArgument(context, 'partners');
  const outDir = pathOption(context, 'out-dir');
  if (outDir === undefined) throw new CliError(2, 'cliPartnersMissingOutDir');
  const today = todayOf(context);
  const month = monthOption(context) ?? defaultMonth(today);
  const workbook = await openWorkbook(context, file, STEPS);
  requireSourceTabs(context, workbook);
  computing(context, STEPS);
  const result = loadPartnerReports(workbook, { month, now: context.io.now(), today });
  if (result.reports.length === 0) throw new CliError(1, 'cliPartnersNone');
  context.progress.phase(t(context.lang, 'cliProgressWrite'), STEPS - 1, STEPS);
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError(2, 'cliCannotWrite', { file: shownPath(context, outDir), detail });
  }
  const currency = currencyOf(workbook);
  const written = [];
  for (const report of result.reports) {
    const target = path.join(outDir, reportFileName(report, result.month));
    const book = newWorkbook(context);
    for (const tab of report.tabs) book.replaceGeneratedTab(tab);
    // A partner's report is Gongfang's own output: replaced safely (temporary copy, lock,
    // refused while open in Excel or WPS), with no overwrite guard.
    const prepared = await prepareWrite(context, target);
    await writeSafely(prepared, context.held, (temporary) => book.writeTo(temporary));
    written.push({ report, target });
  }
  context.progress.finish();
  context.emit({
    ok: true,
    file,
    month: result.month,
    final: result.final,
    moneyUnit: 'fen',
    currency,
    reports: written.map(({ report, target }) => ({
      partnerId: report.partnerId,
      partner: report.partner,
      lang: report.lang,
      file: target,
      tabs: report.tabs.map((tab) => tab.name),
      acceptedPieces: report.statement.acceptedPieces,
      total: report.statement.total,
      unpricedLines: report.statement.unpricedLines,
    })),
  });
  context.say(
    t(context.lang, 'cliPartnersWrote', {
      month: result.month,
      count: written.length,
      dir: shownPath(context, outDir),
    }),
  );
  for (const { report, target } of written) {
    const total = moneyText(report.statement.total, currency);
    context.say(`  ${shownPath(context, target)}  ${report.statement.acceptedPieces}  ${total}`);
  }
  return 0 as const;
}

export const partnersCommand: Command = {
  name: 'partners',
  usage: 'cliPartnersUsage',
  options: { month: { type: 'string' }, 'out-dir': { type: 'string' } },
  maxFiles: 1,
  run,
};
