/** A1 notation: "A1", "A1:B2", "A:B", "2:3", "A2:B", with an optional 'Tab'! prefix. */

export interface GridRect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export function columnLetters(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function splitSheetName(notation: string): { sheetName: string | null; cells: string } {
  const quoted = /^'((?:[^']|'')+)'!(.+)$/.exec(notation);
  if (quoted) return { sheetName: (quoted[1] ?? '').replace(/''/g, "'"), cells: quoted[2] ?? '' };
  const bang = notation.lastIndexOf('!');
  if (bang > 0) return { sheetName: notation.slice(0, bang), cells: notation.slice(bang + 1) };
  return { sheetName: null, cells: notation };
}

interface Corner {
  row: number | null;
  column: number | null;
}

function parseCorner(text: string): Corner | null {
  const match = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(text.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  return {
    column: match[1] ? columnNumber(match[1]) : null,
    row: match[2] ? Number(match[2]) : null,
  };
}

/** null when the text is not A1 notation. Open ends run to the sheet's edge. */
export function parseA1(cells: string, maxRows: number, maxColumns: number): GridRect | null {
  const [startText = '', endText, extra] = cells.split(':');
  if (extra !== undefined) return null;
  const start = parseCorner(startText);
  const end = endText === undefined ? start : parseCorner(endText);
  if (!start || !end) return null;
  if (endText === undefined && (start.row === null || start.column === null)) return null;
  const row = start.row ?? 1;
  const column = start.column ?? 1;
  const lastRow = end.row ?? maxRows;
  const lastColumn = end.column ?? maxColumns;
  if (row < 1 || column < 1) return null;
  return {
    row: Math.min(row, lastRow),
    column: Math.min(column, lastColumn),
    numRows: Math.abs(lastRow - row) + 1,
    numColumns: Math.abs(lastColumn - column) + 1,
  };
}

export function toA1(rect: GridRect): string {
  const start = `${columnLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}
