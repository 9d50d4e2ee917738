/**
 * `gongfang check FILE`: every problem in the data, located by tab, row and column, and the
 * closed months whose rows changed since closing. `--mark` marks the bad cells; `--correct`
 * writes the correction rows of changed closed months to 调整 / Adjustments.
 */
import { markCells, markUpdates } from '../../features/checkData';
import {
  type ClosedMonthReport,
  applyCorrections,
  closedMonthChanges,
  closingNotices,
  describeChangesIn,
} from '../../features/closedMonths';
import {
  closedMonthKeys,
  closingsLost,
  closingsOfLedger,
  readClosingsFirst,
} from '../../features/monthData';
import { loadLedger, renderProblem } from '../../features/loadLedger';
import type { Ledger } from '../../features/loadLedger';
import { t } from '../../i18n';
import type { Lang } from '../../i18n';
import type { Command, CommandContext } from '../context';
import type { AuditEntry } from '../../domain/audit';
import {
  actionLabel,
  asRecord,
  changeWords,
  flagsText,
  readAuditTrail,
} from '../../features/audit';
import { whoChangedLines } from '../../features/closedMonthAudit';
import { isArchivedMonth } from '../../features/archived';
import type { FileChange } from '../../features/fileChanges';
import {
  changesOf,
  hasChangesToRecord,
  logRestarted,
  noteOwnWrite,
  ownEntry,
  pendingEntries,
  savedBy,
} from '../audit';
import { withCommandNames } from '../menuNames';
import { formatTable } from '../output';
import {
  computing,
  fileArgument,
  openWorkbook,
  prepareWrite,
  renamedColumns,
  requireSourceTabs,
  saveWorkbook,
  shownPath,
  todayOf,
} from '../session';
import type { XlsxWorkbook } from '../../xlsx/xlsxWorkbook';
import { COMMAND_OPTIONS } from '../commandOptions';

export interface ProblemLine {
  readonly severity: 'error' | 'warning';
  /** The tab's identifier: residents, partners, orders, pieces, adjustments, settings. */
  readonly tab: string;
  /** The tab's name in the workbook. */
  readonly tabName: string;
  readonly row: number;
  readonly column: string | null;
  readonly code: string;
  readonly where: string;
  readonly message: string;
}

/**
 * Problems as the command prints them: words in the run's language (`lang`), the place as the
 * sheet names it, and stable English identifiers (`tab`, `column`, `code`) for --json.
 */
export function problemLines(ledger: Ledger, lang: Lang, file?: string): ProblemLine[] {
  return ledger.problems.map((problem) => {
    const { where, message } = renderProblem(problem, ledger, lang);
    return {
      severity: problem.severity,
      tab: problem.tab,
      tabName: ledger.tabs[problem.tab]?.name ?? problem.tab,
      row: problem.row,
      column: problem.column,
      code: problem.code,
      where,
      // "Run Gongfang › Set up workbook" is a menu of Sheets: here, the command to run.
      message: withCommandNames(message, lang, file),
    };
  });
}

export function countSeverities(lines: readonly ProblemLine[]) {
  const errors = lines.filter((line) => line.severity === 'error').length;
  return { errors, warnings: lines.length - errors };
}

export function problemTable(lines: readonly ProblemLine[], lang: Lang): string {
  const header = [
    t(lang, 'cliColumnSeverity'),
    t(lang, 'cliColumnWhere'),
    t(lang, 'cliColumnMessage'),
  ];
  const rows = lines.map((line) => [
    t(lang, line.severity === 'error' ? 'cliSeverityError' : 'cliSeverityWarning'),
    line.where,
    line.message,
  ]);
  return formatTable([header, ...rows]);
}

/** The closed months' section of the text output, and what --correct did or would do. */
function sayClosedMonths(
  context: CommandContext,
  ledger: Ledger,
  changes: readonly ClosedMonthReport[],
  corrected: number | null,
  file: string,
): void {
  if (changes.length === 0) return;
  context.say('');
  const lines = describeChangesIn(context.lang, ledger.settings.currency, changes);
  for (const line of lines) context.say(withCommandNames(line, context.lang, context.files[0]));
  const offered = changes.some((change) => change.corrections.length > 0);
  if (corrected !== null && corrected > 0) {
    context.say(
      t(context.lang, 'cliCorrected', { file: shownPath(context, file), count: corrected }),
    );
  } else if (corrected === null && offered) {
    context.say(t(context.lang, 'cliCorrectHint'));
  }
}

/** The rows changed in the file since the last run, as the Audit tab records them. */
function sayChanges(
  context: CommandContext,
  changes: readonly FileChange[],
  entries: readonly AuditEntry[],
  recorded: boolean,
  settings: Ledger['settings'],
  who: string,
): void {
  if (changes.length === 0) return;
  const [first] = entries.filter((entry) => entry.action !== 'logRestarted');
  context.say('');
  context.say(
    t(context.lang, 'cliChangesHeading', {
      count: changes.length,
      who,
      when: first?.at ?? '',
    }),
  );
  const lines = entries
    .filter((entry) => entry.action !== 'logRestarted')
    .slice(0, changes.length)
    .slice(0, LISTED_CHANGES);
  for (const entry of lines) {
    const change = changeWords(entry.before, entry.after, context.lang);
    context.say(
      t(context.lang, 'cliChangeLine', {
        action: actionLabel(entry.action, context.lang),
        where: `${entry.tab} ${entry.range}`,
        change,
        flags: flagsText(entry.flags, entry.closedMonths, context.lang),
      }),
    );
  }
  if (changes.length > LISTED_CHANGES) {
    context.say(t(context.lang, 'auditMore', { count: changes.length - LISTED_CHANGES }));
  }
  sayArchivedChanged(context, changes, settings);
  context.say(t(context.lang, recorded ? 'cliChangesRecorded' : 'cliChangesNotRecorded'));
}

const LISTED_CHANGES = 30;

/** Optional columns typed over in Excel: read as absent, which no problem says (docs/command.md). */
function sayRenamedColumns(context: CommandContext, workbook: XlsxWorkbook): void {
  const lines = renamedColumns(workbook, false).map((each) =>
    t(context.lang, 'cliColumnMaybeRenamed', each),
  );
  if (lines.length > 0) context.say(['', ...lines].join('\n'));
}

/**
 * Rows changed in a month of an archived year: Check data makes no correction for such a month
 * (docs/year-end.md), so "[closed month]" alone would let a late slip go unpaid unseen. Months
 * never closed too (before the ledger's first month with rows): generate and close refuse them.
 */
function sayArchivedChanged(
  context: CommandContext,
  changes: readonly FileChange[],
  settings: Ledger['settings'],
): void {
  const months = new Set(changes.flatMap((change) => change.months));
  const archived = [...months].filter((month) => isArchivedMonth(settings, month)).sort();
  if (archived.length === 0) return;
  const separator = context.lang === 'zh-CN' ? '、' : ', ';
  context.say(t(context.lang, 'cliArchivedChanged', { months: archived.join(separator) }));
}

async function run(context: CommandContext) {
  const file = fileArgument(context, 'check');
  const mark = context.options.mark === true;
  const correct = context.options.correct === true;
  const steps = mark || correct ? 3 : 2;
  const today = todayOf(context);
  // A plain check only reads: not a byte of the file, nor its modified time, changes. It says
  // what changed since the last run that wrote the workbook; the next writing command (this
  // one with --mark or --correct) records that on Audit (docs/roles.md).
  const target = mark || correct ? await prepareWrite(context, file, { source: file }) : null;
  const workbook = await openWorkbook(context, file, steps, { editsSourceSheets: mark });
  requireSourceTabs(context, workbook);
  computing(context, steps);
  // As Check data in Sheets: closed months quiet two warnings on their rows, and those whose
  // rows changed since closing are reported.
  const first = readClosingsFirst(workbook);
  const ledger = loadLedger(workbook, {
    today,
    withNotes: mark,
    closedMonths: closedMonthKeys(first),
    tabNames: workbook.tabNames(),
  });
  const closings = closingsOfLedger(workbook, first, ledger);
  // In the run's language, as everything the command prints (issue 22, finding 5).
  const notices = closingNotices(ledger, closings, context.lang);
  const closedMonths = closingsLost(closings, ledger) ? [] : closedMonthChanges(ledger, closings);
  const updates = mark ? markUpdates(ledger) : null;
  if (updates) await workbook.prepareMarks(updates);
  const marks = updates ? markCells(workbook, ledger, updates) : null;
  const marksWritten = workbook.changed;
  const corrections = closedMonths.flatMap((change) => change.corrections);
  // applyCorrections works the changes out again and writes only the rows still owed.
  const corrected = correct ? applyCorrections(workbook, corrections, { today }) : null;
  if (corrected !== null && corrected > 0) {
    noteOwnWrite(
      context,
      workbook,
      ownEntry('corrections', (lang) => ({
        tab: ledger.tabs.adjustments?.name ?? '',
        rows: corrected,
        details: t(lang, 'auditCorrections', { count: corrected }),
      })),
    );
  }
  const changes = changesOf(workbook);
  const pending = pendingEntries(context, workbook);
  const trail = [...readAuditTrail(workbook), ...pending.map((e) => asRecord(e, ledger.lang))];
  const recorded = target !== null && (workbook.changed || hasChangesToRecord(workbook));
  if (recorded) await saveWorkbook(context, workbook, target, steps);
  const lines = problemLines(ledger, context.lang, context.files[0]);
  const counts = countSeverities(lines);
  context.progress.finish();
  context.emit({
    ok: counts.errors === 0,
    file,
    lang: ledger.lang,
    moneyUnit: 'fen',
    ...counts,
    ...marks,
    problems: lines,
    notices,
    closedMonths,
    corrections,
    ...(corrected === null ? {} : { corrected }),
    changedSinceLastRun: changes,
  });
  if (lines.length === 0) {
    context.say(t(context.lang, 'cliCheckClean'));
  } else if (!context.json) {
    // Under --json nothing is said: the table (a line per problem) is not laid out either.
    context.say(problemTable(lines, context.lang));
    context.say('');
    context.say(
      counts.errors === 0
        ? t(context.lang, 'cliCheckWarningsOnly', counts)
        : t(context.lang, 'cliCheckCounts', counts),
    );
  }
  if (marks && marksWritten) {
    context.say(t(context.lang, 'cliMarked', { file: shownPath(context, file), ...marks }));
  }
  if (notices.length > 0) context.say(['', ...notices].join('\n'));
  sayRenamedColumns(context, workbook);
  sayClosedMonths(context, ledger, closedMonths, corrected, file);
  if (closedMonths.length > 0) {
    context.say(['', ...whoChangedLines(closedMonths, trail, context.lang)].join('\n'));
  }
  sayChanges(context, changes, pending, recorded, ledger.settings, savedBy(workbook, context.lang));
  // Its snapshot gone, the log cannot say what changed: said, not a silent gap on Audit.
  const restarted = logRestarted(workbook);
  if (restarted !== null) {
    context.say('');
    const key =
      restarted === 'auditGone'
        ? 'cliAuditTabGone'
        : restarted === 'auditEdited'
          ? 'cliAuditEdited'
          : 'cliLogRestarted';
    context.say(t(context.lang, key, { recorded }));
  }
  return counts.errors > 0 ? 1 : 0;
}

export const checkCommand: Command = {
  name: 'check',
  usage: 'cliCheckUsage',
  options: COMMAND_OPTIONS.check,
  maxFiles: 1,
  run,
};
