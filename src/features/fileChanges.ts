/**
 * The .xlsx change log (docs/roles.md): a file has no live trigger, so each `gongfang` run keeps
 * the source tabs' rows as it leaves them (a RowSnapshot; the file backend stores it) and, on the
 * next run, says what changed in between — tab, row, old → new — as audit entries. Rows are
 * matched by content first (a row inserted or deleted above others moves them, it does not
 * change them), then by their key (ID, entry), then by position.
 *
 *   const before = storedSnapshot();                 // null on the first run
 *   const now = snapshotOf(workbook);
 *   const changes = before === null ? [] : fileChanges(before, now, { closedMonths, timeZone });
 *   const entries = changeEntries(changes, { at, user, details, lang });
 */
import { type AuditEntry, type AuditFlag, flagsOf, shortValue } from '../domain/audit';
import type { Lang } from '../i18n';
import { type CellValue, columnLetter, isEmptyCell } from '../workbook/cells';
import { type CodecContext, cellText, decodeDate, decodeMonth } from '../workbook/codecs';
import {
  ADJUSTMENTS,
  ORDERS,
  PARTNERS,
  PIECES,
  RESIDENTS,
  SETTINGS,
  type SourceTabKey,
  type TabSpec,
  labelOf,
  namesOf,
} from '../workbook/layout';
import type { Workbook } from '../workbook/port';
import { matchHeaders } from '../workbook/tables';

/**
 * One tab's rows as text: [sheet row, its cells joined by CELL_SEPARATOR], empty rows left
 * out, trailing blanks cut. Joined, because most rows are only compared whole (and JSON of
 * 100,000 short strings is much quicker to write and read than of 800,000).
 */
export interface TabSnapshot {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly [number, string])[];
}

/** The ASCII unit separator: never typed into a cell. */
export const CELL_SEPARATOR = '\u001f';

export interface RowSnapshot {
  readonly version: 1;
  readonly tabs: Partial<Record<SourceTabKey, TabSnapshot>>;
}

const SPECS: readonly TabSpec<SourceTabKey>[] = [
  RESIDENTS,
  PARTNERS,
  ORDERS,
  PIECES,
  ADJUSTMENTS,
  SETTINGS,
];

/** The source tabs as they are now (their reads are the port's, shared with the run). */
export function snapshotOf(workbook: Workbook): RowSnapshot {
  const timeZone = workbook.info().timeZone;
  const tabs: Partial<Record<SourceTabKey, TabSnapshot>> = {};
  for (const spec of SPECS) {
    const contents = workbook.readTab(namesOf(spec));
    if (contents === null) continue;
    const [header = [], ...rows] = contents.values;
    // Most cells are short text or whole numbers: those skip the codecs' general path.
    const text = (cell: CellValue | undefined): string => {
      if (typeof cell === 'string') return cell.trim() === '' ? '' : cell;
      if (typeof cell === 'number' && Number.isSafeInteger(cell)) return String(cell);
      return cell === undefined || isEmptyCell(cell) ? '' : cellText(cell, timeZone);
    };
    const snapshotRows: (readonly [number, string])[] = [];
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i] ?? [];
      let joined = '';
      let kept = 0;
      for (let j = 0; j < row.length; j += 1) {
        const cell = text(row[j]);
        joined += j === 0 ? cell : CELL_SEPARATOR + cell;
        if (cell !== '') kept = joined.length;
      }
      // Trailing blank cells cut; a row with none is left out.
      if (kept > 0) snapshotRows.push([i + 2, joined.slice(0, kept)]);
    }
    tabs[spec.key] = {
      name: contents.name,
      header: header.map((h) => text(h)),
      rows: snapshotRows,
    };
  }
  return { version: 1, tabs };
}

export type FileChangeKind = 'changed' | 'added' | 'removed';

export interface FileChange {
  readonly kind: FileChangeKind;
  readonly tab: SourceTabKey;
  readonly tabName: string;
  /** The row now (changed, added) or as it was (removed). */
  readonly row: number;
  /** Per changed cell: 1-based column (in the row as it is now, or was), header, old, new. */
  readonly cells: readonly {
    readonly column: number;
    readonly header: string;
    readonly before: string;
    readonly after: string;
  }[];
  readonly record: string;
  readonly flags: readonly AuditFlag[];
  readonly closedMonths: readonly string[];
}

type Row = readonly [number, ...string[]];

/** A stored row as [sheet row, cell, cell…], only for the few rows that changed. */
function expand(row: number, cells: string): Row {
  return [row, ...cells.split(CELL_SEPARATOR)];
}

/** A row's cell `column` (1-based, as the header numbers it). */
function cellOf(row: Row, column: number): string {
  const cell = row[column];
  return typeof cell === 'string' ? cell : '';
}

/** What changed between two snapshots, tab by tab, top to bottom. */
export function fileChanges(
  before: RowSnapshot,
  now: RowSnapshot,
  context: {
    readonly closedMonths: ReadonlySet<string>;
    readonly timeZone: string;
    readonly lang: Lang;
  },
): FileChange[] {
  const changes: FileChange[] = [];
  for (const spec of SPECS) {
    const old = before.tabs[spec.key];
    const current = now.tabs[spec.key];
    if (old === undefined && current === undefined) continue;
    changes.push(...tabChanges(spec, old, current, context));
  }
  return changes;
}

function tabChanges(
  spec: TabSpec<SourceTabKey>,
  old: TabSnapshot | undefined,
  current: TabSnapshot | undefined,
  context: {
    readonly closedMonths: ReadonlySet<string>;
    readonly timeZone: string;
    readonly lang: Lang;
  },
): FileChange[] {
  const oldRows = old?.rows ?? [];
  const newRows = current?.rows ?? [];
  const tabName = current?.name ?? old?.name ?? labelOf(spec, context.lang);
  const oldKeys = keysOf(spec, old?.header ?? []);
  const newKeys = keysOf(spec, current?.header ?? []);
  // 1. Same content: unchanged (moved at most).
  const byContent = new Map<string, number[]>();
  for (const [row, cells] of oldRows) {
    const same = byContent.get(cells);
    if (same === undefined) byContent.set(cells, [row]);
    else same.push(row);
  }
  const unmatchedNew: Row[] = [];
  for (const [row, cells] of newRows) {
    const same = byContent.get(cells);
    if (same !== undefined && same.length > 0) same.shift();
    else unmatchedNew.push(expand(row, cells));
  }
  const left = new Set([...byContent.values()].flat());
  let unmatchedOld: Row[] = oldRows
    .filter(([row]) => left.has(row))
    .map(([row, cells]) => expand(row, cells));
  // 2. Same key (ID, entry): changed.
  const pairs: [Row, Row][] = [];
  const stillNew: Row[] = [];
  for (const row of unmatchedNew) {
    const key = newKeys(row);
    const index = key === '' ? -1 : unmatchedOld.findIndex((o) => oldKeys(o) === key);
    if (index >= 0) {
      pairs.push([unmatchedOld[index] as Row, row]);
      unmatchedOld = unmatchedOld.filter((_, i) => i !== index);
    } else stillNew.push(row);
  }
  // 3. Rows without a key, in order: changed while both sides have some, then added or
  // removed. A keyed row left over is a row of its own: added or removed.
  const leftOld = unmatchedOld.filter((row) => oldKeys(row) === '');
  const leftNew = stillNew.filter((row) => newKeys(row) === '');
  const count = Math.min(leftOld.length, leftNew.length);
  for (let i = 0; i < count; i += 1) pairs.push([leftOld[i] as Row, leftNew[i] as Row]);
  const added = [...stillNew.filter((row) => newKeys(row) !== ''), ...leftNew.slice(count)];
  const removed = [...unmatchedOld.filter((row) => oldKeys(row) !== ''), ...leftOld.slice(count)];
  const changes: FileChange[] = [];
  const describe = (kind: FileChangeKind, was: Row | null, is: Row | null): FileChange => {
    const row = (is ?? was) as Row;
    const header = current?.header ?? old?.header ?? [];
    const width = Math.max(was?.length ?? 0, is?.length ?? 0) - 1;
    const cells: FileChange['cells'][number][] = [];
    for (let column = 1; column <= width; column += 1) {
      const before = was === null ? '' : cellOf(was, column);
      const after = is === null ? '' : cellOf(is, column);
      if (before === after) continue;
      cells.push({ column, header: header[column - 1] ?? columnLetter(column), before, after });
    }
    const columns = columnKeysOf(
      spec,
      header,
      cells.map((c) => c.column),
    );
    const months = [was, is].flatMap((r) => (r === null ? [] : monthsOf(spec, header, r, context)));
    const { flags, closedMonths } = flagsOf(
      { tab: spec.key, columns, months },
      context.closedMonths,
    );
    return {
      kind,
      tab: spec.key,
      tabName,
      row: row[0],
      cells,
      record: (is !== null ? newKeys(is) : oldKeys(row)) || recordFallback(spec, header, row),
      flags,
      closedMonths,
    };
  };
  for (const [was, is] of pairs) changes.push(describe('changed', was, is));
  for (const row of added) changes.push(describe('added', null, row));
  for (const row of removed) changes.push(describe('removed', row, null));
  // Top to bottom; at one row number, what is there now before what was removed from it.
  return changes.sort(
    (a, b) => a.row - b.row || Number(a.kind === 'removed') - Number(b.kind === 'removed'),
  );
}

/** A row's own key: the ID of residents, partners and orders, the entry of pieces, a setting. */
function keysOf(spec: TabSpec<SourceTabKey>, header: readonly string[]): (row: Row) => string {
  const match = matchHeaders(spec, header) as { columns: Partial<Record<string, number>> };
  const column =
    spec.key === 'pieces'
      ? match.columns.entry
      : spec.key === 'settings'
        ? match.columns.setting
        : spec.key === 'adjustments'
          ? undefined
          : match.columns.id;
  return (row) => (column === undefined ? '' : cellOf(row, column).trim());
}

function recordFallback(spec: TabSpec<SourceTabKey>, header: readonly string[], row: Row): string {
  if (spec.key !== 'adjustments') return '';
  const match = matchHeaders(spec, header) as { columns: Partial<Record<string, number>> };
  const cell = (column: number | undefined): string =>
    column === undefined ? '' : cellOf(row, column);
  return [cell(match.columns.month), cell(match.columns.resident)]
    .filter((s) => s !== '')
    .join(' ');
}

function columnKeysOf(
  spec: TabSpec<SourceTabKey>,
  header: readonly string[],
  columns: readonly number[],
): string[] {
  const match = matchHeaders(spec, header) as { columns: Partial<Record<string, number>> };
  return Object.entries(match.columns)
    .filter(
      (entry): entry is [string, number] => entry[1] !== undefined && columns.includes(entry[1]),
    )
    .map(([key]) => key);
}

function monthsOf(
  spec: TabSpec<SourceTabKey>,
  header: readonly string[],
  row: Row,
  context: { readonly timeZone: string; readonly lang: Lang },
): string[] {
  const match = matchHeaders(spec, header) as { columns: Partial<Record<string, number>> };
  const codec: CodecContext = { timeZone: context.timeZone, lang: context.lang };
  if (spec.key === 'pieces' && match.columns.date !== undefined) {
    // A date kept as a serial number (no date format) reads as the number it was.
    const text = cellOf(row, match.columns.date);
    const date = decodeDate(/^\d+(\.\d+)?$/.test(text) ? Number(text) : text, codec);
    return date.ok && date.value !== null ? [date.value.slice(0, 7)] : [];
  }
  if (spec.key === 'adjustments' && match.columns.month !== undefined) {
    const month = decodeMonth(cellOf(row, match.columns.month), codec);
    return month.ok && month.value !== null ? [month.value] : [];
  }
  return [];
}

/** The audit entries of the changes: one per row, its cells' old and new values in words. */
export function changeEntries(
  changes: readonly FileChange[],
  who: { readonly at: string; readonly user: string; readonly details: string },
): AuditEntry[] {
  return changes.map((change) => {
    const [only] = change.cells;
    const single = change.kind === 'changed' && change.cells.length === 1 && only !== undefined;
    const columns = change.cells.map((c) => c.column);
    const first = Math.min(...columns, Number.POSITIVE_INFINITY);
    const lastColumn = Math.max(...columns, 0);
    const range =
      change.kind !== 'changed' || columns.length === 0
        ? `${change.row}:${change.row}`
        : first === lastColumn
          ? `${columnLetter(first)}${change.row}`
          : `${columnLetter(first)}${change.row}:${columnLetter(lastColumn)}${change.row}`;
    const words = (side: 'before' | 'after'): string => {
      if (single) return only[side];
      const cells = change.cells.filter((c) => c[side] !== '' || change.kind === 'changed');
      return shortValue(cells.map((c) => `${c.header}: ${c[side]}`).join('; '));
    };
    return {
      at: who.at,
      user: who.user,
      action:
        change.kind === 'changed'
          ? 'fileChanged'
          : change.kind === 'added'
            ? 'fileAdded'
            : 'fileRemoved',
      tab: change.tabName,
      range,
      rows: 1,
      record: change.record,
      before: change.kind === 'added' ? '' : words('before'),
      after: change.kind === 'removed' ? '' : words('after'),
      flags: change.flags,
      closedMonths: change.closedMonths,
      details: who.details,
    };
  });
}
