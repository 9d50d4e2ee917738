/**
 * A cell's value as both backends hand it over: Apps Script's getValues() and the .xlsx reader
 * (which converts formulas to their cached results, rich text to plain text and error cells to
 * their text, e.g. "#N/A"). The empty string is an empty cell.
 */
export type CellValue = string | number | boolean | Date;

/** A 1-based position as the sheet numbers it: row 1 is the header row, column 1 is A. */
export interface CellPosition {
  readonly row: number;
  readonly column: number;
}

export function isEmptyCell(value: CellValue | undefined | null): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

/** Column letters for a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function a1(position: CellPosition): string {
  return `${columnLetter(position.column)}${position.row}`;
}
