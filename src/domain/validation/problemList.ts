/** Collecting problems row by row, and the helpers every tab's rules share. */
import type { SourceTabKey, ProblemParams, Severity } from '../problems';
import type { ValidationCode, ValidationProblem, Decoded } from './codes';
import { shortenValue } from './quote';

/** The problems of one row, and whether any of them excludes it. */
export class RowProblems {
  readonly problems: ValidationProblem[] = [];

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
    this.problems.push({
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

  get hasError(): boolean {
    return this.problems.some((problem) => problem.severity === 'error');
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
  return id.normalize('NFKC').replace(INVISIBLE_CHARACTERS, '').trim().toUpperCase();
}

/** Sheet rows listed for a message: "3, 7, 12" (at most 10, then "…"). */
export function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 10).join(', ');
  return rows.length > 10 ? `${shown}, …` : shown;
}

/** Reports every row whose ID (in any case or width) is shared with another row: an error on each. */
export function reportShared<R extends { readonly row: number }>(
  rows: readonly R[],
  idOf: (row: R) => string | null,
  checks: ReadonlyMap<number, RowProblems>,
  column: string,
  code: ValidationCode,
): void {
  const byKey = new Map<string, R[]>();
  for (const row of rows) {
    const id = idOf(row);
    if (id === null) continue;
    const key = idKey(id);
    const group = byKey.get(key);
    if (group) group.push(row);
    else byKey.set(key, [row]);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const row of group) {
      // Only the first rows are named, so a tab full of copies stays linear.
      const others = group
        .filter((other) => other !== row)
        .slice(0, 11)
        .map((other) => other.row);
      checks.get(row.row)?.error(column, code, { value: idOf(row) ?? '', other: rowList(others) });
    }
  }
}
