/**
 * Reads a source tab's values from its sheet XML in one pass over <sheetData>, keeping only
 * the cells that hold something: memory follows the cells used, not the used range's box.
 */
import { columnLetter } from '../../workbook/cells';
import type { CellValue } from '../../workbook/cells';
import { fromSheetDate } from '../zonedDates';
import { attribute, findElements, runText, unescapeXml } from './xml';

export interface SheetReadContext {
  readonly sharedStrings: () => readonly string[];
  readonly isDateStyle: (index: number) => boolean;
  readonly date1904: boolean;
  readonly timeZone: string;
}

/** Excel's last row. */
const LAST_ROW = 1_048_576;

/**
 * The cells that hold a value, by row then column (both 1-based): a map of rows, kept in an
 * array by row number (a Map of a million rows cost more to fill and to read than the cells'
 * bytes took to scan); a row number no application writes (0, past Excel's last row, not a
 * whole number) is kept apart. Rows come out in row order, those apart after them.
 */
export class SparseCells {
  private readonly byNumber: (CellValue[] | undefined)[] = [];
  private readonly others = new Map<number, CellValue[]>();
  private count = 0;
  /**
   * The first cell (as A1) holding a formula with no result stored, which reads as empty:
   * openpyxl, exceljs and scripts write formulas so, and only Excel, WPS or LibreOffice
   * calculate them. The workbook refuses such a tab rather than take "missing" or 0 for it.
   */
  uncalculated: string | null = null;

  get size(): number {
    return this.count + this.others.size;
  }

  get(row: number): CellValue[] | undefined {
    return isRowNumber(row) ? this.byNumber[row - 1] : this.others.get(row);
  }

  set(row: number, cells: CellValue[]): this {
    if (!isRowNumber(row)) {
      this.others.set(row, cells);
    } else {
      if (this.byNumber[row - 1] === undefined) this.count += 1;
      this.byNumber[row - 1] = cells;
    }
    return this;
  }

  forEach(visit: (cells: CellValue[], row: number) => void): void {
    const byNumber = this.byNumber;
    for (let index = 0; index < byNumber.length; index += 1) {
      const cells = byNumber[index];
      if (cells !== undefined) visit(cells, index + 1);
    }
    this.others.forEach(visit);
  }

  *entries(): IterableIterator<[number, CellValue[]]> {
    const byNumber = this.byNumber;
    for (let index = 0; index < byNumber.length; index += 1) {
      const cells = byNumber[index];
      if (cells !== undefined) yield [index + 1, cells];
    }
    yield* this.others.entries();
  }

  [Symbol.iterator](): IterableIterator<[number, CellValue[]]> {
    return this.entries();
  }
}

function isRowNumber(row: number): boolean {
  return Number.isInteger(row) && row >= 1 && row <= LAST_ROW;
}

const DAY_MS = 86_400_000;
/** Days between 1899-12-30 (serial 0 of the 1900 date system) and 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
const DATE_1904_OFFSET = 1_462;
/** The first serial past Excel's last date, 9999-12-31 (in the 1900 system). */
const PAST_LAST_DATE = 2_958_466;

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

/** Whether Excel has a date for `serial`: not past 9999-12-31. */
export function isDateSerial(serial: number, date1904: boolean): boolean {
  return serial + (date1904 ? DATE_1904_OFFSET : 0) < PAST_LAST_DATE;
}

export function wallClockToSerial(wallClock: Date, date1904: boolean): number {
  return wallClock.getTime() / DAY_MS + UNIX_EPOCH_SERIAL - (date1904 ? DATE_1904_OFFSET : 0);
}

/** Where <sheetData>'s content ends: its end tag, found from the back of the part. */
function sheetDataEnd(bytes: Uint8Array & Buffer): number {
  const at = bytes.lastIndexOf('sheetData>');
  if (at < 0) return bytes.length;
  let open = at;
  while (open >= 0 && bytes[open] !== 60) open -= 1;
  return open >= 0 && bytes[open + 1] === 47 ? open : bytes.length;
}

/** The '<' of the first <sheetData> (or <x:sheetData>) start tag, or -1. */
function sheetDataStart(bytes: Buffer): number {
  for (let at = bytes.indexOf('sheetData'); at >= 0; at = bytes.indexOf('sheetData', at + 1)) {
    const after = bytes[at + 9];
    if (!(after === 62 || after === 47 || isSpace(after ?? 0))) continue;
    if (bytes[at - 1] === 60) return at - 1;
    if (bytes[at - 1] !== 58) continue;
    // A prefix: <[A-Za-z_][\w.-]*:sheetData
    let open = at - 2;
    while (open >= 0 && isNameByte(bytes[open] ?? 0)) open -= 1;
    const first = bytes[open + 1] ?? 0;
    const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95;
    if (open >= 0 && bytes[open] === 60 && open + 1 < at - 1 && letter) return open;
  }
  return -1;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** [\w.-] */
function isNameByte(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 46 ||
    code === 45
  );
}

const V_OPEN = /<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>/;
const FORMULA_OPEN = /<(?:[A-Za-z_][\w.-]*:)?f[\s/>]/;

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
 * One pass over the part's UTF-8 bytes as inflated, never decoded whole: markup is ASCII, so
 * tags, attributes, numbers, shared-string indexes and references are read byte by byte, and
 * only a text value (an inline string, a formula's text) is decoded. A 100,000-row sheet is
 * 31 MB of XML: no copy of it as a string is made, and this pass is the reader's whole cost.
 * Each date serial becomes one Date shared by the cells that hold it.
 * test/property/sheetReader.property.test.ts holds it to the reader before (which scanned the
 * decoded text).
 */
export function readSparseCells(xml: string | Uint8Array, context: SheetReadContext): SparseCells {
  const bytes =
    typeof xml === 'string'
      ? Buffer.from(xml, 'utf8')
      : Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  const scanner = new SheetScanner(context);
  const start = sheetDataStart(bytes);
  if (start < 0) return scanner.rows;
  scanner.scan(bytes, start + 1, sheetDataEnd(bytes));
  scanner.flush();
  return scanner.rows;
}

/** What readSparseCellsInChunks read: the cells, and the part's bytes after its last rows. */
export interface ChunkedCells {
  readonly cells: SparseCells;
  /** From the end of the last run of rows scanned to the part's end: where <mergeCells> are. */
  readonly tail: Buffer;
}

/**
 * readSparseCells of a part that arrives in chunks (a sheet too big to hold whole: a
 * million-row Pieces sheet inflates to 312 MB): each run of whole rows is scanned as soon as
 * its last row has arrived, so the part is never held at once. The same cells as
 * readSparseCells of the whole part (test/property/sheetReader.property.test.ts).
 */
export async function readSparseCellsInChunks(
  chunks: AsyncIterable<Uint8Array>,
  context: SheetReadContext,
): Promise<ChunkedCells> {
  const scanner = new SheetScanner(context);
  // The bytes not scanned yet, in order; once <sheetData> is found, they start inside it.
  const waiting: Buffer[] = [];
  let inside = false;
  let ended = false;
  for await (const piece of chunks) {
    let fresh = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    if (ended) {
      waiting.push(fresh);
      continue;
    }
    if (!inside) {
      const head = Buffer.concat([...waiting, fresh]);
      waiting.length = 0;
      const start = sheetDataStart(head);
      if (start < 0) {
        waiting.push(head);
        continue;
      }
      inside = true;
      fresh = head.subarray(start + 1);
    }
    waiting.push(fresh);
    const cut = lastRowEnd(fresh);
    // Rows after </sheetData> are not read (readSparseCells stops there too).
    ended = hasSheetDataEnd(fresh, Math.max(0, cut));
    if (cut < 0) continue;
    const bytes = waiting.length === 1 ? fresh : Buffer.concat(waiting);
    const end = bytes.length - fresh.length + cut;
    scanner.scan(bytes, 0, end);
    waiting.length = 0;
    if (end < bytes.length) waiting.push(bytes.subarray(end));
  }
  const rest = Buffer.concat(waiting);
  const start = inside ? -1 : sheetDataStart(rest);
  if (inside || start >= 0) {
    scanner.scan(rest, start + 1, sheetDataEnd(rest));
    scanner.flush();
  }
  return { cells: scanner.rows, tail: rest };
}

/**
 * Just after the last row end tag (</row>, </x:row>) in `bytes`, or -1. Markup only: text and
 * attribute values cannot hold a raw '<'.
 */
function lastRowEnd(bytes: Buffer): number {
  for (let at = bytes.lastIndexOf('row>'); at > 0; at = bytes.lastIndexOf('row>', at - 1)) {
    if (isEndTagName(bytes, at)) return at + 4;
  }
  return -1;
}

/** Whether a </sheetData> end tag starts in bytes[from…]. */
function hasSheetDataEnd(bytes: Buffer, from: number): boolean {
  for (
    let at = bytes.indexOf('sheetData>', from);
    at >= 0;
    at = bytes.indexOf('sheetData>', at + 1)
  ) {
    if (isEndTagName(bytes, at)) return true;
  }
  return false;
}

/** Whether the element name at `at` is an end tag's: after '</' or '</prefix:'. */
function isEndTagName(bytes: Buffer, at: number): boolean {
  let slash = at - 1;
  if (bytes[slash] === 58) {
    slash -= 1;
    while (slash >= 0 && isNameByte(bytes[slash] ?? 0)) slash -= 1;
  }
  return slash > 0 && bytes[slash] === 47 && bytes[slash - 1] === 60;
}

/**
 * Bytes of an element's content looked at one by one for its end tag (most cells' content is a
 * few bytes, where a native search costs more than it saves); beyond them, searched natively.
 */
const NEAR_END = 64;

/** The scan of a sheet part's cells: the row being filled, and the rows kept. */
class SheetScanner {
  readonly rows = new SparseCells();
  private bytes: Buffer = Buffer.alloc(0);
  private readonly context: SheetReadContext;
  private strings: readonly string[] | null = null;
  /** By style index: 1 a date format, 0 not, undefined not asked yet. */
  private readonly dateStyles: (number | undefined)[] = [];
  private readonly dates = new Map<number, Date>();
  private rowNumber = 0;
  private column = 0;
  /** The array of the row filled directly (a row met again), or null. */
  private current: CellValue[] | null = null;
  /** The row being filled in `scratch` (see store), or -1. */
  private pendingRow = -1;
  private readonly scratch: CellValue[] = [];
  private scratchLength = 0;
  // The attributes of the start tag read last (readAttributes), kept here to make no object.
  private refColumn = 0;
  private refRow = 0;
  private refValid = false;
  private styleStart = -1;
  private styleEnd = -1;
  private type: CellType = CellType.Number;
  private rStart = -1;
  private rEnd = -1;
  constructor(context: SheetReadContext) {
    this.context = context;
  }

  /** Scans the elements that start in bytes[from, end); searches may look up to the part's end. */
  scan(bytes: Buffer, from: number, end: number): void {
    this.bytes = bytes;
    const limit = bytes.length;
    let position = from;
    while (position < end) {
      let open = position;
      while (open < end && bytes[open] !== 60) open += 1;
      if (open >= end) return;
      const second = bytes[open + 1];
      // <c r="A1" …><v>…</v></c>, nearly every cell an application writes: read in one go.
      if (second === 99 && bytes[open + 2] === 32) {
        const after = this.plainCell(open, limit);
        if (after > 0) {
          position = after;
          continue;
        }
      }
      // <row r="2" …>, as applications write every row: its number read here, the rest of the
      // tag skipped (readAttributes would take this first r, and nothing else, from it).
      if (second === 114 && bytes[open + 2] === 111 && bytes[open + 3] === 119) {
        const after = this.plainRow(open, limit);
        if (after > 0) {
          position = after;
          continue;
        }
      }
      let close = open + 1;
      while (close < limit && bytes[close] !== 62) close += 1;
      if (close >= limit) return;
      let nameEnd = open + 1;
      let colon = -1;
      while (nameEnd < close) {
        const code = bytes[nameEnd] as number;
        if (code === 32 || code === 47 || code === 9 || code === 10 || code === 13) break;
        if (code === 58 && colon < 0) colon = nameEnd;
        nameEnd += 1;
      }
      const localStart = colon < 0 ? open + 1 : colon + 1;
      const localLength = nameEnd - localStart;
      const first = bytes[localStart];
      if (
        localLength === 3 &&
        first === 114 &&
        bytes[localStart + 1] === 111 &&
        bytes[localStart + 2] === 119
      ) {
        // <row>
        this.readAttributes(nameEnd, close);
        this.flush();
        this.rowNumber =
          this.rStart >= 0 ? this.integerOr(this.rStart, this.rEnd) : this.rowNumber + 1;
        this.column = 0;
        position = close + 1;
        continue;
      }
      if (localLength !== 1 || first !== 99) {
        position = close + 1;
        continue;
      }
      // <c>
      const selfClosing = bytes[close - 1] === 47;
      let contentEnd = close + 1;
      let next = close + 1;
      if (!selfClosing) {
        const cellEnd = this.endTagAt(close + 1, limit, open + 1, nameEnd);
        contentEnd = cellEnd < 0 ? end : cellEnd;
        next = cellEnd < 0 ? end : cellEnd + 3 + (nameEnd - open - 1);
      }
      this.readAttributes(nameEnd, selfClosing ? close - 1 : close);
      this.place();
      if (close + 1 < contentEnd) this.store(this.cellValue(close + 1, contentEnd));
      position = next;
    }
  }

  /**
   * A cell as applications write nearly all of them, `<c r="B2" s="1" t="s"><v>text</v></c>`
   * (r, then s and t if present, one space before each, no prefix, a <v> alone inside): read
   * from its bytes in one go, each byte once. Returns where the next element starts, or 0 when
   * the cell is anything else (other attributes, an inline string, a cell cut off at the
   * part's end), which is then read the long way.
   */
  private plainCell(open: number, limit: number): number {
    const bytes = this.bytes;
    let at = open + 3;
    if (bytes[at] !== 114 || bytes[at + 1] !== 61 || bytes[at + 2] !== 34) return 0;
    at += 3;
    const lettersStart = at;
    let column = 0;
    let code = bytes[at] as number;
    while (code >= 65 && code <= 90 && at - lettersStart < 3) {
      column = column * 26 + (code - 64);
      at += 1;
      code = bytes[at] as number;
    }
    const digitsStart = at;
    let row = 0;
    while (code >= 48 && code <= 57) {
      row = row * 10 + (code - 48);
      at += 1;
      code = bytes[at] as number;
    }
    if (
      code !== 34 ||
      at === digitsStart ||
      digitsStart === lettersStart ||
      at - digitsStart > 15
    ) {
      return 0;
    }
    at += 1;
    code = bytes[at] as number;
    let styleStart = -1;
    let styleEnd = -1;
    if (code === 32 && bytes[at + 1] === 115 && bytes[at + 2] === 61 && bytes[at + 3] === 34) {
      styleStart = at + 4;
      at = styleStart;
      while (at < limit && bytes[at] !== 34 && bytes[at] !== 62) at += 1;
      if (bytes[at] !== 34) return 0;
      styleEnd = at;
      at += 1;
      code = bytes[at] as number;
    }
    let type = CellType.Number;
    if (code === 32 && bytes[at + 1] === 116 && bytes[at + 2] === 61 && bytes[at + 3] === 34) {
      const typeStart = at + 4;
      at = typeStart;
      while (at < limit && bytes[at] !== 34 && bytes[at] !== 62) at += 1;
      if (bytes[at] !== 34) return 0;
      type = this.typeOf(typeStart, at);
      if (type === CellType.Inline) return 0;
      at += 1;
      code = bytes[at] as number;
    }
    // '>' then <v>; anything else (another attribute, '/>') is read the long way.
    if (code !== 62 || bytes[at + 1] !== 60 || bytes[at + 2] !== 118 || bytes[at + 3] !== 62) {
      return 0;
    }
    const from = at + 4;
    let to = from;
    // The value's digits are read on the way to its end: a whole number needs nothing more.
    let whole = 0;
    code = bytes[to] as number;
    while (code >= 48 && code <= 57) {
      whole = whole * 10 + (code - 48);
      to += 1;
      code = bytes[to] as number;
    }
    const digitsEnd = to;
    while (to < limit && bytes[to] !== 60) to += 1;
    if (
      to + 8 > limit ||
      bytes[to + 1] !== 47 ||
      bytes[to + 2] !== 118 ||
      bytes[to + 3] !== 62 ||
      bytes[to + 4] !== 60 ||
      bytes[to + 5] !== 47 ||
      bytes[to + 6] !== 99 ||
      bytes[to + 7] !== 62
    ) {
      return 0;
    }
    this.column = column;
    this.rowNumber = row;
    if (digitsEnd === to && to > from && to - from <= 15) {
      if (type === CellType.Shared) {
        this.strings ??= this.context.sharedStrings();
        this.store(this.strings[whole] ?? '');
        return to + 8;
      }
      if (type === CellType.Number) {
        this.store(this.wholeValue(whole, styleStart, styleEnd));
        return to + 8;
      }
    }
    this.type = type;
    this.styleStart = styleStart;
    this.styleEnd = styleEnd;
    this.store(this.valueOf(from, to));
    return to + 8;
  }

  /**
   * A row's start tag that begins `<row r="digits"` (at most 15): the row begins there. Returns
   * where the next element starts, or 0 for any other tag, read the long way.
   */
  private plainRow(open: number, limit: number): number {
    const bytes = this.bytes;
    if (
      bytes[open + 4] !== 32 ||
      bytes[open + 5] !== 114 ||
      bytes[open + 6] !== 61 ||
      bytes[open + 7] !== 34
    ) {
      return 0;
    }
    const digitsStart = open + 8;
    let at = digitsStart;
    let row = 0;
    let code = bytes[at] as number;
    while (code >= 48 && code <= 57) {
      row = row * 10 + (code - 48);
      at += 1;
      code = bytes[at] as number;
    }
    if (code !== 34 || at === digitsStart || at - digitsStart > 15) return 0;
    let close = at + 1;
    while (close < limit && bytes[close] !== 62) close += 1;
    if (close >= limit) return 0;
    this.flush();
    this.rowNumber = row;
    this.column = 0;
    return close + 1;
  }

  /** The cell's place: its reference, or the next column of the row. */
  private place(): void {
    if (this.refValid) {
      this.column = this.refColumn;
      this.rowNumber = this.refRow;
    } else {
      this.column += 1;
    }
  }

  /**
   * Keeps a cell's value in its row. The first row of a <row> element is filled in `scratch`
   * and kept as an array of its own length when the element ends (flush): growing an empty
   * array cell by cell reallocates it several times, which at 100,000 rows cost more than
   * reading them. A row met again, or a gap too wide to fill, is kept in its array directly,
   * as before.
   */
  private store(value: CellValue): void {
    if (value === '') return;
    const index = this.column - 1;
    if (this.current === null && this.pendingRow < 0) {
      const existing = this.rows.get(this.rowNumber);
      if (existing === undefined) {
        this.pendingRow = this.rowNumber;
        this.scratchLength = 0;
      } else {
        this.current = existing;
        this.rows.set(this.rowNumber, existing);
      }
    }
    if (this.current === null) {
      let length = this.scratchLength;
      if (index > length) {
        if (index - length > MOST_FILLED_GAP) {
          this.current = this.scratch.slice(0, length);
          this.rows.set(this.pendingRow, this.current);
          this.pendingRow = -1;
          this.current[index] = value;
          return;
        }
        while (length < index) this.scratch[length++] = '';
      }
      this.scratch[index] = value;
      this.scratchLength = index >= length ? index + 1 : length;
      return;
    }
    const current = this.current;
    if (index > current.length && index - current.length <= MOST_FILLED_GAP) {
      while (current.length < index) current.push('');
    }
    current[index] = value;
  }

  /** The row filled in `scratch`, kept (at the end of its <row> element, or of the scan). */
  flush(): void {
    if (this.pendingRow >= 0) {
      this.rows.set(this.pendingRow, this.scratch.slice(0, this.scratchLength));
      this.pendingRow = -1;
    }
    this.current = null;
  }

  /** Where the end tag `</name>` (name: the bytes from nameStart to nameEnd) starts, or -1. */
  private endTagAt(from: number, limit: number, nameStart: number, nameEnd: number): number {
    const bytes = this.bytes;
    const nameLength = nameEnd - nameStart;
    const near = from + NEAR_END;
    let at = from;
    for (; at < near && at + nameLength + 2 < limit; at += 1) {
      if (this.endTagHere(at, nameStart, nameLength)) return at;
    }
    // Further on (an inline string of thousands of characters: the change log's snapshot,
    // 1.2 MB of them read at every run): from one '<' to the next, found natively.
    for (at = bytes.indexOf(60, at); at >= 0 && at + nameLength + 2 < limit;) {
      if (this.endTagHere(at, nameStart, nameLength)) return at;
      at = bytes.indexOf(60, at + 1);
    }
    return -1;
  }

  /** Whether the end tag of the element named at nameStart begins at `at`. */
  private endTagHere(at: number, nameStart: number, nameLength: number): boolean {
    const bytes = this.bytes;
    if (bytes[at] !== 60 || bytes[at + 1] !== 47 || bytes[at + 2 + nameLength] !== 62) return false;
    for (let i = 0; i < nameLength; i += 1) {
      if (bytes[at + 2 + i] !== bytes[nameStart + i]) return false;
    }
    return true;
  }

  /** Reads the r, s and t attributes of the start tag between `from` and `to`. */
  private readAttributes(from: number, to: number): void {
    const bytes = this.bytes;
    this.refValid = false;
    this.styleStart = -1;
    this.type = CellType.Number;
    this.rStart = -1;
    let typeSeen = false;
    let at = from;
    while (at < to) {
      let code = bytes[at] as number;
      if (code === 32 || code === 9 || code === 10 || code === 13) {
        at += 1;
        continue;
      }
      const nameStart = at;
      while (at < to) {
        code = bytes[at] as number;
        if (code === 61 || code === 32 || code === 9 || code === 10 || code === 13) break;
        at += 1;
      }
      const nameLength = at - nameStart;
      while (at < to && bytes[at] !== 61) at += 1;
      at += 1;
      while (at < to) {
        code = bytes[at] as number;
        if (code === 34 || code === 39) break;
        at += 1;
      }
      if (at >= to) return;
      const valueStart = at + 1;
      let valueEnd = valueStart;
      while (valueEnd < to && bytes[valueEnd] !== code) valueEnd += 1;
      at = valueEnd + 1;
      if (nameLength !== 1) continue;
      const name = bytes[nameStart];
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
    const bytes = this.bytes;
    this.rStart = from;
    this.rEnd = to;
    let at = from;
    let column = 0;
    while (at < to && at - from < 3) {
      const code = bytes[at] as number;
      if (code < 65 || code > 90) break;
      column = column * 26 + (code - 64);
      at += 1;
    }
    if (at === from || at === to) return;
    const digitsStart = at;
    while (at < to) {
      const code = bytes[at] as number;
      if (code < 48 || code > 57) return;
      at += 1;
    }
    this.refColumn = column;
    this.refRow = this.integerOr(digitsStart, to);
    this.refValid = true;
  }

  private typeOf(from: number, to: number): CellType {
    const bytes = this.bytes;
    const length = to - from;
    if (length === 1) {
      const code = bytes[from];
      if (code === 115) return CellType.Shared;
      if (code === 98) return CellType.Boolean;
      if (code === 101) return CellType.Text;
      if (code === 100) return CellType.Date;
      return CellType.Number;
    }
    if (length === 3 && this.text(from, to) === 'str') return CellType.Text;
    if (length === 9 && this.text(from, to) === 'inlineStr') return CellType.Inline;
    return CellType.Number;
  }

  private text(from: number, to: number): string {
    return this.bytes.toString('utf8', from, to);
  }

  /** Number() of the text between `from` and `to`, read from its digits when it is only digits. */
  private integerOr(from: number, to: number): number {
    const bytes = this.bytes;
    if (to > from && to - from <= 15) {
      let value = 0;
      let at = from;
      for (; at < to; at += 1) {
        const code = bytes[at] as number;
        if (code < 48 || code > 57) break;
        value = value * 10 + (code - 48);
      }
      if (at === to) return value;
    }
    return Number(this.text(from, to));
  }

  /**
   * Number() of a plain decimal (-12.5, 3, 0.015) from its digits: a mantissa below 2^53 divided
   * by an exact power of ten is the nearest double to the decimal, as Number() gives (the
   * classic fast path); anything else (exponents, spaces, long mantissas) goes to Number().
   */
  private decimalOr(from: number, to: number): number {
    const bytes = this.bytes;
    let at = from;
    const negative = bytes[at] === 45;
    if (negative) at += 1;
    let mantissa = 0;
    let digits = 0;
    let decimals = -1;
    for (; at < to; at += 1) {
      const code = bytes[at] as number;
      if (code >= 48 && code <= 57) {
        mantissa = mantissa * 10 + (code - 48);
        digits += 1;
        if (decimals >= 0) decimals += 1;
      } else if (code === 46 && decimals < 0) {
        decimals = 0;
      } else break;
    }
    if (at !== to || digits === 0 || digits > 15) return Number(this.text(from, to));
    const value = decimals > 0 ? mantissa / (POWERS_OF_TEN[decimals] ?? 1) : mantissa;
    return negative ? -value : value;
  }

  private cellValue(contentStart: number, contentEnd: number): CellValue {
    const bytes = this.bytes;
    if (this.type === CellType.Inline) {
      return (
        this.plainInline(contentStart, contentEnd) ?? runText(this.text(contentStart, contentEnd))
      );
    }
    let from: number;
    if (
      bytes[contentStart] === 60 &&
      bytes[contentStart + 1] === 118 &&
      bytes[contentStart + 2] === 62
    ) {
      from = contentStart + 3;
    } else {
      const content = this.text(contentStart, contentEnd);
      const plain = content.indexOf('<v>');
      const open = plain >= 0 ? null : V_OPEN.exec(content);
      if (plain < 0 && !open) {
        this.noteUncalculated(content);
        return '';
      }
      const before = plain >= 0 ? plain + 3 : (open?.index ?? 0) + (open?.[0].length ?? 0);
      from = contentStart + Buffer.byteLength(content.slice(0, before), 'utf8');
      const to = this.valueEnd(from, contentEnd);
      if (to === from) this.noteUncalculated(content);
      return this.valueOf(from, to);
    }
    return this.valueOf(from, this.valueEnd(from, contentEnd));
  }

  private valueEnd(from: number, contentEnd: number): number {
    const bytes = this.bytes;
    let to = from;
    while (to < contentEnd && !(bytes[to] === 60 && bytes[to + 1] === 47)) to += 1;
    return to;
  }

  /**
   * A cell with no <v> text is a formula never calculated when it holds one and has no type (a
   * formula giving "" is written t="str"): noted, the tab's first (SparseCells.uncalculated).
   */
  private noteUncalculated(content: string): void {
    if (
      this.rows.uncalculated === null &&
      this.type === CellType.Number &&
      FORMULA_OPEN.test(content)
    ) {
      this.rows.uncalculated = `${columnLetter(this.column)}${this.rowNumber}`;
    }
  }

  /**
   * The text of an inline string written as one plain run, `<is><t>text</t></is>` (as Gongfang
   * writes its snapshot tabs, 1.2 MB of base64 at 100,000 rows), read as runText reads it
   * without decoding the markup and matching it; null for anything else.
   */
  private plainInline(from: number, to: number): string | null {
    const bytes = this.bytes;
    const textStart = from + 7;
    const textEnd = to - 9;
    if (
      textStart > textEnd ||
      bytes[from] !== 60 ||
      bytes[from + 1] !== 105 ||
      bytes[from + 2] !== 115 ||
      bytes[from + 3] !== 62 ||
      bytes[from + 4] !== 60 ||
      bytes[from + 5] !== 116 ||
      bytes[from + 6] !== 62 ||
      bytes.indexOf(60, textStart) !== textEnd ||
      bytes.toString('latin1', textEnd, to) !== '</t></is>'
    ) {
      return null;
    }
    return unescapeXml(this.text(textStart, textEnd));
  }

  /** The value of a cell whose <v> text is bytes[from, to), by the cell's type. */
  private valueOf(from: number, to: number): CellValue {
    switch (this.type) {
      case CellType.Shared:
        this.strings ??= this.context.sharedStrings();
        return this.strings[this.integerOr(from, to)] ?? '';
      case CellType.Text:
        return unescapeXml(this.text(from, to));
      case CellType.Boolean: {
        const raw = this.text(from, to).trim();
        return raw === '1' || raw === 'true';
      }
      case CellType.Date: {
        const raw = this.text(from, to);
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
      const raw = this.text(from, to);
      return raw.trim() === '' ? '' : unescapeXml(raw);
    }
    if (number === 0 && this.text(from, to).trim() === '') return '';
    if (this.styleStart < 0) return number;
    const style = this.integerOr(this.styleStart, this.styleEnd);
    if (!this.isDateStyle(style)) return number;
    return this.dateOf(number);
  }

  /** numberValue of a <v> that is only digits (at most 15), read as `whole`. */
  private wholeValue(whole: number, styleStart: number, styleEnd: number): CellValue {
    if (styleStart < 0) return whole;
    if (!this.isDateStyle(this.integerOr(styleStart, styleEnd))) return whole;
    return this.dateOf(whole);
  }

  /**
   * The date a date-formatted number stands for; the number itself past Excel's last date
   * (9999-12-31), where Excel shows #### and no date: 20260901 typed into a date cell was read
   * as an invalid date, and Check said "Invalid Date" is not a date, in every language.
   */
  private dateOf(serial: number): CellValue {
    let date = this.dates.get(serial);
    if (date === undefined) {
      if (!isDateSerial(serial, this.context.date1904)) return serial;
      date = fromSheetDate(serialToWallClock(serial, this.context.date1904), this.context.timeZone);
      this.dates.set(serial, date);
    }
    return date;
  }

  private isDateStyle(style: number): boolean {
    const small = style >= 0 && style < 65_536 && Number.isInteger(style);
    const known = small ? this.dateStyles[style] : undefined;
    if (known !== undefined) return known === 1;
    const isDate = this.context.isDateStyle(style);
    if (small) this.dateStyles[style] = isDate ? 1 : 0;
    return isDate;
  }
}

/** The shared string table, each item's runs joined. */
export function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  const pattern =
    /<(?:[A-Za-z_][\w.-]*:)?si>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?si>|<(?:[A-Za-z_][\w.-]*:)?si\/>/g;
  let at = 0;
  for (;;) {
    // <si><t>text</t></si> right where the pattern would look next, as nearly every item of a
    // big table is (a million of them at a million rows): the text taken without the match.
    if (xml.startsWith('<si><t>', at)) {
      const end = xml.indexOf('<', at + 7);
      if (end >= 0 && xml.startsWith('</t></si>', end)) {
        strings.push(unescapeXml(xml.slice(at + 7, end)));
        at = end + 9;
        continue;
      }
    }
    pattern.lastIndex = at;
    const match = pattern.exec(xml);
    if (match === null) break;
    const item = match[1] ?? '';
    strings.push(plainItemText(item) ?? runText(item));
    at = pattern.lastIndex;
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
