/**
 * `gongfang partners FILE --month YYYY-MM --out-dir DIR`: one .xlsx per partner whose 进度表 /
 * Report is yes, holding its Progress and the month's Statement and nothing about residents.
 * The source file is only read. A file already at a report's name is replaced only when it is
 * that partner's report as gongfang wrote it (src/xlsx/reportFiles.ts), else with --force; a
 * report that cannot be written is reported and the next partner's is written all the same.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultMonth } from '../../features/generateMonth';
import { loadPartnerReports } from '../../features/partnerReports';
import type { PartnerReport } from '../../features/partnerReports';
import { moneyText } from '../../features/closeMonth';
import { t } from '../../i18n';
import type { Command, CommandContext } from '../context';
import { CliError } from '../errors';
import { describeFailure } from '../failures';
import { writeSafely } from '../../xlsx/workbookFile';
import { existingReport } from '../../xlsx/reportFiles';
import { currencyOf } from '../figures';
import {
  computing,
  fileArgument,
  monthOption,
  newWorkbook,
  openWorkbook,
  pathOption,
  prepareWrite,
  refuseUnreadPayTabs,
  requireSourceTabs,
  shownPath,
  checkCommand,
  todayOf,
} from '../session';
import type { PreparedWrite } from '../session';
import { COMMAND_OPTIONS } from '../commandOptions';

const STEPS = 3;
/** The longest file name most file systems take (ext4, NTFS, APFS …), extension included. */
export const MAX_NAME_BYTES = 255;

const bytesOf = (text: string) => Buffer.byteLength(text, 'utf8');

/** The longest start of `text` within `bytes` UTF-8 bytes, never splitting a character. */
function cutToBytes(text: string, bytes: number): string {
  let kept = '';
  for (const { segment } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)) {
    if (bytesOf(kept + segment) > bytes) break;
    kept += segment;
  }
  return kept;
}

function safeForFiles(text: string): string {
  return [...text]
    .map((c) => (/[\\/:*?"<>|]/.test(c) || c.charCodeAt(0) < 32 ? '_' : c))
    .join('')
    .trim();
}

/**
 * "P01 红星文创 2026-11.xlsx": characters no file system takes become "_", and a name longer
 * than MAX_NAME_BYTES is shortened (by bytes, at a character's end, with "…"), keeping the
 * partner's ID and the month. An ID too long by itself keeps its start and a short hash of
 * the whole, so two such partners never share a file.
 */
export function reportFileName(
  report: Pick<PartnerReport, 'partnerId' | 'partner'>,
  month: string,
): string {
  const id = safeForFiles(report.partnerId);
  const name = report.partner === report.partnerId ? '' : safeForFiles(report.partner);
  const tail = ` ${month}.xlsx`;
  const full = name === '' ? `${id}${tail}` : `${id} ${name}${tail}`;
  if (bytesOf(full) <= MAX_NAME_BYTES) return full;
  const room = MAX_NAME_BYTES - bytesOf(`${id} …${tail}`);
  if (name !== '' && room > 0) return `${id} ${cutToBytes(name, room).trimEnd()}…${tail}`;
  const hash = createHash('sha256').update(report.partnerId).digest('hex').slice(0, 8);
  return `${cutToBytes(id, MAX_NAME_BYTES - bytesOf(`…~${hash}${tail}`))}…~${hash}${tail}`;
}

/** --out-dir: a file of that name is refused before the ledger is read. */
function outputFolder(context: CommandContext): string {
  const outDir = pathOption(context, 'out-dir');
  if (outDir === undefined) throw new CliError(2, 'cliPartnersMissingOutDir');
  inFolder(context, outDir, () => {
    const stat = fs.statSync(outDir, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) {
      throw new CliError(2, 'cliPartnersOutDirNotFolder', { dir: shownPath(context, outDir) });
    }
  });
  return outDir;
}

/**
 * --out-dir made when missing, only once there is a report to write: a run with nothing to
 * write (no partner wants a report) left an empty folder behind.
 */
function makeOutputFolder(context: CommandContext, outDir: string): void {
  inFolder(context, outDir, () => fs.mkdirSync(outDir, { recursive: true }));
}

/** `step` on --out-dir, what the file system refuses said as "cannot write" the folder. */
function inFolder(context: CommandContext, outDir: string, step: () => void): void {
  try {
    // Inside the try: a file on the way ("ledger.xlsx/reports") fails stat itself (ENOTDIR).
    step();
  } catch (error) {
    if (error instanceof CliError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError(2, 'cliCannotWrite', { file: shownPath(context, outDir), detail });
  }
}

/**
 * Refuses (unless --force) to replace what is at the report's name when it is not this
 * partner's report as gongfang wrote it: another file, a report someone changed, another
 * partner's report.
 */
function refuseUnlessOurs(
  context: CommandContext,
  target: PreparedWrite,
  report: PartnerReport,
): void {
  if (target.before === null || context.options.force === true) return;
  const file = shownPath(context, target.real);
  const found = existingReport(
    target.real,
    report.tabs.map((tab) => tab.name),
  );
  if (found.kind === 'earlierReport') return;
  if (found.kind === 'foreign') throw new CliError(2, 'filePartnerReportForeign', { file });
  if (found.kind === 'changedReport') throw new CliError(2, 'filePartnerReportEdited', { file });
  if (found.partnerId !== report.partnerId) {
    throw new CliError(2, 'filePartnerReportOtherPartner', {
      file,
      partnerId: report.partnerId,
      other: found.partnerId,
    });
  }
  if (!found.unchanged) throw new CliError(2, 'filePartnerReportEdited', { file });
}

async function writeReport(
  context: CommandContext,
  report: PartnerReport,
  file: string,
): Promise<void> {
  const target = await prepareWrite(context, file, { elsewhere: '--out-dir' });
  try {
    refuseUnlessOurs(context, target, report);
    const book = newWorkbook(context);
    for (const tab of report.tabs) book.replaceGeneratedTab(tab);
    book.markAsReport(report.partnerId);
    await writeSafely(target, context.held, (temporary) => book.writeTo(temporary));
  } finally {
    target.release();
  }
}

/**
 * Two partners whose file names are one file (IDs "A/1" and "A:1" both become "A_1"; on
 * Windows and macOS also names differing only in case or Unicode form): the second is refused
 * even with --force, which would otherwise replace the first partner's report just written
 * and list both as written.
 */
function refuseSameFileTwice(
  context: CommandContext,
  taken: Map<string, PartnerReport>,
  report: PartnerReport,
  target: string,
): void {
  const key = path.basename(target).normalize('NFC').toLowerCase();
  const first = taken.get(key);
  if (first) {
    throw new CliError(2, 'filePartnerReportOtherPartner', {
      file: shownPath(context, target),
      partnerId: report.partnerId,
      other: first.partnerId,
    });
  }
  taken.set(key, report);
}

/**
 * This month's reports left in --out-dir by an earlier run under a partner's former name (the
 * partner renamed in the ledger since), told by the partner ID each report carries: kept, never
 * deleted, but named, so two files of one partner are not taken for two partners' reports.
 */
function formerNames(
  outDir: string,
  month: string,
  written: readonly { report: PartnerReport; target: string }[],
): { partnerId: string; file: string }[] {
  const ids = new Set(written.map(({ report }) => report.partnerId));
  const names = new Set(written.map(({ target }) => path.basename(target)));
  let entries: string[];
  try {
    entries = fs.readdirSync(outDir).sort();
  } catch {
    return [];
  }
  return entries
    .filter((name) => name.endsWith(` ${month}.xlsx`) && !names.has(name))
    .map((name) => ({
      file: path.join(outDir, name),
      found: existingReport(path.join(outDir, name), []),
    }))
    .flatMap(({ file, found }) =>
      found.kind === 'report' && ids.has(found.partnerId)
        ? [{ partnerId: found.partnerId, file }]
        : [],
    );
}

interface Failed {
  readonly report: PartnerReport;
  readonly file: string;
  readonly code: string;
  readonly message: string;
}

async function run(context: CommandContext) {
  const file = fileArgument(context, 'partners');
  const today = todayOf(context);
  const month = monthOption(context) ?? defaultMonth(today);
  const outDir = outputFolder(context);
  const workbook = await openWorkbook(context, file, STEPS, { changeLog: false });
  requireSourceTabs(context, workbook);
  refuseUnreadPayTabs(context, workbook);
  computing(context, STEPS);
  const result = loadPartnerReports(workbook, { month, now: context.io.now(), today });
  const excluded = result.excludedPartners;
  const firstExcluded = excluded[0];
  if (result.reports.length === 0) {
    if (firstExcluded) {
      throw new CliError(1, 'cliPartnersExcluded', {
        count: excluded.length,
        command: checkCommand(context, file),
        first: `${firstExcluded.where}: ${firstExcluded.message}`,
      });
    }
    throw new CliError(1, 'cliPartnersNone');
  }
  context.progress.phase(t(context.lang, 'cliProgressWrite'), STEPS - 1, STEPS);
  makeOutputFolder(context, outDir);
  const currency = currencyOf(workbook);
  const written: { report: PartnerReport; target: string }[] = [];
  const failed: Failed[] = [];
  const namesTaken = new Map<string, PartnerReport>();
  for (const report of result.reports) {
    const target = path.join(outDir, reportFileName(report, result.month));
    try {
      refuseSameFileTwice(context, namesTaken, report, target);
      await writeReport(context, report, target);
      written.push({ report, target });
    } catch (error) {
      // One partner's report that cannot be written does not keep the next partners' back.
      const { code, message } = describeFailure(error, context.lang);
      failed.push({ report, file: target, code, message });
    }
  }
  context.progress.finish();
  const former = formerNames(outDir, result.month, written);
  context.emit({
    ok: failed.length === 0,
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
    failed: failed.map(({ report, file: target, code, message }) => ({
      partnerId: report.partnerId,
      file: target,
      code,
      message,
    })),
    excludedPartners: excluded,
    leftUnderFormerName: former,
  });
  // Not "Wrote … reports for 0 partners" when every report failed: the failures say it all.
  if (written.length > 0 || failed.length === 0) {
    context.say(
      t(context.lang, 'cliPartnersWrote', {
        month: result.month,
        count: written.length,
        dir: shownPath(context, outDir),
      }),
    );
  }
  for (const { report, target } of written) {
    const total = moneyText(report.statement.total, currency);
    context.say(`  ${shownPath(context, target)}  ${report.statement.acceptedPieces}  ${total}`);
  }
  for (const { partnerId, file: left } of former) {
    context.say(
      t(context.lang, 'cliPartnersFormerName', { file: shownPath(context, left), partnerId }),
    );
  }
  if (firstExcluded) {
    context.say(
      t(context.lang, 'cliPartnersSkippedRows', {
        count: excluded.length,
        command: checkCommand(context, file),
        first: `${firstExcluded.where}: ${firstExcluded.message}`,
      }),
    );
  }
  for (const failure of failed) context.io.stderr.write(`gongfang: ${failure.message}\n`);
  if (failed.length > 0) {
    const total = result.reports.length;
    // "…; the others were" only when some were: a read-only --out-dir fails them all.
    const summary =
      written.length === 0
        ? t(context.lang, 'cliPartnersAllFailed', { total })
        : t(context.lang, 'cliPartnersSomeFailed', { failed: failed.length, total });
    context.io.stderr.write(`gongfang: ${summary}\n`);
  }
  return failed.length > 0 ? (2 as const) : (0 as const);
}

export const partnersCommand: Command = {
  name: 'partners',
  usage: 'cliPartnersUsage',
  options: COMMAND_OPTIONS.partners,
  maxFiles: 1,
  run,
};
