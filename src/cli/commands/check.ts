/** `gongfang check FILE`: every problem in the data, located by tab, row and column. */
import { markUpdates } from '../../features/checkData';
import { loadLedger, renderProblem } from '../../features/loadLedger';
import type { Ledger } from '../../features/loadLedger';
import { t } from '../../i18n';
import type { Lang } from '../../i18n';
import type { Command, CommandContext } from '../context';
import { formatTable } from '../output';
import type { XlsxWorkbook } from '../xlsxWorkbook';
import {
  computing,
  fileArgument,
  openWorkbook,
  requireSourceTabs,
  saveWorkbook,
  shownPath,
  todayOf,
} from '../session';

export interface ProblemLine {
  readonly severity: 'error' | 'warning';
  readonly tab: string;
  readonly row: number;
  readonly column: string | null;
  readonly code: string;
  readonly where: string;
  readonly message: string;
}

export function problemLines(ledger: Ledger): ProblemLine[] {
  return ledger.problems.map((problem) => {
    const { where, message } = renderProblem(problem, ledger);
    return {
      severity: problem.severity,
      tab: ledger.tabs[problem.tab]?.name ?? problem.tab,
      row: problem.row,
      column: problem.column,
      code: problem.code,
      where,
      message,
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

/** Marks bad cells and clears marks of fixed ones, as Check data does in Sheets. */
function markCells(workbook: XlsxWorkbook, ledger: Ledger): { marked: number; cleared: number } {
  let marked = 0;
  let cleared = 0;
  for (const update of markUpdates(ledger)) {
    workbook.markCells(update);
    marked += update.marks.length;
    cleared += update.clear.length;
  }
  return { marked, cleared };
}

async function run(context: CommandContext) {
  const file = fileArgument(context, 'check');
  const mark = context.options.mark === true;
  const steps = mark ? 3 : 2;
  const workbook = await openWorkbook(context, file, steps);
  requireSourceTabs(context, workbook);
  computing(context, steps);
  const ledger = loadLedger(workbook, { today: todayOf(context), withNotes: mark });
  const marks = mark ? markCells(workbook, ledger) : null;
  if (workbook.changed) await saveWorkbook(context, workbook, file, steps);
  const lines = problemLines(ledger);
  const counts = countSeverities(lines);
  context.progress.finish();
  context.emit({
    ok: counts.errors === 0,
    file,
    lang: ledger.lang,
    ...counts,
    ...marks,
    problems: lines,
  });
  if (lines.length === 0) {
    context.say(t(context.lang, 'cliCheckClean'));
  } else {
    context.say(problemTable(lines, context.lang));
    context.say('');
    context.say(t(context.lang, 'cliCheckCounts', counts));
  }
  if (marks && workbook.changed) {
    context.say(t(context.lang, 'cliMarked', { file: shownPath(context, file), ...marks }));
  }
  return counts.errors > 0 ? 1 : 0;
}

export const checkCommand: Command = {
  name: 'check',
  usage: 'cliCheckUsage',
  options: { mark: { type: 'boolean' } },
  maxFiles: 1,
  run,
};
