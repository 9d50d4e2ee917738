/**
 * How tall a row must be for its wrapped text: the lines each wrapped cell breaks into at its
 * column's width, measured character by character (CJK and full-width characters about twice a
 * Latin one). Readers of an .xlsx (Excel, WPS, LibreOffice) print a row at its stored height
 * and never grow it to fit, so a wrapped cell whose row kept the default height prints its
 * second line over the next row: every row of a generated tab gets its height from here.
 */
import { isWide } from './widths';

/** A row of one line: 15 pt, the default row of Excel and LibreOffice (Sheets: 21 px). */
export const ROW_PIXELS = 20;
/**
 * A line of 11 pt text: Excel grows a row of Calibri by 15 pt a line; a CJK line in LibreOffice
 * (Noto Sans CJK) takes 14.3 pt, in Excel (DengXian) 14.25 pt.
 */
const LINE_PIXELS = 20;
/** Room a cell leaves beside its text (LibreOffice and Sheets: about 3 px a side). */
const CELL_PADDING = 7;
/**
 * A CJK character at 11 pt is 14.7 px wide; textWidth counts 14 (enough for a column's width,
 * where a little is cut at worst), lines count on the wide side: one line too many leaves a
 * little space, one too few prints a line over the next row.
 */
const WIDE_LINE_PIXELS = 15;

const THIN = new Set([...".,:;'|!ilI"]);
/**
 * Punctuation no line may start with (the closing half of 禁则, as Excel, WPS and LibreOffice
 * break CJK text): it stays at the end of the line before, with the character it follows.
 */
const NO_LINE_START = new Set([...'。，、；：？！）」』】》〉”’·…—～%']);
const SLIM = new Set([...'tfrj()[]-/ ']);
/**
 * Punctuation and symbols of Chinese text (“福”字——大号……, ①, →, ※, ℃, ★; U+2010–U+2BFF):
 * LibreOffice prints them beside CJK characters in the CJK font, as wide as one (measured in its
 * PDF); counted as Latin, a product full of them wrapped onto a line more than its row held.
 * In Latin text they stay as counted; Latin-1 signs (× ° ·) stay narrow in both.
 */
const isCjkPunctuation = (code: number): boolean => code >= 0x2010 && code <= 0x2bff;

/**
 * A Latin character's width at 11 pt (Calibri, and Carlito where LibreOffice has no Calibri,
 * as measured in LibreOffice's PDF): digits 7.4 px, lower case about 7, capitals about 9, m and
 * w half as wide again, i and l about 3.5; a little over, so a line is not found to fit where it
 * does not.
 */
function latinWidth(text: string, bold: boolean): number {
  let pixels = 0;
  for (const char of text) {
    if (THIN.has(char)) pixels += 3.5;
    else if (SLIM.has(char)) pixels += 4.7;
    else if (char === 'm' || char === 'w') pixels += 10.5;
    else if (char === 'M' || char === 'W') pixels += 12.5;
    else if (char >= 'A' && char <= 'Z') pixels += 9;
    else if (char >= '0' && char <= '9') pixels += 7.4;
    else pixels += 7.2;
  }
  return pixels * 1.03 * (bold ? 1.1 : 1);
}

interface Piece {
  readonly text: string;
  readonly width: number;
  /** A space separates it from the piece before (the space is where the line may break). */
  readonly afterSpace: boolean;
}

/** The text cut where a line may break: at spaces, after a hyphen, around every CJK character. */
function piecesOf(text: string, bold: boolean): Piece[] {
  const pieces: Piece[] = [];
  let word = '';
  let afterSpace = false;
  const chinese = [...text].some((char) => isWide(char.codePointAt(0) ?? 0));
  const flush = (): void => {
    if (word === '') return;
    pieces.push({ text: word, width: latinWidth(word, bold), afterSpace });
    word = '';
    afterSpace = false;
  };
  /** Closing punctuation right after a piece: part of it, so no line starts with it. */
  const attached = (char: string, width: number): boolean => {
    const before = pieces[pieces.length - 1];
    if (!NO_LINE_START.has(char) || word !== '' || afterSpace || before === undefined) return false;
    pieces[pieces.length - 1] = {
      ...before,
      text: before.text + char,
      width: before.width + width,
    };
    return true;
  };
  for (const char of text) {
    if (/\s/.test(char)) {
      flush();
      afterSpace = pieces.length > 0;
    } else if (
      isWide(char.codePointAt(0) ?? 0) ||
      (chinese && isCjkPunctuation(char.codePointAt(0) ?? 0))
    ) {
      flush();
      const width = WIDE_LINE_PIXELS * (bold ? 1.1 : 1);
      if (!attached(char, width)) pieces.push({ text: char, width, afterSpace });
      afterSpace = false;
    } else if (char === '-') {
      word += char;
      flush();
    } else if (!attached(char, latinWidth(char, bold))) word += char;
  }
  flush();
  return pieces;
}

/** Lines the text takes when it wraps in a column `columnWidth` px wide (at least 1). */
export function wrappedLines(text: string, columnWidth: number, bold = false): number {
  const room = Math.max(1, columnWidth - CELL_PADDING);
  const space = latinWidth(' ', bold);
  let lines = 1;
  let used = 0;
  text.split('\n').forEach((segment, index) => {
    if (index > 0) {
      lines += 1;
      used = 0;
    }
    for (const piece of piecesOf(segment, bold)) {
      const gap = used > 0 && piece.afterSpace ? space : 0;
      if (used > 0 && used + gap + piece.width > room) {
        lines += 1;
        used = 0;
      }
      if (used === 0 && piece.width > room) {
        // A word wider than the column is broken across lines.
        lines += Math.ceil(piece.width / room) - 1;
        used = piece.width % room || room;
      } else used += (used > 0 ? gap : 0) + piece.width;
    }
  });
  return lines;
}

/**
 * A sentence cut into lines of at most `width` px, where a wrapped cell would break it: for text
 * that runs over the empty cells of its row (a note under a table), which no reader wraps, so
 * that it stays within the table's width instead of running past the page's edge (LibreOffice
 * then shrinks the whole page to fit it).
 */
export function lineBreaks(text: string, width: number): string[] {
  const space = latinWidth(' ', false);
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const piece of piecesOf(text, false)) {
    const gap = used > 0 && piece.afterSpace ? space : 0;
    if (used > 0 && used + gap + piece.width > width) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += (used > 0 && piece.afterSpace ? ' ' : '') + piece.text;
    used += (used > 0 ? gap : 0) + piece.width;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The height of a row whose tallest wrapped cell takes `lines` lines. */
export function rowHeightFor(lines: number): number {
  return lines <= 1 ? ROW_PIXELS : lines * LINE_PIXELS + 2;
}
