/**
 * `gongfang archive FILE --year YYYY --out ARCHIVE.xlsx`: a closed year leaves the ledger for a
 * new workbook. In this order, so nothing is lost: the archive is written (safely, as every file
 * the command writes) and read back from disk, cell by cell; only then are the year's rows taken
 * out of the ledger, with rows carried forward in their place and Settings naming the archive,
 * and the ledger saved once. Anything failing before that save leaves the ledger as it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyArchive, planArchive, verifyArchive } from '../../features/archiveYear';
import type { ArchivePlan, ArchiveResult, ExpectedTab } from '../../features/archiveYear';
import { isGongfangError } from '../../features/errors';
import { t } from '../../i18n';
import type { Command, CommandContext } from '../context';
import { CliError } from '../errors';
import { writeSafely } from '../../xlsx/workbookFile';
import { XlsxWorkbook } from '../../xlsx/xlsxWorkbook';
import { rememberWritten } from '../../xlsx/writtenFiles';
import { envLang } from '../locale';
import {
  computing,
  fileArgument,
  newWorkbook,
  nowOf,
  openWorkbook,
  pathOption,
  prepareWrite,
  requireSourceTabs,
  saveWorkbook,
  shownPath,
  todayOf,
} from '../session';
import type { PreparedWrite } from '../session';
import type { GeneratedTab } from '../../workbook/port';
import { yearOption } from './year';
import { COMMAND_OPTIONS } from '../commandOptions';
import { noteOwnWrite, ownEntry } from '../audit';

const STEPS = 4;

/** Where the archive is, as Settings records it: beside the ledger, by its own name. */
function locationOf(ledger: string, archive: string): string {
  const relative = path.relative(path.dirname(ledger), archive);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative
    : archive;
}

/** Writes the archive's tabs into a new workbook at `target`, then reads them back from disk. */
async function writeArchive(
  context: CommandContext,
  plan: ArchivePlan,
  target: PreparedWrite,
): Promise<void> {
  const book = newWorkbook(context);
  // The copied tabs come first, in the order of plan.expected.
  plan.tabs.forEach((tab, i) => book.replaceGeneratedTab(printedCopy(tab, plan.expected[i])));
  await writeSafely(target, context.held, (temporary) => book.writeTo(temporary));
  rememberWritten(context.io.env, target.real, context.io.now());
  const back = await XlsxWorkbook.open(target.real, {
    timeZone: context.timeZone,
    envLang: envLang(context.io.env),
  });
  verifyArchive(
    plan,
    plan.expected.map((tab) => back.readTab([tab.name])),
  );
}

/**
 * A copied tab (居民 … 结账, 审计) printed as the ledger prints it: its header on every page and
 * each page footed with the tab's name and number — the archive is what an auditor prints, and
 * 60 pages of 计件 with a header on the first only, unnumbered, hid a missing page. The year's
 * own tabs come with their layout.
 */
function printedCopy(tab: GeneratedTab, copied?: ExpectedTab): GeneratedTab {
  if (tab.print !== undefined) return tab;
  const width = Math.max(0, ...tab.cells.map((row) => row.length));
  // Closings prints the columns the ledger prints (A–I): with the fingerprint and detail too,
  // the page was shrunk to half size to fit them on, and they printed cut all the same.
  const printColumns = copied?.printColumns ?? null;
  const print = { boxes: [], cutLines: [], pageBreaks: [], repeatRows: 1, printColumns };
  return { ...tab, print: { ...print, width, footer: { left: '', page: '{page}' } } };
}

function report(context: CommandContext, result: ArchiveResult, file: string, out: string): void {
  const { lang } = context;
  context.emit({
    ok: true,
    file,
    archive: out,
    year: result.year,
    lang: result.lang,
    location: result.location,
    moved: result.moved,
    removed: result.removed,
    carried: result.carried,
    tabs: result.tabs,
  });
  context.say(
    t(lang, 'cliArchived', {
      year: result.year,
      pieces: result.moved.pieces,
      adjustments: result.moved.adjustments,
      archive: shownPath(context, out),
    }),
  );
  context.say(
    t(lang, 'cliArchiveCarried', {
      file: shownPath(context, file),
      carried: result.carried.pieces + result.carried.adjustments,
      location: result.location,
    }),
  );
}

async function run(context: CommandContext) {
  const file = fileArgument(context, 'archive');
  const out = pathOption(context, 'out');
  if (out === undefined) throw new CliError(2, 'cliArchiveMissingOut');
  const year = yearOption(context);
  if (year === undefined) throw new CliError(2, 'cliArchiveMissingYear');
  if (path.resolve(out) === path.resolve(file)) {
    throw new CliError(2, 'cliArchiveSameFile', { file: shownPath(context, out) });
  }
  if (sameFile(out, file)) {
    // A link to the ledger: its own lock would meet the ledger's, "in use" by this very run.
    const names = { file: shownPath(context, out), ledger: shownPath(context, file) };
    throw new CliError(2, 'cliArchiveOtherName', names);
  }
  // An archive is the only copy of its year's rows: one gongfang wrote (last year's, the same
  // --out given again) is no more replaceable than any other file, unless --force says so.
  if (context.options.force !== true && isFile(out)) {
    throw new CliError(2, 'cliArchiveExists', { file: shownPath(context, out) });
  }
  const today = todayOf(context);
  const ledgerTarget = await prepareWrite(context, file, { source: file });
  const archiveTarget = await prepareWrite(context, out, { newFile: true, elsewhere: '--out' });
  const workbook = await openWorkbook(context, file, STEPS);
  requireSourceTabs(context, workbook);
  computing(context, STEPS);
  const plan = plannedArchive(workbook, { year, now: nowOf(context), today });
  context.progress.phase(t(context.lang, 'cliProgressWrite'), 2, STEPS);
  try {
    fs.mkdirSync(path.dirname(archiveTarget.real), { recursive: true });
  } catch {
    // prepareWrite has said what it could about the folder; writeSafely says the rest.
  }
  await writeArchive(context, plan, archiveTarget);
  const result = applyArchive(workbook, plan, locationOf(file, out));
  // A year of rows leaving the ledger is the largest write Gongfang makes: on Audit, as in
  // Sheets (docs/year-end.md), in the same save.
  noteOwnWrite(
    context,
    workbook,
    ownEntry('archiveYear', (lang) => ({
      rows: result.moved.pieces + result.moved.adjustments,
      details: t(lang, 'auditArchived', {
        year: result.year,
        pieces: result.moved.pieces,
        adjustments: result.moved.adjustments,
        carried: result.carried.pieces + result.carried.adjustments,
        location: result.location,
      }),
    })),
  );
  await saveWorkbook(context, workbook, ledgerTarget, STEPS);
  context.progress.finish();
  report(context, result, file, out);
  return 0 as const;
}

/**
 * The archive's plan. Refused for corrections still owed, the refusal names the command that
 * writes them: the gongfang check it says to run only lists them without --correct (Sheets'
 * Check data asks instead).
 */
function plannedArchive(...args: Parameters<typeof planArchive>): ArchivePlan {
  try {
    return planArchive(...args);
  } catch (error) {
    if (isGongfangError(error) && error.key === 'arChanged') error.withNext({ kind: 'correct' });
    throw error;
  }
}

export const archiveCommand: Command = {
  name: 'archive',
  usage: 'cliArchiveUsage',
  options: COMMAND_OPTIONS.archive,
  maxFiles: 1,
  run,
};

/** Whether two names reach one file: a symbolic or hard link (0: a file system without inodes). */
function sameFile(one: string, other: string): boolean {
  try {
    const a = fs.statSync(one);
    const b = fs.statSync(other);
    return a.ino !== 0 && a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/**
 * Whether `name` is a file. A file where a folder of its path should be (ENOTDIR) is no archive
 * there: prepareWrite then says the folder does not exist, where stat's error was "Unexpected".
 */
function isFile(name: string): boolean {
  try {
    return fs.statSync(name, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}
