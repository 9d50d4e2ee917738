/** Tables and numbers for the terminal, aligned for Chinese characters as well as Latin. */

/** Columns a string takes in a terminal: East Asian wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

function pad(text: string, width: number, alignRight: boolean): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return alignRight ? gap + text : text + gap;
}

/** Rows of cells as aligned text; `rightAligned` columns (0-based) are numbers. */
export function formatTable(
  rows: readonly (readonly string[])[],
  rightAligned: readonly number[] = [],
): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, displayWidth(cell));
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, index) => pad(cell, widths[index] ?? 0, rightAligned.includes(index)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Fen as money text, e.g. 123456 → ¥1,234.56 and -5 → -¥0.05. */
export function formatMoney(fen: number, currency: string): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${currency}${yuan}.${cents}`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}
