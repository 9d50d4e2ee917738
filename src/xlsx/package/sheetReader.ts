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

const CELL_REF = /^([A-Z]{1,3})(\d+)$/;

/** Where <sheetData>'s content ends: its end tag, found from the back of the part. */
function sheetDataEnd(xml: string): number {
  const at = xml.lastIndexOf('sheetData>');
  if (at < 0) return xml.length;
  const open = xml.lastIndexOf('<', at);
  return xml.charCodeAt(open + 1) === 47 ? open : xml.length;
}

/**
 * Scans <sheetData> for valued cells. Formulas count by their cached result only. A plain
 * indexOf walk over the tags: on a 100,000-row sheet it is the reader's whole cost.
 */
export function readSparseCells(xml: string, context: SheetReadContext): SparseCells {
  const rows: SparseCells = new Map();
  const start = xml.search(/<(?:[A-Za-z_][\w.-]*:)?sheetData[\s>/]/);
  if (start < 0) return rows;
  const end = sheetDataEnd(xml);
  let rowNumber = 0;
  let column = 0;
  let current: CellValue[] | null = null;
  let position = start + 1;
  while (position < end) {
    const open = xml.indexOf('<', position);
    if (open < 0 || open >= end) break;
    const close = xml.indexOf('>', open);
    if (close < 0) break;
    let nameEnd = open + 1;
    while (nameEnd < close) {
      const code = xml.charCodeAt(nameEnd);
      if (code === 32 || code === 47 || code === 9 || code === 10 || code === 13) break;
      nameEnd += 1;
    }
    const name = xml.slice(open + 1, nameEnd);
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    position = close + 1;
    const selfClosing = xml.charCodeAt(close - 1) === 47;
    if (local === 'row') {
      const r = attributeValue(xml.slice(nameEnd, close), ' r="', R_ATTRIBUTE);
      rowNumber = r !== undefined ? Number(r) : rowNumber + 1;
      column = 0;
      current = null;
      continue;
    }
    if (local !== 'c') continue;
    const attrs = xml.slice(nameEnd, selfClosing ? close - 1 : close);
    let content = '';
    if (!selfClosing) {
      const endTag = name === 'c' ? '</c>' : `</${name}>`;
      const cellEnd = xml.indexOf(endTag, position);
      content = xml.slice(position, cellEnd < 0 ? end : cellEnd);
      position = cellEnd < 0 ? end : cellEnd + endTag.length;
    }
    const ref = attributeValue(attrs, ' r="', R_ATTRIBUTE);
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
    if (current === null) {
      current = rows.get(rowNumber) ?? [];
      rows.set(rowNumber, current);
    }
    current[column - 1] = value;
  }
  return rows;
}

/** An attribute by the common spelling (` r="…"`), or by the pattern for any other. */
function attributeValue(attrs: string, quick: string, pattern: RegExp): string | undefined {
  const at = attrs.indexOf(quick);
  if (at >= 0) {
    const from = at + quick.length;
    return attrs.slice(from, attrs.indexOf('"', from));
  }
  const match = pattern.exec(attrs);
  return match ? (match[1] ?? match[2]) : undefined;
}

const V_OPEN = /<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>/;
const R_ATTRIBUTE = /(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const T_ATTRIBUTE = /(?:^|\s)t\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const S_ATTRIBUTE = /(?:^|\s)s\s*=\s*(?:"([^"]*)"|'([^']*)')/;

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
  const type = attributeValue(attrs, ' t="', T_ATTRIBUTE) ?? 'n';
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
      const style = attributeValue(attrs, ' s="', S_ATTRIBUTE);
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
