/** Collecting problems row by row, and the helpers every tab's rules share. */
import type { SourceTabKey, ProblemParams, Severity } from '../problems';
import type { ValidationCode, ValidationProblem, Decoded } from './codes';
import { shortenValue } from './quote';
import { FIRST, firstAlike } from './firstAlike';

const NONE: readonly ValidationProblem[] = Object.freeze([]);

/** The problems of one row, and whether any of them excludes it. */
export class RowProblems {
  // Most rows have no problem: their list is made only when the first one is found.
  private found: ValidationProblem[] | null = null;
  private errors = false;

  constructor(
    readonly tab: SourceTabKey,
    readonly row: number,
  ) {}

  add(
    severity: Severity,
    column: string | null,
    code: ValidationCode,
    params: ProblemParams = {},
  ): void {
    if (severity === 'error') this.errors = true;
    (this.found ??= []).push({
      severity,
      tab: this.tab,
      row: this.row,
      column,
      code,
      params: quoted(params),
    });
  }

  error(column: string | null, code: ValidationCode, params: ProblemParams = {}): void {
    this.add('error', column, code, params);
  }

  warning(column: string | null, code: ValidationCode, params: ProblemParams = {}): void {
    this.add('warning', column, code, params);
  }

  get problems(): readonly ValidationProblem[] {
    return this.found ?? NONE;
  }

  get hasError(): boolean {
    return this.errors;
  }

  /** The value, or `fallback` after reporting the cell's problem with `severity`. */
  take<T>(column: string, decoded: Decoded<T>, severity: Severity, fallback: T): T {
    if (decoded.ok) return decoded.value;
    this.add(severity, column, decoded.code, { value: decoded.value });
    return fallback;
  }

  /** A value the row cannot do without: an unreadable or empty cell is an error. */
  required<T>(column: string, decoded: Decoded<T | null>, missing: ValidationCode): T | null {
    const value = this.take(column, decoded, 'error', null);
    if (value === null && decoded.ok) this.error(column, missing);
    return value;
  }
}

/** Parameters with the quoted texts shortened, whatever cell they came from. */
function quoted(params: ProblemParams): ProblemParams {
  return {
    ...params,
    ...(params.value === undefined ? {} : { value: shortenValue(params.value) }),
    ...(params.other === undefined ? {} : { other: shortenValue(params.other) }),
  };
}

/**
 * The problems of a tab's rows, kept only for rows that have some: a Pieces tab may have a
 * million rows, nearly all without a problem.
 */
export class TabProblems {
  private readonly rows = new Map<number, RowProblems>();

  constructor(readonly tab: SourceTabKey) {}

  /** A row's problems, to add to (made when first asked for). */
  of(row: number): RowProblems {
    let check = this.rows.get(row);
    if (check === undefined) this.rows.set(row, (check = new RowProblems(this.tab, row)));
    return check;
  }

  /** Keeps a row's problems, checked apart, if it has any (`check` is then that row's). */
  keep(check: RowProblems): void {
    if (check.problems.length > 0) this.rows.set(check.row, check);
  }

  hasError(row: number): boolean {
    return this.rows.get(row)?.hasError ?? false;
  }

  /** Every row's problems, by row. */
  problems(): ValidationProblem[] {
    return problemsOf([...this.rows.values()].sort((a, b) => a.row - b.row));
  }
}

/** Every row's problems, in the order of the rows. */
export function problemsOf(checks: Iterable<RowProblems>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const check of checks) if (check.problems.length > 0) problems.push(...check.problems);
  return problems;
}

/**
 * Characters that show as nothing: zero-width space, non-joiner and joiner, word joiner, byte
 * order mark, soft hyphen. Pasted from chat apps and web pages, they would make "R1" and "R1"
 * two residents that look the same.
 */
export const INVISIBLE_CHARACTERS = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * IDs match whatever their case, width or invisible characters: r001, R001, Ｒ００１ and R001
 * with a zero-width space are one resident. Matching, closing snapshots, digests and
 * fingerprints all use this one key.
 */
export function idKey(id: string): string {
  if (isOwnKey(id)) return id;
  // ASCII is its own NFKC form and holds no invisible characters: most IDs skip the work.
  if (!NON_ASCII.test(id)) return id.trim().toUpperCase();
  return id.normalize('NFKC').replace(INVISIBLE_CHARACTERS, '').trim().toUpperCase();
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Whether the ID is its own key: ASCII without a small letter or a space at either end (R001,
 * 12345), as nearly every ID is. A loop over its characters costs less than a regular
 * expression and makes no new string.
 */
function isOwnKey(id: string): boolean {
  const length = id.length;
  for (let i = 0; i < length; i += 1) {
    const c = id.charCodeAt(i);
    if (c > 0x7e || (c >= 0x61 && c <= 0x7a)) return false;
  }
  return length === 0 || (id.charCodeAt(0) > 0x20 && id.charCodeAt(length - 1) > 0x20);
}

/** Sheet rows listed for a message: "3, 7, 12" (at most 10, then "…"). */
export function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 10).join(', ');
  return rows.length > 10 ? `${shown}, …` : shown;
}

/** FNV-1a over a text's UTF-16 units. */
export function textHash(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash;
}

/** Reports every row whose ID (in any case or width) is shared with another row: an error on each. */
export function reportShared<R extends { readonly row: number }>(
  rows: readonly R[],
  idOf: (row: R) => string | null,
  checkOf: (row: number) => RowProblems | undefined,
  column: string,
  code: ValidationCode,
): void {
  const keys: string[] = [];
  const hashes = new Int32Array(rows.length);
  const skipped = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const id = idOf(rows[i] as R);
    const key = id === null ? '' : idKey(id);
    keys.push(key);
    hashes[i] = textHash(key);
    if (id === null) skipped[i] = 1;
  }
  const first = firstAlike(hashes, (j, i) => keys[j] === keys[i], skipped);
  // Most IDs are unique: only a second row with a key makes a group, by its first row.
  const shared = new Map<number, R[]>();
  for (let i = 0; i < rows.length; i += 1) {
    const j = first[i] ?? FIRST;
    if (j === FIRST) continue;
    const row = rows[i] as R;
    const group = shared.get(j);
    if (group) group.push(row);
    else shared.set(j, [rows[j] as R, row]);
  }
  for (const group of shared.values()) {
    for (const row of group) {
      // Only the first rows are named, so a tab full of copies stays linear.
      const others: number[] = [];
      for (const other of group) {
        if (other === row) continue;
        others.push(other.row);
        if (others.length === 11) break;
      }
      checkOf(row.row)?.error(column, code, { value: idOf(row) ?? '', other: rowList(others) });
    }
  }
}
