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

/** Where <sheetData>'s content ends: its end tag, found from the back of the part. */
function sheetDataEnd(xml: string): number {
  const at = xml.lastIndexOf('sheetData>');
  if (at < 0) return xml.length;
  const open = xml.lastIndexOf('<', at);
  return xml.charCodeAt(open + 1) === 47 ? open : xml.length;
}

const SHEET_DATA_OPEN = /<(?:[A-Za-z_][\w.-]*:)?sheetData[\s>/]/;
const V_OPEN = /<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>/;

/** A cell's t attribute. Absent, "n" and any unknown type read as a number. */
const enum CellType {
  Number,
  Shared,
  Text,
  Boolean,
  Date,
  Inline,
}

/** Gaps wider than this in a row are left as holes rather than filled with empty strings. */
const MOST_FILLED_GAP = 64;

const POWERS_OF_TEN: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * Scans <sheetData> for valued cells. Formulas count by their cached result only.
 *
 * One pass of indexOf and charCodeAt over the part, taking no substring of a tag, its
 * attributes or its content unless a value needs one: on a 100,000-row sheet this pass is the
 * reader's whole cost. Numbers, shared-string indexes, style indexes and references are read
 * from their digits; each date serial becomes one Date shared by the cells that hold it.
 * test/property/sheetReader.property.test.ts holds it to the straightforward reading.
 */
export function readSparseCells(xml: string, context: SheetReadContext): SparseCells {
  const rows: SparseCells = new Map();
  const start = xml.search(SHEET_DATA_OPEN);
  if (start < 0) return rows;
  return new SheetScanner(xml, context, sheetDataEnd(xml)).scan(start + 1, rows);
}

class SheetScanner {
  private readonly xml: string;
  private readonly context: SheetReadContext;
  private readonly end: number;
  private strings: readonly string[] | null = null;
  private readonly dateStyles = new Map<number, boolean>();
  private readonly dates = new Map<number, Date>();
  // The attributes of the start tag read last (readAttributes), kept here to make no object.
  private refColumn = 0;
  private refRow = 0;
  private refValid = false;
  private styleStart = -1;
  private styleEnd = -1;
  private type: CellType = CellType.Number;
  private rStart = -1;
  private rEnd = -1;

  constructor(xml: string, context: SheetReadContext, end: number) {
    this.xml = xml;
    this.context = context;
    this.end = end;
  }

  scan(from: number, rows: SparseCells): SparseCells {
    const xml = this.xml;
    const end = this.end;
    let rowNumber = 0;
    let column = 0;
    let current: CellValue[] | null = null;
    let position = from;
    while (position < end) {
      const open = xml.indexOf('<', position);
      if (open < 0 || open >= end) break;
      const close = xml.indexOf('>', open);
      if (close < 0) break;
      let nameEnd = open + 1;
      let colon = -1;
      while (nameEnd < close) {
        const code = xml.charCodeAt(nameEnd);
        if (code === 32 || code === 47 || code === 9 || code === 10 || code === 13) break;
        if (code === 58 && colon < 0) colon = nameEnd;
        nameEnd += 1;
      }
      const localStart = colon < 0 ? open + 1 : colon + 1;
      const localLength = nameEnd - localStart;
      position = close + 1;
      const first = xml.charCodeAt(localStart);
      if (
        localLength === 3 &&
        first === 114 &&
        xml.charCodeAt(localStart + 1) === 111 &&
        xml.charCodeAt(localStart + 2) === 119
      ) {
        // <row>
        this.readAttributes(nameEnd, close);
        rowNumber = this.rStart >= 0 ? this.integerOr(this.rStart, this.rEnd) : rowNumber + 1;
        column = 0;
        current = null;
        continue;
      }
      if (localLength !== 1 || first !== 99) continue;
      // <c>
      const selfClosing = xml.charCodeAt(close - 1) === 47;
      this.readAttributes(nameEnd, selfClosing ? close - 1 : close);
      const contentStart = position;
      let contentEnd = position;
      if (!selfClosing) {
        const endTag = colon < 0 ? '</c>' : `</${xml.slice(open + 1, nameEnd)}>`;
        const cellEnd = xml.indexOf(endTag, position);
        contentEnd = cellEnd < 0 ? end : cellEnd;
        position = cellEnd < 0 ? end : cellEnd + endTag.length;
      }
      if (this.refValid) {
        column = this.refColumn;
        rowNumber = this.refRow;
      } else {
        column += 1;
      }
      if (contentStart >= contentEnd) continue;
      const value = this.cellValue(contentStart, contentEnd);
      if (value === '') continue;
      if (current === null) {
        current = rows.get(rowNumber) ?? [];
        rows.set(rowNumber, current);
      }
      const index = column - 1;
      if (index > current.length && index - current.length <= MOST_FILLED_GAP) {
        while (current.length < index) current.push('');
      }
      current[index] = value;
    }
    return rows;
  }

  /** Reads the r, s and t attributes of the start tag between `from` and `to`. */
  private readAttributes(from: number, to: number): void {
    const xml = this.xml;
    this.refValid = false;
    this.styleStart = -1;
    this.type = CellType.Number;
    this.rStart = -1;
    let typeSeen = false;
    let at = from;
    while (at < to) {
      let code = xml.charCodeAt(at);
      if (code === 32 || code === 9 || code === 10 || code === 13) {
        at += 1;
        continue;
      }
      const nameStart = at;
      while (at < to) {
        code = xml.charCodeAt(at);
        if (code === 61 || code === 32 || code === 9 || code === 10 || code === 13) break;
        at += 1;
      }
      const nameLength = at - nameStart;
      while (at < to && xml.charCodeAt(at) !== 61) at += 1;
      at += 1;
      while (at < to) {
        code = xml.charCodeAt(at);
        if (code === 34 || code === 39) break;
        at += 1;
      }
      if (at >= to) return;
      const valueStart = at + 1;
      let valueEnd = xml.indexOf(code === 34 ? '"' : "'", valueStart);
      if (valueEnd < 0 || valueEnd > to) valueEnd = to;
      at = valueEnd + 1;
      if (nameLength !== 1) continue;
      const name = xml.charCodeAt(nameStart);
      if (name === 114) {
        if (this.rStart < 0) this.readRef(valueStart, valueEnd);
      } else if (name === 115) {
        if (this.styleStart < 0) {
          this.styleStart = valueStart;
          this.styleEnd = valueEnd;
        }
      } else if (name === 116 && !typeSeen) {
        typeSeen = true;
        this.type = this.typeOf(valueStart, valueEnd);
      }
    }
  }

  /** An r attribute: a row's number, or a cell's reference (A1 … XFD1048576) when it is one. */
  private readRef(from: number, to: number): void {
    const xml = this.xml;
    this.rStart = from;
    this.rEnd = to;
    let at = from;
    let column = 0;
    while (at < to && at - from < 3) {
      const code = xml.charCodeAt(at);
      if (code < 65 || code > 90) break;
      column = column * 26 + (code - 64);
      at += 1;
    }
    if (at === from || at === to) return;
    const digitsStart = at;
    while (at < to) {
      const code = xml.charCodeAt(at);
      if (code < 48 || code > 57) return;
      at += 1;
    }
    this.refColumn = column;
    this.refRow = this.integerOr(digitsStart, to);
    this.refValid = true;
  }

  private typeOf(from: number, to: number): CellType {
    const xml = this.xml;
    const length = to - from;
    if (length === 1) {
      const code = xml.charCodeAt(from);
      if (code === 115) return CellType.Shared;
      if (code === 98) return CellType.Boolean;
      if (code === 101) return CellType.Text;
      if (code === 100) return CellType.Date;
      return CellType.Number;
    }
    if (length === 3 && xml.startsWith('str', from)) return CellType.Text;
    if (length === 9 && xml.startsWith('inlineStr', from)) return CellType.Inline;
    return CellType.Number;
  }

  /** Number() of the text between `from` and `to`, read from its digits when it is only digits. */
  private integerOr(from: number, to: number): number {
    const xml = this.xml;
    if (to > from && to - from <= 15) {
      let value = 0;
      let at = from;
      for (; at < to; at += 1) {
        const code = xml.charCodeAt(at);
        if (code < 48 || code > 57) break;
        value = value * 10 + (code - 48);
      }
      if (at === to) return value;
    }
    return Number(xml.slice(from, to));
  }

  /**
   * Number() of a plain decimal (-12.5, 3, 0.015) from its digits: a mantissa below 2^53 divided
   * by an exact power of ten is the nearest double to the decimal, as Number() gives (the
   * classic fast path); anything else (exponents, spaces, long mantissas) goes to Number().
   */
  private decimalOr(from: number, to: number): number {
    const xml = this.xml;
    let at = from;
    const negative = xml.charCodeAt(at) === 45;
    if (negative) at += 1;
    let mantissa = 0;
    let digits = 0;
    let decimals = -1;
    for (; at < to; at += 1) {
      const code = xml.charCodeAt(at);
      if (code >= 48 && code <= 57) {
        mantissa = mantissa * 10 + (code - 48);
        digits += 1;
        if (decimals >= 0) decimals += 1;
      } else if (code === 46 && decimals < 0) {
        decimals = 0;
      } else break;
    }
    if (at !== to || digits === 0 || digits > 15) return Number(xml.slice(from, to));
    const value = decimals > 0 ? mantissa / (POWERS_OF_TEN[decimals] ?? 1) : mantissa;
    return negative ? -value : value;
  }

  private cellValue(contentStart: number, contentEnd: number): CellValue {
    const xml = this.xml;
    const type = this.type;
    if (type === CellType.Inline) return runText(xml.slice(contentStart, contentEnd));
    let from: number;
    if (xml.startsWith('<v>', contentStart)) {
      from = contentStart + 3;
    } else {
      const content = xml.slice(contentStart, contentEnd);
      const plain = content.indexOf('<v>');
      if (plain >= 0) {
        from = contentStart + plain + 3;
      } else {
        const open = V_OPEN.exec(content);
        if (!open) return '';
        from = contentStart + open.index + open[0].length;
      }
    }
    let to = xml.indexOf('</', from);
    if (to < 0 || to > contentEnd) to = contentEnd;
    switch (type) {
      case CellType.Shared:
        this.strings ??= this.context.sharedStrings();
        return this.strings[this.integerOr(from, to)] ?? '';
      case CellType.Text:
        return unescapeXml(xml.slice(from, to));
      case CellType.Boolean: {
        const raw = xml.slice(from, to).trim();
        return raw === '1' || raw === 'true';
      }
      case CellType.Date: {
        const raw = xml.slice(from, to);
        const wallClock = new Date(`${raw.trim().replace(/Z$/, '')}Z`);
        return Number.isNaN(wallClock.getTime())
          ? unescapeXml(raw)
          : fromSheetDate(wallClock, this.context.timeZone);
      }
      default:
        return this.numberValue(from, to);
    }
  }

  private numberValue(from: number, to: number): CellValue {
    // Number('') and Number(' ') are 0: an empty <v> is an empty cell, as before.
    if (from === to) return '';
    const number = this.decimalOr(from, to);
    if (Number.isNaN(number)) {
      const raw = this.xml.slice(from, to);
      return raw.trim() === '' ? '' : unescapeXml(raw);
    }
    if (number === 0 && this.xml.slice(from, to).trim() === '') return '';
    if (this.styleStart < 0) return number;
    const style = this.integerOr(this.styleStart, this.styleEnd);
    let isDate = this.dateStyles.get(style);
    if (isDate === undefined) {
      isDate = this.context.isDateStyle(style);
      this.dateStyles.set(style, isDate);
    }
    if (!isDate) return number;
    let date = this.dates.get(number);
    if (date === undefined) {
      date = fromSheetDate(serialToWallClock(number, this.context.date1904), this.context.timeZone);
      this.dates.set(number, date);
    }
    return date;
  }
}

/** The shared string table, each item's runs joined. */
export function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  const pattern =
    /<(?:[A-Za-z_][\w.-]*:)?si>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?si>|<(?:[A-Za-z_][\w.-]*:)?si\/>/g;
  for (const match of xml.matchAll(pattern)) {
    const item = match[1] ?? '';
    strings.push(plainItemText(item) ?? runText(item));
  }
  return strings;
}

/**
 * The text of an item that is one plain <t> (<t>text</t>, <t xml:space="preserve"> text </t>),
 * as runText reads it; null for anything else (runs, phonetic text, prefixes).
 */
function plainItemText(item: string): string | null {
  if (item.charCodeAt(0) !== 60 || item.charCodeAt(1) !== 116 || !item.endsWith('</t>')) {
    return null;
  }
  const third = item.charCodeAt(2);
  if (third !== 62 && third !== 32 && third !== 9 && third !== 10 && third !== 13) return null;
  const textStart = item.indexOf('>') + 1;
  const textEnd = item.length - 4;
  if (textStart > textEnd || item.indexOf('<', textStart) !== textEnd) return null;
  return unescapeXml(item.slice(textStart, textEnd));
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
