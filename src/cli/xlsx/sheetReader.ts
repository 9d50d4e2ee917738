/**
 * Reads a source tab's values from its sheet XML in one pass over <sheetData>, keeping only
 * the cells that hold something: memory follows the cells used, not the used range's box.
 */
import type { CellValue } from '../../workbook/cells';
import { fromSheetDate } from '../zonedDates';
import { attribute, findElements, runText, unescapeXml } from './xml';

export interface SheetReadContext {
  readonly sharedStrings: () => readonly string[];
  readonly isDateStyle: (index: number) => boolean;
  readonly date1904: boolean;
  readonly timeZone: string;
}

/** The cells that hold a value, by row then column (both 1-based). */
export type SparseCells = Map<number, CellValue[]>;

const DAY_MS = 86_400_000;
/** Days between 1899-12-30 (serial 0 of the 1900 date system) and 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
const DATE_1904_OFFSET = 1_462;

/** Column number of letters: A → 1, XFD → 16384. */
export function columnNumber(letters: string): number {
  let column = 0;
  for (let index = 0; index < letters.length; index += 1) {
    column = column * 26 + (letters.charCodeAt(index) - 64);
  }
  return column;
}

/** The date an .xlsx serial holds, as a Date whose UTC fields are its wall clock. */
export function serialToWallClock(serial: number, date1904: boolean): Date {
  const days = serial + (date1904 ? DATE_1904_OFFSET : 0) - UNIX_EPOCH_SERIAL;
  return new Date(Math.round(days * DAY_MS));
}

export function wallClockToSerial(wallClock: Date, date1904: boolean): number {
  return wallClock.getTime() / DAY_MS + UNIX_EPOCH_SERIAL - (date1904 ? DATE_1904_OFFSET : 0);
}

const TOKEN = /<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*?)(\/?)>/g;
/** A cell's children (<v>, <f>, <is>) are never named c, so its end is the next </c>. */
const CELL_END = /<\/(?:[A-Za-z_][\w.-]*:)?c>/g;
const CELL_REF = /^([A-Z]{1,3})(\d+)$/;

/** Scans <sheetData> for valued cells. Formulas count by their cached result only. */
export function readSparseCells(xml: string, context: SheetReadContext): SparseCells {
  const rows: SparseCells = new Map();
  const start = xml.search(/<(?:[A-Za-z_][\w.-]*:)?sheetData[\s>/]/);
  if (start < 0) return rows;
  const dataEnd = xml.search(/<\/(?:[A-Za-z_][\w.-]*:)?sheetData>/);
  const end = dataEnd < 0 ? xml.length : dataEnd;
  TOKEN.lastIndex = start;
  let rowNumber = 0;
  let column = 0;
  let current: CellValue[] | null = null;
  for (;;) {
    const match = TOKEN.exec(xml);
    if (!match || match.index >= end) break;
    const attrs = match[2] ?? '';
    if (match[1] === 'row') {
      const r = R_ATTRIBUTE.exec(attrs)?.[1];
      rowNumber = r !== undefined ? Number(r) : rowNumber + 1;
      column = 0;
      current = null;
      continue;
    }
    let content = '';
    if (match[3] !== '/') {
      CELL_END.lastIndex = TOKEN.lastIndex;
      const close = CELL_END.exec(xml);
      const cellEnd = close ? close.index : end;
      content = xml.slice(TOKEN.lastIndex, cellEnd);
      TOKEN.lastIndex = close ? CELL_END.lastIndex : end;
    }
    const ref = R_ATTRIBUTE.exec(attrs)?.[1];
    const parsed = ref !== undefined ? CELL_REF.exec(ref) : null;
    if (parsed) {
      column = columnNumber(parsed[1] ?? '');
      rowNumber = Number(parsed[2]);
    } else {
      column += 1;
    }
    if (content === '') continue;
    const value = cellValue(attrs, content, context);
    if (value === '') continue;
    if (current === null || rows.get(rowNumber) !== current) {
      current = rows.get(rowNumber) ?? [];
      rows.set(rowNumber, current);
    }
    current[column - 1] = value;
  }
  return rows;
}

const V_OPEN = /<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>/;
const R_ATTRIBUTE = /(?:^|\s)r\s*=\s*"([^"]*)"/;
const T_ATTRIBUTE = /(?:^|\s)t\s*=\s*"([^"]*)"/;
const S_ATTRIBUTE = /(?:^|\s)s\s*=\s*"([^"]*)"/;

/** The text of the cell's <v>, or null when it has none. */
function valueText(content: string): string | null {
  let from: number;
  const plain = content.indexOf('<v>');
  if (plain >= 0) {
    from = plain + 3;
  } else {
    const open = V_OPEN.exec(content);
    if (!open) return null;
    from = open.index + open[0].length;
  }
  const close = content.indexOf('</', from);
  return content.slice(from, close < 0 ? content.length : close);
}

function cellValue(attrs: string, content: string, context: SheetReadContext): CellValue {
  const type = T_ATTRIBUTE.exec(attrs)?.[1] ?? 'n';
  if (type === 'inlineStr') return runText(content);
  const raw = valueText(content);
  if (raw === null) return '';
  switch (type) {
    case 's':
      return context.sharedStrings()[Number(raw)] ?? '';
    case 'str':
    case 'e':
      return unescapeXml(raw);
    case 'b':
      return raw.trim() === '1' || raw.trim() === 'true';
    case 'd': {
      const wallClock = new Date(`${raw.trim().replace(/Z$/, '')}Z`);
      return Number.isNaN(wallClock.getTime())
        ? unescapeXml(raw)
        : fromSheetDate(wallClock, context.timeZone);
    }
    default: {
      if (raw.trim() === '') return '';
      const number = Number(raw);
      if (Number.isNaN(number)) return unescapeXml(raw);
      const style = S_ATTRIBUTE.exec(attrs)?.[1];
      if (style !== undefined && context.isDateStyle(Number(style))) {
        return fromSheetDate(serialToWallClock(number, context.date1904), context.timeZone);
      }
      return number;
    }
  }
}

/** The shared string table, each item's runs joined. */
export function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  const pattern =
    /<(?:[A-Za-z_][\w.-]*:)?si>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?si>|<(?:[A-Za-z_][\w.-]*:)?si\/>/g;
  for (const match of xml.matchAll(pattern)) strings.push(runText(match[1] ?? ''));
  return strings;
}

/** The ranges of <mergeCell>s, as 1-based boxes. */
export function readMerges(
  xml: string,
): { top: number; left: number; bottom: number; right: number }[] {
  const merges = [];
  for (const element of findElements(xml, 'mergeCell')) {
    const ref = attribute(element.text, 'ref') ?? '';
    const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
    if (!match) continue;
    merges.push({
      top: Number(match[2]),
      left: columnNumber(match[1] ?? ''),
      bottom: Number(match[4]),
      right: columnNumber(match[3] ?? ''),
    });
  }
  return merges;
}

/** Legacy comments (notes) by cell reference. */
export function readComments(xml: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const element of findElements(xml, 'comment')) {
    const ref = attribute(element.text, 'ref');
    if (ref !== undefined) notes.set(ref, runText(element.text));
  }
  return notes;
}
