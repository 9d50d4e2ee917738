/**
 * Check data (菜单「工坊 › 检查数据」): validates the whole ledger, marks every bad cell in the
 * sheet (light red, with a note saying why) and clears the marks of cells fixed since the last
 * check. Gongfang's notes start with MARK_NOTE_PREFIX, which is how they are told from staff's
 * own notes; those are never removed. It also reports each closed month whose rows changed
 * since closing, with the correction rows that would settle it (written only on confirmation,
 * by applyCorrections in closedMonths.ts).
 */
import type { IsoDate } from '../domain/records';
import type { Problem, Severity, SourceTabKey } from '../domain/problems';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import type { CellPosition } from '../workbook/cells';
import { SOURCE_TABS } from '../workbook/layout';
import { MARK_NOTE_PREFIX, type MarkUpdate, type Workbook } from '../workbook/port';
import type { Correction } from '../domain/closing';
import {
  type ClosedMonthReport,
  closedMonthChanges,
  closingNotices,
  describeChangesIn,
} from './closedMonths';
import { type Ledger, loadLedger, renderProblem } from './loadLedger';
import { ledgerTabs, refuseUnreadColumns, refuseUnreadTabs } from './unreadColumns';
import {
  type ClosingsTab,
  closedMonthKeys,
  closingsLost,
  closingsOfLedger,
  readClosingsFirst,
} from './monthData';

/** How many problems the dialog lists one by one; the rest are only counted (and marked). */
export const LISTED_PROBLEMS = 15;

export interface ProblemKind {
  readonly severity: Severity;
  readonly code: string;
  readonly count: number;
  /** The first such problem, located and worded. */
  readonly example: string;
}

export interface ListedProblem {
  readonly severity: Severity;
  readonly where: string;
  readonly message: string;
}

export interface CheckReport {
  readonly lang: Lang;
  readonly errors: number;
  readonly warnings: number;
  readonly kinds: readonly ProblemKind[];
  readonly listed: readonly ListedProblem[];
  /** Cells carrying a mark after the check, and earlier marks removed. */
  readonly markedCells: number;
  readonly clearedCells: number;
  /** Closed months whose rows changed since closing, oldest first ([] when none did). */
  readonly closedMonths: readonly ClosedMonthReport[];
  /** The correction rows offered for them, all months together. */
  readonly corrections: readonly Correction[];
  /** The Settings currency, for the closed months' amounts. */
  readonly currency: string;
  /** Closings lost, negative net pay (closingNotices), in the sheet's language. */
  readonly notices: readonly string[];
}

export function checkData(
  workbook: Workbook,
  options: { readonly today: IsoDate; readonly listed?: number },
): CheckReport {
  // Closings first: its closed months quiet two warnings on their rows (docs/data-rules.md),
  // and the same read then gives the closed months that changed.
  const tabNames = workbook.tabNames();
  const first = readClosingsFirst(workbook);
  const ledger = loadLedger(workbook, {
    today: options.today,
    withNotes: true,
    closedMonths: closedMonthKeys(first),
    tabNames,
  });
  refuseUnreadTabs(workbook, ledgerTabs(ledger), ledger.lang);
  refuseUnreadColumns(ledgerTabs(ledger));
  const closings = closingsOfLedger(workbook, first, ledger);
  const marks = markCells(workbook, ledger);
  const rendered = ledger.problems.map((problem) => ({
    problem,
    ...renderProblem(problem, ledger),
  }));
  return {
    lang: ledger.lang,
    errors: ledger.problems.filter((p) => p.severity === 'error').length,
    warnings: ledger.problems.filter((p) => p.severity === 'warning').length,
    kinds: kindsOf(rendered, ledger.lang),
    listed: rendered
      .slice(0, options.listed ?? LISTED_PROBLEMS)
      .map(({ problem, where, message }) => ({ severity: problem.severity, where, message })),
    markedCells: marks.marked,
    clearedCells: marks.cleared,
    ...closedMonthsOf(ledger, closings),
  };
}

/** From the ledger just loaded and the Closings tab read with it: no other read. */
function closedMonthsOf(
  ledger: Ledger,
  closings: ClosingsTab,
): Pick<CheckReport, 'closedMonths' | 'corrections' | 'currency' | 'notices'> {
  const notices = closingNotices(ledger, closings);
  // A lost Closings tab cannot say which months were paid: no corrections are offered then.
  const trusted = closingsLost(closings, ledger) === null;
  const closedMonths = trusted ? closedMonthChanges(ledger, closings) : [];
  return {
    notices,
    closedMonths,
    corrections: closedMonths.flatMap((change) => change.corrections),
    currency: ledger.settings.currency,
  };
}

/**
 * Marks the ledger's bad cells and clears marks of fixed ones; says how many of each. `updates`
 * are markUpdates(ledger), when the caller needed them first (the command reads the rows to
 * mark of a big tab before: XlsxWorkbook.prepareMarks).
 */
export function markCells(
  workbook: Pick<Workbook, 'markCells'>,
  ledger: Ledger,
  updates: readonly MarkUpdate[] = markUpdates(ledger),
): { marked: number; cleared: number } {
  let marked = 0;
  let cleared = 0;
  for (const update of updates) {
    workbook.markCells(update);
    marked += update.marks.length;
    cleared += update.clear.length;
  }
  return { marked, cleared };
}

/**
 * One update per tab that has problems or old marks. A problem about a cell marks that cell; a
 * problem about a whole row marks the row's first cell; problems about a whole tab (missing,
 * no header row, a missing column) are reported only, as there is no cell to mark. Settings
 * problems are reported only too: loadLedger does not read that tab's notes.
 */
export function markUpdates(ledger: Ledger): MarkUpdate[] {
  const updates: MarkUpdate[] = [];
  for (const spec of SOURCE_TABS) {
    const contents = ledger.tabs[spec.key];
    // A tab whose notes were not read could be marked but never cleared again: not marked.
    if (contents?.notes === undefined) continue;
    const marks = marksOf(ledger, spec.key);
    const clear = oldMarks(contents.notes ?? []).filter((cell) => !marks.has(keyOf(cell)));
    if (marks.size === 0 && clear.length === 0) continue;
    updates.push({ tab: contents.name, marks: [...marks.values()], clear });
  }
  return updates;
}

type Mark = CellPosition & { note: string };

function marksOf(ledger: Ledger, tab: SourceTabKey): Map<string, Mark> {
  const columns = ledger.columns[tab] ?? {};
  const height = ledger.tabs[tab]?.values.length ?? 0;
  const lines = new Map<string, { cell: CellPosition; lines: string[] }>();
  for (const problem of ledger.problems) {
    if (problem.tab !== tab || problem.row < 2 || problem.row > height) continue;
    const column = problem.column === null ? 1 : columns[problem.column];
    if (column === undefined) continue;
    const cell = { row: problem.row, column };
    const entry = lines.get(keyOf(cell)) ?? { cell, lines: [] };
    entry.lines.push(noteLine(problem, ledger));
    lines.set(keyOf(cell), entry);
  }
  const marks = new Map<string, Mark>();
  for (const [key, entry] of lines) {
    marks.set(key, { ...entry.cell, note: MARK_NOTE_PREFIX + entry.lines.join('\n') });
  }
  return marks;
}

/** One line of a cell's mark: "[错误] …" (Check data and the checks while typing write the same). */
export function noteLine(
  problem: Problem,
  ledger: Pick<Ledger, 'lang' | 'tabs'> & Partial<Pick<Ledger, 'columns'>>,
): string {
  return `[${severityWord(ledger.lang, problem.severity)}] ${renderProblem(problem, ledger).message}`;
}

/** Cells whose note Gongfang wrote on an earlier check. */
function oldMarks(notes: readonly (readonly string[])[]): CellPosition[] {
  const cells: CellPosition[] = [];
  notes.forEach((row, r) =>
    row.forEach((note, c) => {
      if (note.startsWith(MARK_NOTE_PREFIX)) cells.push({ row: r + 1, column: c + 1 });
    }),
  );
  return cells;
}

const keyOf = (cell: CellPosition): string => `${cell.row}:${cell.column}`;

function kindsOf(
  rendered: readonly { problem: Problem; where: string; message: string }[],
  lang: Lang,
): ProblemKind[] {
  const colon = lang === 'zh-CN' ? '：' : ': ';
  const kinds = new Map<
    string,
    { severity: Severity; code: string; count: number; example: string }
  >();
  for (const { problem, where, message } of rendered) {
    const key = `${problem.severity}:${problem.code}`;
    const kind = kinds.get(key);
    if (kind !== undefined) kind.count += 1;
    else
      kinds.set(key, {
        severity: problem.severity,
        code: problem.code,
        count: 1,
        example: `${where}${colon}${message}`,
      });
  }
  return [...kinds.values()].sort(
    (a, b) =>
      Number(a.severity === 'warning') - Number(b.severity === 'warning') || b.count - a.count,
  );
}

function severityWord(lang: Lang, severity: Severity): string {
  return t(lang, severity === 'error' ? 'checkSeverityError' : 'checkSeverityWarning');
}

/**
 * The report as the text of a dialog, in the user's language: the problems, then the closed
 * months that changed (nothing about them when none did).
 */
export function describeCheck(report: CheckReport): string {
  const closed =
    report.closedMonths.length === 0
      ? []
      : ['', ...describeChangesIn(report.lang, report.currency, report.closedMonths)];
  const notices = report.notices.length === 0 ? [] : ['', ...report.notices];
  return [...describeProblems(report), ...notices, ...closed].join('\n');
}

function describeProblems(report: CheckReport): string[] {
  const { lang } = report;
  if (report.errors + report.warnings === 0) {
    const cleared =
      report.clearedCells > 0 ? [t(lang, 'checkCleared', { count: report.clearedCells })] : [];
    return [t(lang, 'checkAllGood'), ...cleared];
  }
  const lines = [t(lang, 'checkCounts', { errors: report.errors, warnings: report.warnings }), ''];
  lines.push(t(lang, 'checkByKindHeading'));
  for (const kind of report.kinds) {
    const severity = severityWord(lang, kind.severity);
    lines.push(t(lang, 'checkKindLine', { severity, count: kind.count, example: kind.example }));
  }
  lines.push('', t(lang, 'checkFirstHeading', { count: report.listed.length }));
  for (const listed of report.listed) {
    const severity = severityWord(lang, listed.severity);
    lines.push(
      t(lang, 'checkProblemLine', { severity, where: listed.where, message: listed.message }),
    );
  }
  const unlisted = report.errors + report.warnings - report.listed.length;
  if (unlisted > 0) lines.push(t(lang, 'checkMore', { count: unlisted }));
  lines.push('', t(lang, 'checkMarksHint'));
  if (report.clearedCells > 0) lines.push(t(lang, 'checkCleared', { count: report.clearedCells }));
  return lines;
}
