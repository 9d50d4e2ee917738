/**
 * Who changed a closed month, and when, from the audit (docs/roles.md): for each closed month
 * whose rows changed, the audit rows made after its closing that are about it — flagged with
 * that month, or on the rows of Pieces or Adjustments the change concerns, or rows removed from
 * those tabs. Check data (Sheets) and `gongfang check` print them under the closed-month report.
 */
import type { AuditRecord } from './audit';
import { actionLabel, changeWords } from './audit';
import type { ClosedMonthReport } from './closedMonths';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import { ADJUSTMENTS, PIECES, namesOf, normalizeName } from '../workbook/layout';

/** Audit rows listed per month; the rest are counted. */
const LISTED = 10;

const PIECES_NAMES = new Set(namesOf(PIECES).map(normalizeName));
const ADJUSTMENTS_NAMES = new Set(namesOf(ADJUSTMENTS).map(normalizeName));

export function whoChangedLines(
  changes: readonly ClosedMonthReport[],
  trail: readonly AuditRecord[],
  lang: Lang,
): string[] {
  const lines: string[] = [];
  for (const change of changes) {
    const pieceRows = new Set(change.residents.flatMap((r) => r.pieceRows));
    const adjustmentRows = new Set(change.residents.flatMap((r) => r.adjustmentRows));
    const about = trail.filter(
      (record) =>
        record.at >= change.closedAt &&
        (record.flags.includes(change.month) ||
          (!fromFile(record) &&
            (touches(record, PIECES_NAMES, pieceRows) ||
              touches(record, ADJUSTMENTS_NAMES, adjustmentRows) ||
              removedFrom(record)))),
    );
    if (about.length === 0) {
      lines.push(t(lang, 'auditNoTrail', { month: change.month }));
      continue;
    }
    lines.push(t(lang, 'auditWhoChanged', { month: change.month }));
    for (const record of about.slice(0, LISTED)) {
      lines.push(
        t(lang, 'auditWhoLine', {
          at: record.at,
          user: record.user,
          action: record.action === null ? '' : actionLabel(record.action, lang),
          where: [record.tab, record.range].filter((s) => s !== '').join(' '),
          change: changeWords(record.before, record.after, lang),
        }),
      );
    }
    if (about.length > LISTED) lines.push(t(lang, 'auditMore', { count: about.length - LISTED }));
  }
  return lines;
}

/** Rows of the range as the audit wrote it: "D5", "A22:H23", "5:7". */
export function rowsOfRange(range: string): { first: number; last: number } | null {
  const match = /^[A-Z]*(\d+)(?::[A-Z]*(\d+))?$/.exec(range.trim());
  if (!match) return null;
  const first = Number(match[1]);
  return { first, last: Number(match[2] ?? first) };
}

function touches(
  record: AuditRecord,
  names: ReadonlySet<string>,
  rows: ReadonlySet<number>,
): boolean {
  if (!names.has(normalizeName(record.tab))) return false;
  const span = rowsOfRange(record.range);
  if (span === null) return false;
  for (let row = span.first; row <= span.last; row += 1) if (rows.has(row)) return true;
  return false;
}

/**
 * A change the .xlsx change log found: made from the row's content, before and after, so its
 * flag names every closed month it touched. Its row numbers are the file's at that run (a sort
 * since moves them), and a removed row was one of a known month: neither says more.
 */
function fromFile(record: AuditRecord): boolean {
  return (
    record.action === 'fileChanged' ||
    record.action === 'fileAdded' ||
    record.action === 'fileRemoved'
  );
}

/** Rows removed in Sheets: the change event names no rows, so they may be any month's. */
function removedFrom(record: AuditRecord): boolean {
  const tab = normalizeName(record.tab);
  return record.action === 'removeRows' && (PIECES_NAMES.has(tab) || ADJUSTMENTS_NAMES.has(tab));
}
