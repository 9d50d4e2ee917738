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
 * One source tab's rows, as the change log compares them: now (snapshotOf, from the values the
 * run read) or as the last writing run left them (the file backend decodes what it stored).
 * Rows are compared by a 64-bit hash of their text first; a row's text is asked for only when
 * its hash found no equal on the other side (a row changed, added or removed), so an unchanged
 * workbook of 100,000 rows costs a hash a row and no text at all.
 */
export interface TabRows {
  readonly name: string;
  readonly header: readonly string[];
  /** The sheet row of each row kept (empty rows are left out), top to bottom. */
  readonly rows: Int32Array;
  /**
   * Each row's hash (rowHash): two 32-bit halves a row, [first, second, first, second, …], as
   * signed integers (small integers to V8: comparing and mixing them allocates nothing).
   */
  readonly hashes: Int32Array;
  /** Row `index`'s text: its cells' texts joined by CELL_SEPARATOR, trailing blanks cut. */
  readonly text: (index: number) => string;
}

/** The ASCII unit separator: never typed into a cell (XML cannot even hold it). */
export const CELL_SEPARATOR = '\u001f';
const SEPARATOR_CODE = 0x1f;

export interface RowSnapshot {
  readonly tabs: Partial<Record<SourceTabKey, TabRows>>;
}

const SPECS: readonly TabSpec<SourceTabKey>[] = [
  RESIDENTS,
  PARTNERS,
  ORDERS,
  PIECES,
  ADJUSTMENTS,
  SETTINGS,
];

/**
 * A cell's text as the change log shows and hashes it: most cells are short text or whole
 * numbers, which skip the codecs' general path; a date is worded once per Date (the .xlsx
 * reader shares one Date among the cells of a day).
 */
function cellTexts(timeZone: string): (cell: CellValue | undefined) => string {
  const dates = new Map<Date, string>();
  return (cell) => {
    if (typeof cell === 'string') return cell.trim() === '' ? '' : cell;
    if (typeof cell === 'number' && Number.isSafeInteger(cell)) return String(cell);
    if (cell instanceof Date) {
      let text = dates.get(cell);
      if (text === undefined) dates.set(cell, (text = cellText(cell, timeZone)));
      return text;
    }
    return cell === undefined || isEmptyCell(cell) ? '' : cellText(cell, timeZone);
  };
}

/** A row's text: its cells' texts joined by CELL_SEPARATOR, trailing blanks cut. */
function joinedText(row: readonly CellValue[], text: (cell: CellValue | undefined) => string) {
  let joined = '';
  let kept = 0;
  for (let j = 0; j < row.length; j += 1) {
    const cell = text(row[j]);
    joined += j === 0 ? cell : CELL_SEPARATOR + cell;
    if (cell !== '') kept = joined.length;
  }
  return joined.slice(0, kept);
}

// The hash: cyrb53's two multiply-xor lanes (public domain, bryc), both kept whole: 64 bits, so
// among 100,000 rows a changed row mistaken for another row's content is a chance in about
// 10^14. Deterministic across runs and machines (Math.imul on UTF-16 code units). A cell's text
// goes in two code units a step (half the steps), a separator before each cell but the first.
const LANE_1 = 0xdeadbeef;
const LANE_2 = 0x41c6ce57;

function finish(h1: number, h2: number, into: Int32Array, at: number): void {
  let a = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  a ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  let b = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  b ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  into[2 * at] = a;
  into[2 * at + 1] = b;
}

/** A row's hash from its text (cells joined by CELL_SEPARATOR): the same as rowHash's. */
export function textHash(text: string): [number, number] {
  let h1 = LANE_1;
  let h2 = LANE_2;
  text.split(CELL_SEPARATOR).forEach((cell, j) => {
    if (j > 0) {
      h1 = Math.imul(h1 ^ SEPARATOR_CODE, 2654435761);
      h2 = Math.imul(h2 ^ SEPARATOR_CODE, 1597334677);
    }
    for (let k = 0; k < cell.length; k += 2) {
      const code = cell.charCodeAt(k) | ((k + 1 < cell.length ? cell.charCodeAt(k + 1) : 0) << 16);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
  });
  const out = new Int32Array(2);
  finish(h1, h2, out, 0);
  return [out[0] ?? 0, out[1] ?? 0];
}

/** Digits of a whole number, least significant first (rowHash, one row at a time). */
const DIGITS = new Uint16Array(10);

/**
 * Hashes row `row` into `into` at `at` as textHash(joinedText(row)) would, without making the
 * text: the common cells (text that cannot be blank, whole numbers below 2^31) are hashed where
 * they are; others go through `text`. False when every cell is blank (the row is left out).
 */
function rowHash(
  row: readonly CellValue[],
  text: (cell: CellValue | undefined) => string,
  into: Int32Array,
  at: number,
): boolean {
  let h1 = LANE_1;
  let h2 = LANE_2;
  let separators = 0;
  let any = false;
  for (let j = 0; j < row.length; j += 1) {
    if (j > 0) separators += 1;
    const cell = row[j];
    let chars: string | null = null;
    let digits = 0;
    if (typeof cell === 'number' && cell >= 0 && cell <= 0x7fffffff && (cell | 0) === cell) {
      let rest = cell;
      do {
        DIGITS[digits++] = 48 + (rest % 10);
        rest = (rest / 10) | 0;
      } while (rest > 0);
    } else if (typeof cell === 'string' && cell !== '' && isPlainEnd(cell)) {
      chars = cell;
    } else {
      chars = text(cell);
      if (chars === '') continue;
    }
    // Separators before a blank cell count only once a later cell has text: trailing blanks cut.
    for (; separators > 0; separators -= 1) {
      h1 = Math.imul(h1 ^ SEPARATOR_CODE, 2654435761);
      h2 = Math.imul(h2 ^ SEPARATOR_CODE, 1597334677);
    }
    if (chars === null) {
      // Most significant digit first, two a step.
      while (digits > 0) {
        const first = DIGITS[--digits] ?? 48;
        const code = digits > 0 ? first | ((DIGITS[--digits] ?? 48) << 16) : first;
        h1 = Math.imul(h1 ^ code, 2654435761);
        h2 = Math.imul(h2 ^ code, 1597334677);
      }
    } else {
      const length = chars.length;
      for (let k = 0; k < length; k += 2) {
        const code = chars.charCodeAt(k) | ((k + 1 < length ? chars.charCodeAt(k + 1) : 0) << 16);
        h1 = Math.imul(h1 ^ code, 2654435761);
        h2 = Math.imul(h2 ^ code, 1597334677);
      }
    }
    any = true;
  }
  if (any) finish(h1, h2, into, at);
  return any;
}

/** Text whose first and last characters are not white space: never blank, nothing to trim. */
function isPlainEnd(text: string): boolean {
  return isMark(text.charCodeAt(0)) && isMark(text.charCodeAt(text.length - 1));
}

/** Not a character String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator). */
function isMark(code: number): boolean {
  if (code < 128) return code > 32 && code < 127;
  return !(
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * A tab's rows and hashes known without hashing them (the file backend's: the tab is read from
 * the very bytes it stored them for), or null: hash them.
 */
export type KnownRows = (
  key: SourceTabKey,
  names: readonly string[],
) => Pick<TabRows, 'rows' | 'hashes'> | null;

/**
 * The source tabs as they are now, from the values the run read (the port's reads, shared with
 * the command): a hash a row; a row's text only when asked for.
 */
export function snapshotOf(workbook: Workbook, known?: KnownRows): RowSnapshot {
  const text = cellTexts(workbook.info().timeZone);
  const tabs: Partial<Record<SourceTabKey, TabRows>> = {};
  for (const spec of SPECS) {
    const names = namesOf(spec);
    const contents = workbook.readTab(names);
    if (contents === null) continue;
    // Indexed, from the second row: `[header, ...rows]` copied 100,000 rows through an iterator.
    const values = contents.values;
    const header = values[0] ?? [];
    const { rows, hashes } = known?.(spec.key, names) ?? hashRows(values, text);
    tabs[spec.key] = {
      name: contents.name,
      header: header.map((h) => text(h)),
      rows,
      hashes,
      text: (index) => joinedText(values[(rows[index] ?? 0) - 1] ?? [], text),
    };
  }
  return { tabs };
}

/** Each row's hash and sheet row (from the second row; empty rows left out). */
function hashRows(
  values: readonly (readonly CellValue[])[],
  text: (cell: CellValue | undefined) => string,
): Pick<TabRows, 'rows' | 'hashes'> {
  const count = Math.max(values.length - 1, 0);
  const sheetRows = new Int32Array(count);
  const hashes = new Int32Array(2 * count);
  let kept = 0;
  for (let i = 0; i < count; i += 1) {
    if (rowHash(values[i + 1] ?? [], text, hashes, kept)) sheetRows[kept++] = i + 2;
  }
  return { rows: sheetRows.subarray(0, kept), hashes: hashes.subarray(0, 2 * kept) };
}

/** Whether two snapshots hold the same tabs, headers, rows and contents (no text compared). */
export function sameSnapshot(a: RowSnapshot, b: RowSnapshot): boolean {
  for (const spec of SPECS) {
    const x = a.tabs[spec.key];
    const y = b.tabs[spec.key];
    if (x === undefined || y === undefined) {
      if (x !== y) return false;
      continue;
    }
    const same =
      x.name === y.name &&
      x.header.length === y.header.length &&
      x.header.every((h, i) => h === y.header[i]) &&
      equalArrays(x.rows, y.rows) &&
      equalArrays(x.hashes, y.hashes);
    if (!same) return false;
  }
  return true;
}

function equalArrays(a: Int32Array, b: Int32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
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
  /** The months the row belongs to, before and after, closed or not (a late slip of an archived
   *  year's month that was never closed is paid by nothing, and check says so). */
  readonly months: readonly string[];
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

/**
 * Pairs the rows of both sides whose hashes are equal (as a multiset: a row repeated twice
 * before and once now leaves one over): first each row with the one at its place on the other
 * side, when they are equal (most rows of a ledger stay where they were), then each row left
 * with the first one left on the other side, top to bottom. Returns, for each row now, the row
 * before it was paired with (-1: none), and the indexes left over on each side.
 */
export function matchByHash(
  old: Pick<TabRows, 'hashes'> | undefined,
  current: Pick<TabRows, 'hashes'> | undefined,
): { paired: Int32Array; unmatchedOld: number[]; unmatchedNew: number[] } {
  const oldHashes = old?.hashes ?? new Int32Array(0);
  const newHashes = current?.hashes ?? new Int32Array(0);
  const oldCount = oldHashes.length / 2;
  const newCount = newHashes.length / 2;
  const taken = new Uint8Array(oldCount);
  const paired = new Int32Array(newCount).fill(-1);
  for (let i = 0; i < Math.min(oldCount, newCount); i += 1) {
    if (oldHashes[2 * i] === newHashes[2 * i] && oldHashes[2 * i + 1] === newHashes[2 * i + 1]) {
      paired[i] = i;
      taken[i] = 1;
    }
  }
  // 53 bits of the hash as a Map key (exact in a double); both halves compared on a hit.
  const keyOf = (hashes: Int32Array, i: number): number =>
    (hashes[2 * i] ?? 0) * 2097152 + ((hashes[2 * i + 1] ?? 0) >>> 11);
  // Old rows with one key: a chain from the first (heads) through next, top to bottom.
  const heads = new Map<number, number>();
  const next = new Int32Array(oldCount).fill(-1);
  for (let i = oldCount - 1; i >= 0; i -= 1) {
    if (taken[i] === 1) continue;
    const key = keyOf(oldHashes, i);
    next[i] = heads.get(key) ?? -1;
    heads.set(key, i);
  }
  const unmatchedNew: number[] = [];
  for (let i = 0; i < newCount; i += 1) {
    if ((paired[i] ?? -1) >= 0) continue;
    const key = keyOf(newHashes, i);
    let at = heads.get(key) ?? -1;
    let before = -1;
    while (
      at >= 0 &&
      (oldHashes[2 * at] !== newHashes[2 * i] || oldHashes[2 * at + 1] !== newHashes[2 * i + 1])
    ) {
      before = at;
      at = next[at] ?? -1;
    }
    if (at < 0) {
      unmatchedNew.push(i);
      continue;
    }
    const after = next[at] ?? -1;
    if (before >= 0) next[before] = after;
    else if (after >= 0) heads.set(key, after);
    else heads.delete(key);
    taken[at] = 1;
    paired[i] = at;
  }
  const unmatchedOld: number[] = [];
  for (let i = 0; i < oldCount; i += 1) if (taken[i] === 0) unmatchedOld.push(i);
  return { paired, unmatchedOld, unmatchedNew };
}

function tabChanges(
  spec: TabSpec<SourceTabKey>,
  old: TabRows | undefined,
  current: TabRows | undefined,
  context: {
    readonly closedMonths: ReadonlySet<string>;
    readonly timeZone: string;
    readonly lang: Lang;
  },
): FileChange[] {
  const tabName = current?.name ?? old?.name ?? labelOf(spec, context.lang);
  const oldKeys = keysOf(spec, old?.header ?? []);
  const newKeys = keysOf(spec, current?.header ?? []);
  // 1. Same content (same hash): unchanged, moved at most. Only the rows left over are read
  // as text.
  const { unmatchedOld: oldLeft, unmatchedNew: newLeft } = matchByHash(old, current);
  const expandAll = (side: TabRows | undefined, indexes: readonly number[]): Row[] =>
    side === undefined ? [] : indexes.map((i) => expand(side.rows[i] ?? 0, side.text(i)));
  const unmatchedOld = expandAll(old, oldLeft);
  const unmatchedNew = expandAll(current, newLeft);
  // 2. Same key (ID, entry): changed. The first row left with that key, top to bottom.
  const oldByKey = new Map<string, Row[]>();
  for (const row of unmatchedOld) {
    const key = oldKeys(row);
    if (key === '') continue;
    const same = oldByKey.get(key);
    if (same === undefined) oldByKey.set(key, [row]);
    else same.push(row);
  }
  const paired = new Set<Row>();
  const pairs: [Row, Row][] = [];
  const stillNew: Row[] = [];
  for (const row of unmatchedNew) {
    const key = newKeys(row);
    const match = key === '' ? undefined : oldByKey.get(key)?.shift();
    if (match !== undefined) {
      pairs.push([match, row]);
      paired.add(match);
    } else stillNew.push(row);
  }
  const leftover = unmatchedOld.filter((row) => !paired.has(row));
  // 3. Rows without a key, in order: changed while both sides have some, then added or
  // removed. A keyed row left over is a row of its own: added or removed.
  const leftOld = leftover.filter((row) => oldKeys(row) === '');
  const leftNew = stillNew.filter((row) => newKeys(row) === '');
  const count = Math.min(leftOld.length, leftNew.length);
  for (let i = 0; i < count; i += 1) pairs.push([leftOld[i] as Row, leftNew[i] as Row]);
  const added = [...stillNew.filter((row) => newKeys(row) !== ''), ...leftNew.slice(count)];
  const removed = [...leftover.filter((row) => oldKeys(row) !== ''), ...leftOld.slice(count)];
  const changes: FileChange[] = [];
  const layout = alignedLayout(old?.header, current?.header);
  const header = layout.header;
  const describe = (kind: FileChangeKind, raw: Row | null, is: Row | null): FileChange => {
    const was = raw === null ? null : layout.align(raw);
    const row = (is ?? raw) as Row;
    const width = Math.max(was?.length ?? 0, is?.length ?? 0) - 1;
    const cells: FileChange['cells'][number][] = [];
    const places: number[] = [];
    for (let at = 1; at <= width; at += 1) {
      const before = was === null ? '' : cellOf(was, at);
      const after = is === null ? '' : cellOf(is, at);
      if (before === after) continue;
      const column = layout.columns[at - 1] ?? at;
      cells.push({ column, header: header[at - 1] ?? columnLetter(column), before, after });
      places.push(at);
    }
    const columns = columnKeysOf(spec, header, places);
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
      record:
        (is !== null ? newKeys(is) : oldKeys(row)) ||
        recordFallback(spec, header, (is ?? was) as Row),
      flags,
      closedMonths,
      months: [...new Set(months)],
    };
  };
  for (const [was, is] of pairs) {
    const change = describe('changed', was, is);
    // Only its place moved (a column inserted or moved before it): not a change.
    if (change.cells.length > 0) changes.push(change);
  }
  for (const row of added) changes.push(describe('added', null, row));
  for (const row of removed) changes.push(describe('removed', row, null));
  // Top to bottom; at one row number, what is there now before what was removed from it.
  return changes.sort(
    (a, b) => a.row - b.row || Number(a.kind === 'removed') - Number(b.kind === 'removed'),
  );
}

/**
 * The rows before, laid out as the header is now. A column inserted, removed or moved between
 * two runs (staff insert one in the middle of Pieces) shifts every cell after it: compared by
 * place, each row then read as changed, its old values under the wrong headers ("Completed: 0
 * → 99"). So an old row's cells go under the header of the same name now; old columns gone are
 * kept after the others, under their own header and column. Headers unchanged: rows as stored.
 */
function alignedLayout(
  before: readonly string[] | undefined,
  now: readonly string[] | undefined,
): { header: readonly string[]; columns: readonly number[]; align: (row: Row) => Row } {
  const header = now ?? before ?? [];
  const same =
    before === undefined ||
    now === undefined ||
    (before.length === now.length && before.every((h, i) => h === now[i]));
  if (same) return { header, columns: header.map((_, i) => i + 1), align: (row) => row };
  const used = new Set<number>();
  const from = now.map((name) => {
    const at = name === '' ? -1 : before.findIndex((h, i) => h === name && !used.has(i));
    if (at >= 0) used.add(at);
    return at + 1;
  });
  const gone = before.flatMap((_, i) => (used.has(i) ? [] : [i + 1]));
  return {
    header: [...now, ...gone.map((column) => before[column - 1] ?? '')],
    columns: [...now.map((_, i) => i + 1), ...gone],
    align: (row) => [row[0], ...[...from, ...gone].map((column) => cellOf(row, column))],
  };
}

const matches = new WeakMap<readonly string[], { columns: Partial<Record<string, number>> }>();

/** The header's columns, matched once per header (a run describes each changed row with them). */
function headerMatch(
  spec: TabSpec<SourceTabKey>,
  header: readonly string[],
): { columns: Partial<Record<string, number>> } {
  let match = matches.get(header);
  if (match === undefined) {
    match = matchHeaders(spec, header) as { columns: Partial<Record<string, number>> };
    matches.set(header, match);
  }
  return match;
}

/** A row's own key: the ID of residents, partners and orders, the entry of pieces, a setting. */
function keysOf(spec: TabSpec<SourceTabKey>, header: readonly string[]): (row: Row) => string {
  const match = headerMatch(spec, header);
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
  const match = headerMatch(spec, header);
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
  const match = headerMatch(spec, header);
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
  const match = headerMatch(spec, header);
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
