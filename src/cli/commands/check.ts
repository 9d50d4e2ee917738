/**
 * `gongfang check FILE`: every problem in the data, located by tab, row and column, and the
 * closed months whose rows changed since closing. `--mark` marks the bad cells; `--correct`
 * writes the correction rows of changed closed months to 调整 / Adjustments.
 */
import { markCells } from '../../features/checkData';
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
import { withCommandNames } from '../menuNames';
import { formatTable } from '../output';
import {
  computing,
  fileArgument,
  openWorkbook,
  prepareWrite,
  requireSourceTabs,
  saveWorkbook,
  shownPath,
  todayOf,
} from '../session';

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
export function problemLines(ledger: Ledger, lang: Lang): ProblemLine[] {
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
      message: withCommandNames(message, lang),
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
  for (const line of lines) context.say(withCommandNames(line, context.lang));
  const offered = changes.some((change) => change.corrections.length > 0);
  if (corrected !== null && corrected > 0) {
    context.say(
      t(context.lang, 'cliCorrected', { file: shownPath(context, file), count: corrected }),
    );
  } else if (corrected === null && offered) {
    context.say(t(context.lang, 'cliCorrectHint'));
  }
}

async function run(context: CommandContext) {
  const file = fileArgument(context, 'check');
  const mark = context.options.mark === true;
  const correct = context.options.correct === true;
  const steps = mark || correct ? 3 : 2;
  const today = todayOf(context);
  // Only --mark and --correct write; a plain check reads without the lock (docs/files.md).
  const target = mark || correct ? await prepareWrite(context, file, { source: file }) : null;
  const workbook = await openWorkbook(context, file, steps);
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
  const marks = mark ? markCells(workbook, ledger) : null;
  const marksWritten = workbook.changed;
  const corrections = closedMonths.flatMap((change) => change.corrections);
  // applyCorrections works the changes out again and writes only the rows still owed.
  const corrected = correct ? applyCorrections(workbook, corrections, { today }) : null;
  if (workbook.changed && target) await saveWorkbook(context, workbook, target, steps);
  const lines = problemLines(ledger, context.lang);
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
  });
  if (lines.length === 0) {
    context.say(t(context.lang, 'cliCheckClean'));
  } else {
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
  sayClosedMonths(context, ledger, closedMonths, corrected, file);
  return counts.errors > 0 ? 1 : 0;
}

export const checkCommand: Command = {
  name: 'check',
  usage: 'cliCheckUsage',
  options: { mark: { type: 'boolean' }, correct: { type: 'boolean' } },
  maxFiles: 1,
  run,
};
