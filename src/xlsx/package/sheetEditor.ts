/**
 * Edits to an existing sheet part that touch only what they change: the cells written (their
 * row's other cells stay as they were, text for text) and the sheet-level elements Set up and
 * Check own (frozen pane, column widths and formats, validations, the legacy-drawing link).
 */
import { columnLetter } from '../../workbook/cells';
import type { PartSource } from './package';
import { columnNumber } from './sheetReader';
import { attribute, findElement, findElements, withAttribute, withoutAttribute } from './xml';
import type { StreamedData } from './zip';

/** CT_Worksheet's children in schema order (ECMA-376 Part 1, 18.3.1.99). */
const WORKSHEET_ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

export interface CellEdit {
  /** The new cell element, its r set to `ref`, or null to leave no cell. */
  (existing: string | undefined, ref: string): string | null;
}

interface RowParts {
  readonly start: string;
  readonly cells: { column: number; xml: string }[];
}

export class SheetEditor {
  /** The worksheet's namespace prefix with its colon, '' when unprefixed. */
  readonly prefix: string;
  private head: string;
  private tail: string;
  private readonly rows: SheetRows | ByteRows | StreamedRows;

  /**
   * `source` is the part as text or as its bytes. From bytes, a sheet as applications write it
   * is kept as those bytes: only the head, the tail and the rows edited become text, and
   * toParts hands the unchanged stretches on as slices of them (a 312 MB Pieces part is then
   * held once, not also as a string, a joined string and its encoding again).
   */
  constructor(source: string | Buffer | Split) {
    if (typeof source !== 'string' && !Buffer.isBuffer(source)) {
      this.prefix = source.prefix;
      this.head = source.head;
      this.tail = source.tail;
      this.rows = source.rows;
      return;
    }
    const bytes = typeof source === 'string' ? null : withoutBom(source);
    const split = bytes ? splitBytes(bytes) : null;
    if (split) {
      this.prefix = split.prefix;
      this.head = split.head;
      this.tail = split.tail;
      this.rows = split.rows;
      return;
    }
    const xml = bytes ? bytes.toString('utf8') : (source as string);
    this.prefix = /<([A-Za-z_][\w.-]*:)?worksheet[\s>]/.exec(xml)?.[1] ?? '';
    const open = new RegExp(`<${this.prefix}sheetData(?:\\s[^>]*)?(/?)>`).exec(xml);
    if (!open) throw new Error('no <sheetData>');
    const selfClosed = open[1] === '/';
    const openEnd = open.index + open[0].length;
    this.head = xml.slice(0, open.index) + `<${this.prefix}sheetData>`;
    const closeTag = `</${this.prefix}sheetData>`;
    const closeAt = selfClosed ? openEnd : xml.indexOf(closeTag, openEnd);
    this.tail = closeTag + xml.slice(selfClosed ? openEnd : closeAt + closeTag.length);
    this.rows = new SheetRows(xml.slice(openEnd, selfClosed ? openEnd : closeAt), this.prefix);
  }

  /**
   * An editor of a part too big to hold again while the command holds what it read (a
   * million-row Pieces sheet: 312 MB), for edits to the rows `wanted` (check --mark's marked
   * rows): the part is inflated again in chunks and only the head, the tail and those rows are
   * kept, with where they lie; writing (content) inflates it once more as it deflates. Edited
   * so, it writes what `new SheetEditor(bytes)` would. Null for a sheet not as applications
   * write it (the caller then edits it as before); any other row asked for reads the whole part.
   */
  static async streamed(source: PartSource, wanted: Iterable<number>): Promise<SheetEditor | null> {
    const scan = new RowScan([...new Set(wanted)].sort((a, b) => a - b));
    for await (const chunk of withoutBomChunks(source.chunks())) {
      if (!scan.push(chunk)) return null;
    }
    const found = scan.end();
    if (!found) return null;
    return new SheetEditor({
      prefix: found.prefix,
      head: found.head,
      tail: found.tail,
      rows: new StreamedRows(source, found),
    });
  }

  toXml(): string {
    if (!(this.rows instanceof SheetRows)) return Buffer.concat(this.toParts()).toString('utf8');
    return this.head + this.rows.toXml() + this.tail;
  }

  /** The part's bytes as they will be written, in pieces (unchanged rows are slices). */
  toParts(): Buffer[] {
    if (this.rows instanceof SheetRows) return [Buffer.from(this.toXml(), 'utf8')];
    return [Buffer.from(this.head, 'utf8'), ...this.rows.toParts(), Buffer.from(this.tail, 'utf8')];
  }

  /**
   * What the package writes: toParts, or for a streamed editor not read whole since, the same
   * bytes made while they are written.
   */
  content(): Buffer[] | StreamedData {
    if (!(this.rows instanceof StreamedRows) || this.rows.isWhole()) return this.toParts();
    return this.rows.streamedData(Buffer.from(this.head, 'utf8'), Buffer.from(this.tail, 'utf8'));
  }

  /** The part up to <sheetData>: the root element's start tag and its namespaces are there. */
  headXml(): string {
    return this.head;
  }

  /**
   * Applies `edits` (by 1-based column) to row `number`'s cells, creating the row if needed.
   * `points`: the row's height as its own (customHeight), in the same pass: Excel, WPS and
   * LibreOffice print a row at its stored height and never grow it to fit wrapped text.
   */
  editRow(number: number, edits: ReadonlyMap<number, CellEdit>, points?: number): void {
    if (edits.size === 0) return;
    const row = this.parseRow(number);
    for (const [column, edit] of edits) {
      const ref = `${columnLetter(column)}${number}`;
      const at = row.cells.findIndex((cell) => cell.column >= column);
      const existing = at >= 0 && row.cells[at]?.column === column ? row.cells[at] : undefined;
      const fixed = edit(existing?.xml, ref);
      if (existing) {
        if (fixed === null) row.cells.splice(at, 1);
        else existing.xml = fixed;
      } else if (fixed !== null) {
        row.cells.splice(at < 0 ? row.cells.length : at, 0, { column, xml: fixed });
      }
    }
    const close = `</${this.prefix}row>`;
    let start = row.start.endsWith('/>') ? row.start.slice(0, -2) + '>' : row.start;
    if (points !== undefined) {
      start = withAttribute(withAttribute(start, 'ht', String(points)), 'customHeight', '1');
    }
    this.rows.set(number, start + row.cells.map((cell) => cell.xml).join('') + close);
  }

  /** The style index of an existing cell, or undefined. */
  cellStyle(row: number, column: number): number | undefined {
    const cell = this.parseRow(row).cells.find((c) => c.column === column);
    const s = cell ? attribute(cell.xml.slice(0, cell.xml.indexOf('>')), 's') : undefined;
    return s === undefined ? undefined : Number(s);
  }

  /** Existing cells of `column` in rows ≥ `fromRow` (numbers of their rows). */
  rowsWithCellIn(column: number, fromRow: number): number[] {
    const found: number[] = [];
    const letter = columnLetter(column);
    const pattern = new RegExp(`<${this.prefix}c\\s[^>]*?r="${letter}\\d+"`);
    for (const [number, text] of this.rows.entries()) {
      if (number >= fromRow && pattern.test(text)) found.push(number);
    }
    return found;
  }

  /** The style a new cell of `column` gets from its <col>, if any. */
  columnStyle(column: number): number | undefined {
    for (const col of this.columns()) {
      if (col.min <= column && column <= col.max) {
        const style = attribute(col.tag, 'style');
        return style === undefined ? undefined : Number(style);
      }
    }
    return undefined;
  }

  /**
   * `column`'s width in pixels: its stored width (in characters of 7 px, padding included, as
   * sheetWriter's pixelsToCharacters stores it), else the sheet's default width, else Excel's
   * 8.43 characters (64 px).
   */
  columnPixels(column: number): number {
    const col = this.columns().find((c) => c.min <= column && column <= c.max);
    const own = col === undefined ? undefined : attribute(col.tag, 'width');
    const format = findElement(this.head, 'sheetFormatPr');
    const fallback = format === null ? undefined : attribute(format.text, 'defaultColWidth');
    const characters = Number(own ?? fallback ?? NaN);
    return Number.isFinite(characters) && characters > 0 ? characters * 7 : 64;
  }

  /** Whether staff (or an application) gave `column` a width of its own. */
  columnHasWidth(column: number): boolean {
    return this.columns().some(
      (col) => col.min <= column && column <= col.max && attribute(col.tag, 'width') !== undefined,
    );
  }

  /** Sets attributes of one column's <col> (splitting a range that covers others). */
  setColumn(column: number, set: Record<string, string>): void {
    const columns = this.columns();
    const result: { min: number; max: number; tag: string }[] = [];
    let done = false;
    for (const col of columns) {
      if (col.min <= column && column <= col.max) {
        if (col.min < column) result.push({ ...col, max: column - 1 });
        result.push({ min: column, max: column, tag: col.tag });
        if (column < col.max) result.push({ ...col, min: column + 1 });
        done = true;
      } else {
        result.push(col);
      }
    }
    if (!done) result.push({ min: column, max: column, tag: `<${this.prefix}col/>` });
    result.sort((a, b) => a.min - b.min);
    const xml = result
      .map((col) => {
        let tag = col.tag.replace(/\s*\/?>$/, '/>');
        tag = withAttribute(withAttribute(tag, 'min', String(col.min)), 'max', String(col.max));
        if (col.min === column)
          for (const [name, value] of Object.entries(set)) tag = withAttribute(tag, name, value);
        return tag;
      })
      .join('');
    this.setElement('cols', `<${this.prefix}cols>${xml}</${this.prefix}cols>`);
  }

  /** The <col> elements, read again only when the head changed (an append asks per cell). */
  private columns(): { min: number; max: number; tag: string }[] {
    if (this.columnsOf?.head === this.head) return this.columnsOf.columns;
    const cols = findElement(this.head, 'cols');
    const columns = !cols
      ? []
      : findElements(cols.text.replace(/^<[^>]*>/, ''), 'col').map((col) => ({
          min: Number(attribute(col.text, 'min') ?? 1),
          max: Number(attribute(col.text, 'max') ?? 1),
          tag: col.text.replace(/>[\s\S]*$/, '/>').replace(/\/\/>$/, '/>'),
        }));
    this.columnsOf = { head: this.head, columns };
    return columns;
  }

  private columnsOf: {
    readonly head: string;
    readonly columns: { min: number; max: number; tag: string }[];
  } | null = null;

  /**
   * Prints on A4 landscape fitted to the page's width, as many pages down as it takes: its
   * <pageSetup> (made when it has none) and the fitToPage flag in <sheetPr> that turns the fit on.
   */
  printLandscapeFitted(): void {
    const p = this.prefix;
    const found = findElement(this.tail, 'pageSetup') ?? findElement(this.head, 'pageSetup');
    let tag = found ? found.text : `<${p}pageSetup paperSize="9"/>`;
    for (const [name, value] of [
      ['orientation', 'landscape'],
      ['fitToWidth', '1'],
      ['fitToHeight', '0'],
    ] as const) {
      tag = withAttribute(tag, name, value);
    }
    this.setElement('pageSetup', tag);
    const fit = `<${p}pageSetUpPr fitToPage="1"/>`;
    const pr = findElement(this.head, 'sheetPr');
    if (!pr) return this.setElement('sheetPr', `<${p}sheetPr>${fit}</${p}sheetPr>`);
    const own = findElement(pr.text, 'pageSetUpPr');
    const text = own
      ? pr.text.slice(0, own.start) +
        withAttribute(own.text, 'fitToPage', '1') +
        pr.text.slice(own.end)
      : pr.text.endsWith('/>')
        ? `${pr.text.slice(0, -2)}>${fit}</${p}sheetPr>`
        : pr.text.replace(new RegExp(`</${p}sheetPr>$`), `${fit}</${p}sheetPr>`);
    this.head = this.head.slice(0, pr.start) + text + this.head.slice(pr.end);
  }

  /**
   * Freezes the top `rows` rows in the first sheet view. Columns staff froze stay frozen, as
   * Sheets' setFrozenRows keeps them: a Pieces tab frozen at C2 had kept only its header.
   */
  freezeRows(rows: number): void {
    const p = this.prefix;
    const views = findElement(this.head, 'sheetViews');
    const view = views ? findElement(views.text, 'sheetView') : null;
    const columns = frozenColumns(view ? findElement(view.text, 'pane')?.text : undefined);
    const pane = columns > 0 ? frozenPane(p, rows, columns) : frozenRowsPane(p, rows);
    if (!views || !view) {
      this.setElement(
        'sheetViews',
        `<${p}sheetViews><${p}sheetView workbookViewId="0">${pane}</${p}sheetView></${p}sheetViews>`,
      );
      return;
    }
    const startTag = /^<[^>]*>/.exec(view.text)?.[0] ?? '';
    const open = startTag.endsWith('/>') ? startTag.slice(0, -2) + '>' : startTag;
    const inner = startTag.endsWith('/>')
      ? ''
      : view.text.slice(startTag.length, view.text.lastIndexOf('</'));
    // Keep what follows the pane and selections (pivot selections, extensions).
    const rest = inner.replace(
      new RegExp(
        `<${p}(?:pane|selection)(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${p}(?:pane|selection)>)`,
        'g',
      ),
      '',
    );
    const rebuilt = `${open}${pane}${rest}</${p}sheetView>`;
    const newViews = views.text.slice(0, view.start) + rebuilt + views.text.slice(view.end);
    this.head = this.head.slice(0, views.start) + newViews + this.head.slice(views.end);
  }

  /** Replaces this column's validations over rows ≥ 2 with `validation` (a <dataValidation>). */
  setColumnValidation(column: number, validation: string): void {
    const p = this.prefix;
    const existing = findElement(this.tail, 'dataValidations');
    const kept: string[] = [];
    for (const element of existing ? findElements(existing.text, 'dataValidation') : []) {
      const sqref = attribute(element.text, 'sqref') ?? '';
      const others = sqref
        .split(/\s+/)
        .filter((range) => range !== '' && !onlyColumn(range, column));
      if (others.length === 0) continue;
      kept.push(
        others.length === sqref.split(/\s+/).filter(Boolean).length
          ? element.text
          : element.text.replace(/sqref="[^"]*"/, `sqref="${others.join(' ')}"`),
      );
    }
    kept.push(validation);
    this.setElement(
      'dataValidations',
      `<${p}dataValidations count="${kept.length}">${kept.join('')}</${p}dataValidations>`,
    );
  }

  /** The r:id of the sheet's <legacyDrawing>, if any. */
  legacyDrawingId(): string | undefined {
    const element = findElement(this.tail, 'legacyDrawing');
    if (!element) return undefined;
    const match = /\s([\w.-]+:)?id="([^"]*)"/.exec(element.text);
    return match?.[2];
  }

  setLegacyDrawing(relationshipPrefix: string, id: string): void {
    this.setElement(
      'legacyDrawing',
      `<${this.prefix}legacyDrawing ${relationshipPrefix}id="${id}"/>`,
    );
  }

  /** Widens <dimension> to take in `lastRow` × `lastColumn`. */
  growDimension(lastRow: number, lastColumn: number): void {
    const element = findElement(this.head, 'dimension');
    if (!element) return;
    const ref = attribute(element.text, 'ref') ?? 'A1';
    const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref);
    if (!match) return;
    const bottom = Math.max(Number(match[4] ?? match[2]), lastRow);
    const right = Math.max(columnNumber(match[3] ?? match[1] ?? 'A'), lastColumn);
    const updated = withAttribute(
      element.text,
      'ref',
      `${match[1]}${match[2]}:${columnLetter(right)}${bottom}`,
    );
    this.head = this.head.slice(0, element.start) + updated + this.head.slice(element.end);
  }

  /** Puts `xml` in place of the sheet's element `name`, or where the schema orders it. */
  private setElement(name: string, xml: string): void {
    for (const side of ['head', 'tail'] as const) {
      const found = findElement(this[side], name);
      if (found) {
        this[side] = this[side].slice(0, found.start) + xml + this[side].slice(found.end);
        return;
      }
    }
    const position = WORKSHEET_ORDER.indexOf(name);
    const sheetDataAt = WORKSHEET_ORDER.indexOf('sheetData');
    const side = position < sheetDataAt ? 'head' : 'tail';
    const text = this[side];
    let insertAt = -1;
    for (const later of WORKSHEET_ORDER.slice(position + 1)) {
      if (side === 'head' && later === 'sheetData') {
        insertAt = text.lastIndexOf(`<${this.prefix}sheetData`);
        break;
      }
      const found = findElement(text, later);
      if (found) {
        insertAt = found.start;
        break;
      }
    }
    if (insertAt < 0) insertAt = text.lastIndexOf(`</${this.prefix}worksheet>`);
    this[side] = text.slice(0, insertAt) + xml + text.slice(insertAt);
  }

  private parseRow(number: number): RowParts {
    const text = this.rows.get(number);
    if (text === undefined) return { start: `<${this.prefix}row r="${number}">`, cells: [] };
    const startEnd = text.indexOf('>') + 1;
    // Spans are a hint about the row's cells; a stale one is worse than none.
    const start = withoutAttribute(text.slice(0, startEnd), 'spans');
    if (start.endsWith('/>')) return { start, cells: [] };
    const cells: { column: number; xml: string }[] = [];
    const pattern = new RegExp(
      `<${this.prefix}c(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${this.prefix}c>)`,
      'g',
    );
    let column = 0;
    for (const match of text.slice(startEnd).matchAll(pattern)) {
      const tag = match[0].slice(0, match[0].indexOf('>') + 1);
      const ref = attribute(tag, 'r');
      const parsed = ref ? /^([A-Z]+)/.exec(ref) : null;
      column = parsed ? columnNumber(parsed[1] ?? '') : column + 1;
      const xml = ref
        ? match[0]
        : match[0].replace(/^<[^>]*?(\/?>)/, (t) =>
            withAttribute(t, 'r', `${columnLetter(column)}${number}`),
          );
      cells.push({ column, xml });
    }
    return { start: start.replace(/\/>$/, '>'), cells };
  }
}

/** Whether an sqref range lies in one column from row 2 down (the column's data cells). */
function onlyColumn(range: string, column: number): boolean {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range);
  if (!match) return false;
  const left = columnNumber(match[1] ?? '');
  const right = columnNumber(match[3] ?? match[1] ?? '');
  return left === column && right === column && Number(match[2]) >= 2;
}

/**
 * The rows of <sheetData>. A sheet as applications write it (each row with its number, in
 * order, nothing between them) is kept as the one text it is, with each row's place in it:
 * only rows edited or added get a text of their own, and toXml joins the unchanged stretches
 * as whole slices. Marking 100 cells of a 100,000-row tab then costs a few hundred slices, not
 * a text per row joined again. Any other sheet is split into a text per row as before: sorted
 * by number, a repeated number keeping the last row, rows without a number numbered.
 */
class SheetRows {
  private readonly body: string;
  /** Ascending row numbers of the body's rows, with where each starts and ends (lazy form). */
  private readonly numbers: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Rows edited or added (every row, when the body is not in the lazy form). */
  private readonly changed = new Map<number, string>();
  private readonly lazy: boolean;

  constructor(body: string, prefix: string) {
    this.body = body;
    const rowPattern = new RegExp(
      `<${prefix}row(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${prefix}row>)`,
      'g',
    );
    const quick = `<${prefix}row r="`;
    let lazy = true;
    let previousEnd = 0;
    let previous = 0;
    for (const match of body.matchAll(rowPattern)) {
      const text = match[0];
      const start = match.index;
      const r =
        quickRowNumber(body, start, quick) ?? attribute(text.slice(0, text.indexOf('>')), 'r');
      const number = r !== undefined ? Number(r) : previous + 1;
      if (lazy && (r === undefined || start !== previousEnd || !(number > previous))) {
        lazy = false;
        this.splitRows();
      }
      if (lazy) {
        this.numbers.push(number);
        this.starts.push(start);
        this.ends.push(start + text.length);
      } else {
        // Rows numbered by position get their number written, so rows added above stay put.
        const numbered =
          r !== undefined
            ? text
            : text.replace(/^<[^>]*?(\/?>)/, (tag) => withAttribute(tag, 'r', String(number)));
        this.changed.set(number, numbered);
      }
      previousEnd = start + text.length;
      previous = number;
    }
    this.lazy = lazy && previousEnd === body.length;
    if (lazy && !this.lazy) this.splitRows();
  }

  /** Leaves the lazy form: every row read so far becomes a text of its own. */
  private splitRows(): void {
    this.numbers.forEach((number, index) => {
      this.changed.set(number, this.body.slice(this.starts[index], this.ends[index]));
    });
    this.numbers.length = 0;
    this.starts.length = 0;
    this.ends.length = 0;
  }

  /** Index of `number` among the body's rows, or -1. */
  private indexOf(number: number): number {
    return indexOfRow(this.numbers, number);
  }

  get(number: number): string | undefined {
    const changed = this.changed.get(number);
    if (changed !== undefined || !this.lazy) return changed;
    const index = this.indexOf(number);
    return index < 0 ? undefined : this.body.slice(this.starts[index], this.ends[index]);
  }

  set(number: number, text: string): void {
    this.changed.set(number, text);
  }

  /** Every row, in the order a Map of all rows kept them: the sheet's, then rows added. */
  *entries(): Generator<[number, string]> {
    if (!this.lazy) {
      yield* this.changed;
      return;
    }
    for (let index = 0; index < this.numbers.length; index += 1) {
      const number = this.numbers[index] ?? 0;
      yield [
        number,
        this.changed.get(number) ?? this.body.slice(this.starts[index], this.ends[index]),
      ];
    }
    for (const [number, text] of this.changed) {
      if (this.indexOf(number) < 0) yield [number, text];
    }
  }

  toXml(): string {
    if (!this.lazy) {
      const numbers = [...this.changed.keys()].sort((a, b) => a - b);
      let body = '';
      for (const number of numbers) body += this.changed.get(number) ?? '';
      return body;
    }
    const added = [...this.changed.keys()].filter((n) => this.indexOf(n) < 0).sort((a, b) => a - b);
    const parts: string[] = [];
    let runStart = -1;
    let runEnd = -1;
    const flush = () => {
      if (runStart >= 0) parts.push(this.body.slice(runStart, runEnd));
      runStart = -1;
    };
    let next = 0;
    for (let index = 0; index < this.numbers.length; index += 1) {
      const number = this.numbers[index] ?? 0;
      while (next < added.length && (added[next] ?? 0) < number) {
        flush();
        parts.push(this.changed.get(added[next] ?? 0) ?? '');
        next += 1;
      }
      const changed = this.changed.get(number);
      if (changed !== undefined) {
        flush();
        parts.push(changed);
      } else {
        if (runStart < 0) runStart = this.starts[index] ?? 0;
        runEnd = this.ends[index] ?? 0;
      }
    }
    flush();
    for (; next < added.length; next += 1) parts.push(this.changed.get(added[next] ?? 0) ?? '');
    return parts.join('');
  }
}

/** The r of a row tag written as `<row r="123"`, read without a pattern; undefined otherwise. */
function quickRowNumber(body: string, start: number, quick: string): string | undefined {
  if (!body.startsWith(quick, start)) return undefined;
  const from = start + quick.length;
  const end = body.indexOf('"', from);
  if (end < 0) return undefined;
  for (let at = from; at < end; at += 1) {
    const code = body.charCodeAt(at);
    if (code < 48 || code > 57) return undefined;
  }
  return body.slice(from, end);
}

/** The part's bytes without a UTF-8 byte-order mark (readText drops it the same way). */
function withoutBom(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/**
 * A sheet's bytes split as the text constructor splits its text, or null when the rows are not
 * in the form applications write (or anything is unusual): the caller then decodes the part
 * and splits the text, so every other sheet is edited exactly as before.
 */
function splitBytes(
  bytes: Buffer,
): { prefix: string; head: string; tail: string; rows: ByteRows } | null {
  // The head ends at the first '>' after the first "sheetData": neither pattern below can
  // match across a '>', so their first matches in it are their first matches in the part.
  const named = bytes.indexOf('sheetData');
  const headEnd = named < 0 ? -1 : bytes.indexOf(0x3e, named) + 1;
  if (headEnd <= 0) return null;
  const headText = bytes.toString('utf8', 0, headEnd);
  // Bytes that are not UTF-8 would put the text's offsets out of step with the bytes'.
  if (Buffer.byteLength(headText, 'utf8') !== headEnd) return null;
  const prefix = /<([A-Za-z_][\w.-]*:)?worksheet[\s>]/.exec(headText)?.[1] ?? '';
  const open = new RegExp(`<${prefix}sheetData(?:\\s[^>]*)?(/?)>`).exec(headText);
  if (!open || open.index + open[0].length !== headEnd) return null;
  const head = headText.slice(0, open.index) + `<${prefix}sheetData>`;
  const closeTag = `</${prefix}sheetData>`;
  if (open[1] === '/') {
    const tail = closeTag + bytes.toString('utf8', headEnd);
    return { prefix, head, tail, rows: new ByteRows(Buffer.alloc(0), [], []) };
  }
  const closeAt = indexBySuffix(bytes, Buffer.from(closeTag, 'latin1'), CLOSE_TAG_END, headEnd);
  if (closeAt < 0) return null;
  const body = bytes.subarray(headEnd, closeAt);
  const scanned = scanRowBytes(body, prefix);
  if (!scanned) return null;
  const tail = bytes.toString('utf8', closeAt);
  return { prefix, head, tail, rows: new ByteRows(body, scanned.numbers, scanned.starts) };
}

const SPACE_BYTES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);

/**
 * The rows of a <sheetData> body in SheetRows' lazy form, read from its bytes: each row numbered
 * (r), in ascending order, each starting where the one before ended and the last ending the
 * body. Null otherwise. A row is what SheetRows' pattern matches: `<row` then a space, '/' or
 * '>', then either `/>` closing the start tag or everything up to the first `</row>`.
 */
function scanRowBytes(
  body: Buffer,
  prefix: string,
): { numbers: number[]; starts: number[] } | null {
  const open = Buffer.from(`<${prefix}row`, 'latin1');
  const close = Buffer.from(`</${prefix}row>`, 'latin1');
  const numbers: number[] = [];
  const starts: number[] = [];
  let previous = 0;
  let at = 0;
  while (at < body.length) {
    for (let index = 0; index < open.length; index += 1) {
      if (body[at + index] !== open[index]) return null;
    }
    const afterName = at + open.length;
    const next = body[afterName] ?? 0;
    if (!SPACE_BYTES.has(next) && next !== 0x2f && next !== 0x3e) return null;
    // The start tag is short: looked for here rather than with a call into Buffer per row.
    let tagEnd = afterName;
    while (tagEnd < body.length && body[tagEnd] !== 0x3e) tagEnd += 1;
    if (tagEnd >= body.length) return null;
    const number = rowNumberOf(body, at, afterName, tagEnd);
    if (number === undefined || !(number > previous)) return null;
    let end: number;
    if (tagEnd - 1 >= afterName && body[tagEnd - 1] === 0x2f) {
      end = tagEnd + 1;
    } else {
      const closeAt = indexBySuffix(body, close, ROW_END, tagEnd + 1);
      if (closeAt < 0) return null;
      end = closeAt + close.length;
    }
    numbers.push(number);
    starts.push(at);
    previous = number;
    at = end;
  }
  return { numbers, starts };
}

/** A row's r, as SheetRows reads it: `r="123"` right after the name, else any r attribute. */
function rowNumberOf(
  body: Buffer,
  start: number,
  afterName: number,
  tagEnd: number,
): number | undefined {
  // ` r="`, then digits up to the next '"' (as quickRowNumber reads the text).
  if (
    body[afterName] === 0x20 &&
    body[afterName + 1] === 0x72 &&
    body[afterName + 2] === 0x3d &&
    body[afterName + 3] === 0x22
  ) {
    // Digits then '"' (up to 15 digits, a number read exactly as Number reads their text).
    const from = afterName + 4;
    let at = from;
    let number = 0;
    for (let code = body[at] ?? 0; code >= 48 && code <= 57; code = body[at] ?? 0) {
      number = number * 10 + code - 48;
      at += 1;
    }
    if (body[at] === 0x22)
      return at - from <= 15 ? number : Number(body.toString('latin1', from, at));
  }
  const r = attribute(body.toString('utf8', start, tagEnd), 'r');
  return r === undefined ? undefined : Number(r);
}

/**
 * SheetRows' lazy form over the sheet's bytes: the unchanged rows stay bytes, and toParts hands
 * each stretch of them on as one slice.
 */
class ByteRows {
  private readonly changed = new Map<number, string>();

  constructor(
    private readonly body: Buffer,
    /** Ascending row numbers, with where each row starts (it ends where the next starts). */
    private readonly numbers: readonly number[],
    private readonly starts: readonly number[],
  ) {}

  private indexOf(number: number): number {
    return indexOfRow(this.numbers, number);
  }

  private endOf(index: number): number {
    return this.starts[index + 1] ?? this.body.length;
  }

  private text(index: number): string {
    return this.body.toString('utf8', this.starts[index] ?? 0, this.endOf(index));
  }

  get(number: number): string | undefined {
    const changed = this.changed.get(number);
    if (changed !== undefined) return changed;
    const index = this.indexOf(number);
    return index < 0 ? undefined : this.text(index);
  }

  set(number: number, text: string): void {
    this.changed.set(number, text);
  }

  *entries(): Generator<[number, string]> {
    for (let index = 0; index < this.numbers.length; index += 1) {
      const number = this.numbers[index] ?? 0;
      yield [number, this.changed.get(number) ?? this.text(index)];
    }
    for (const [number, text] of this.changed) {
      if (this.indexOf(number) < 0) yield [number, text];
    }
  }

  toParts(): Buffer[] {
    const added = [...this.changed.keys()].filter((n) => this.indexOf(n) < 0).sort((a, b) => a - b);
    const parts: Buffer[] = [];
    let runStart = -1;
    let runEnd = -1;
    const flush = () => {
      if (runStart >= 0) parts.push(this.body.subarray(runStart, runEnd));
      runStart = -1;
    };
    const addRow = (text: string) => {
      flush();
      parts.push(Buffer.from(text, 'utf8'));
    };
    let next = 0;
    for (let index = 0; index < this.numbers.length; index += 1) {
      const number = this.numbers[index] ?? 0;
      while (next < added.length && (added[next] ?? 0) < number) {
        addRow(this.changed.get(added[next] ?? 0) ?? '');
        next += 1;
      }
      const changed = this.changed.get(number);
      if (changed !== undefined) {
        addRow(changed);
      } else {
        if (runStart < 0) runStart = this.starts[index] ?? 0;
        runEnd = this.endOf(index);
      }
    }
    flush();
    for (; next < added.length; next += 1) addRow(this.changed.get(added[next] ?? 0) ?? '');
    return parts;
  }
}

/** Index of row `number` in ascending row numbers (a binary search), or -1. */
function indexOfRow(numbers: readonly number[], number: number): number {
  let low = 0;
  let high = numbers.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = numbers[middle] ?? 0;
    if (found === number) return middle;
    if (found < number) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** A sheet split into head, rows and tail, as splitBytes and the streamed scan give it. */
interface Split {
  readonly prefix: string;
  readonly head: string;
  readonly tail: string;
  readonly rows: StreamedRows;
}

/** Where a row lies in the part (without its byte-order mark): from, to; equal for a row absent. */
interface RowPlace {
  readonly from: number;
  readonly to: number;
}

interface Scanned {
  readonly prefix: string;
  readonly head: string;
  readonly tail: string;
  /** Where the rows begin and end (the part's <sheetData> body). */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  /** The wanted rows' texts, those present. */
  readonly texts: Map<number, string>;
  /** Every wanted row's place: its bytes, or where it would go (before the next row's). */
  readonly places: Map<number, RowPlace>;
}

/** A part's chunks without a UTF-8 byte-order mark at the start (withoutBom's bytes). */
async function* withoutBomChunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let start: Buffer | null = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (start === null) {
      yield chunk;
      continue;
    }
    start = Buffer.concat([start, chunk]);
    if (start.length < 3) continue;
    yield withoutBom(start);
    start = null;
  }
  if (start !== null && start.length > 0) yield withoutBom(start);
}

/**
 * body.indexOf(tag, from), found by the tag's end (`suffix`), each find checked for the whole
 * tag. The ends chosen are rare in rows, so the search runs at memchr's pace: over a 312 MB
 * Pieces part, `heetData>` 18 ms against 100 ms for `</sheetData>` (whose '<' starts every
 * tag), and a million rows' `ow>` 81 ms against 238 ms for `</row>`.
 */
function indexBySuffix(body: Buffer, tag: Buffer, suffix: Buffer, from: number): number {
  const lead = tag.length - suffix.length;
  for (
    let found = body.indexOf(suffix, from + lead);
    found >= 0;
    found = body.indexOf(suffix, found + 1)
  ) {
    const start = found - lead;
    // The suffix matched: the few bytes before it are compared here (a call into Buffer per
    // row cost more than the search: 93 ms a million rows).
    let same = start >= 0;
    for (let index = 0; same && index < lead; index += 1) same = body[start + index] === tag[index];
    if (same) return start;
  }
  return -1;
}

const CLOSE_TAG_END = Buffer.from('heetData>', 'latin1');
const ROW_END = Buffer.from('ow>', 'latin1');

/** The most of a part looked through for the start of <sheetData> before giving up. */
const HEAD_LIMIT = 16 * 1024 * 1024;

/**
 * splitBytes and scanRowBytes, over a part's bytes as they come in chunks: the same checks in
 * the same order (any sheet they refuse is refused here), keeping of the rows only the wanted
 * ones' texts and where each wanted row lies. A row cut by a chunk's edge is read again from
 * its start when the next chunk has come.
 */
class RowScan {
  /** The bytes not yet read through (from the start of the head, or of a row), and where. */
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;
  private at = 0;
  private phase: 'head' | 'rows' | 'tail' = 'head';
  private prefix = '';
  private head = '';
  private open: Buffer = Buffer.alloc(0);
  private close: Buffer = Buffer.alloc(0);
  private closeTag: Buffer = Buffer.alloc(0);
  private bodyStart = 0;
  /** Where the first </sheetData> after the head starts, once seen. */
  private bodyEnd = -1;
  private previous = 0;
  private next = 0;
  private readonly tailChunks: Buffer[] = [];
  private readonly texts = new Map<number, string>();
  private readonly places = new Map<number, RowPlace>();

  constructor(private readonly wanted: readonly number[]) {}

  /** Reads one more chunk; false once the sheet is not as applications write it. */
  push(chunk: Buffer): boolean {
    if (this.phase === 'tail') {
      this.tailChunks.push(chunk);
      return true;
    }
    this.windowStart += this.at;
    this.window =
      this.at < this.window.length ? Buffer.concat([this.window.subarray(this.at), chunk]) : chunk;
    this.at = 0;
    if (this.phase === 'head' && !this.readHead()) return this.window.length <= HEAD_LIMIT;
    return this.phase === 'rows' ? this.readRows(false) : true;
  }

  end(): Scanned | null {
    if (this.phase === 'rows' && !this.readRows(true)) return null;
    if (this.phase !== 'tail') return null;
    for (; this.next < this.wanted.length; this.next += 1) {
      this.places.set(this.wanted[this.next] ?? 0, { from: this.bodyEnd, to: this.bodyEnd });
    }
    return {
      prefix: this.prefix,
      head: this.head,
      tail: Buffer.concat(this.tailChunks).toString('utf8'),
      bodyStart: this.bodyStart,
      bodyEnd: this.bodyEnd,
      texts: this.texts,
      places: this.places,
    };
  }

  /** splitBytes' head; false while more bytes are needed (or the head is not as expected). */
  private readHead(): boolean {
    const bytes = this.window;
    const named = bytes.indexOf('sheetData');
    const headEnd = named < 0 ? -1 : bytes.indexOf(0x3e, named) + 1;
    if (headEnd <= 0) return false;
    const headText = bytes.toString('utf8', 0, headEnd);
    this.phase = 'rows';
    this.bodyStart = headEnd;
    this.at = headEnd;
    if (Buffer.byteLength(headText, 'utf8') !== headEnd) return this.fail();
    const prefix = /<([A-Za-z_][\w.-]*:)?worksheet[\s>]/.exec(headText)?.[1] ?? '';
    const open = new RegExp(`<${prefix}sheetData(?:\\s[^>]*)?(/?)>`).exec(headText);
    // A self-closed <sheetData/> (no rows to stream) is left to the editor as before.
    if (!open || open.index + open[0].length !== headEnd || open[1] === '/') return this.fail();
    this.prefix = prefix;
    this.head = headText.slice(0, open.index) + `<${prefix}sheetData>`;
    this.open = Buffer.from(`<${prefix}row`, 'latin1');
    this.close = Buffer.from(`</${prefix}row>`, 'latin1');
    this.closeTag = Buffer.from(`</${prefix}sheetData>`, 'latin1');
    return true;
  }

  private failed = false;

  private fail(): true {
    this.failed = true;
    return true;
  }

  /**
   * scanRowBytes from `at`: each row read whole is kept (if wanted) and passed; a row the
   * window ends in is left for the next chunk, or refused at the end of the part.
   */
  private readRows(last: boolean): boolean {
    if (this.failed) return false;
    const body = this.window;
    const base = this.windowStart;
    if (this.bodyEnd < 0) {
      const found = indexBySuffix(body, this.closeTag, CLOSE_TAG_END, this.at);
      if (found >= 0) this.bodyEnd = base + found;
    }
    // The rows end where </sheetData> starts, if it is in the window; else past the window,
    // and a row is read only if it ends before the window's last bytes (one of them could be
    // the start of a </sheetData> the next chunk completes, where scanRowBytes' body ends).
    const limit =
      this.bodyEnd >= 0 ? this.bodyEnd - base : body.length - (this.closeTag.length - 1);
    const open = this.open;
    let at = this.at;
    while (at < limit) {
      if (limit - at < open.length + 1) return this.more(at, last);
      for (let index = 0; index < open.length; index += 1) {
        if (body[at + index] !== open[index]) return false;
      }
      const afterName = at + open.length;
      const next = body[afterName] ?? 0;
      if (!SPACE_BYTES.has(next) && next !== 0x2f && next !== 0x3e) return false;
      let tagEnd = afterName;
      while (tagEnd < limit && body[tagEnd] !== 0x3e) tagEnd += 1;
      if (tagEnd >= limit) return this.more(at, last);
      const number = rowNumberOf(body, at, afterName, tagEnd);
      if (number === undefined || !(number > this.previous)) return false;
      let end: number;
      if (tagEnd - 1 >= afterName && body[tagEnd - 1] === 0x2f) {
        end = tagEnd + 1;
      } else {
        const closeAt = indexBySuffix(body, this.close, ROW_END, tagEnd + 1);
        if (closeAt < 0 || closeAt + this.close.length > limit) return this.more(at, last);
        end = closeAt + this.close.length;
      }
      this.passed(number, body, at, end);
      at = end;
    }
    this.at = at;
    if (this.bodyEnd < 0) return this.more(at, last);
    // The body is read: the rest of the part is the tail.
    this.phase = 'tail';
    this.tailChunks.push(body.subarray(limit));
    this.window = Buffer.alloc(0);
    this.at = 0;
    return true;
  }

  /** The window ends in a row: read on from it with the next chunk; refused at the end. */
  private more(at: number, last: boolean): boolean {
    this.at = at;
    // With </sheetData> in sight, the row should have ended before it.
    return !last && this.bodyEnd < 0;
  }

  private passed(number: number, body: Buffer, start: number, end: number): void {
    const wanted = this.wanted;
    const from = this.windowStart + start;
    while (this.next < wanted.length && (wanted[this.next] ?? 0) < number) {
      this.places.set(wanted[this.next] ?? 0, { from, to: from });
      this.next += 1;
    }
    if (wanted[this.next] === number) {
      this.texts.set(number, body.toString('utf8', start, end));
      this.places.set(number, { from, to: this.windowStart + end });
      this.next += 1;
    }
    this.previous = number;
  }
}

/**
 * ByteRows for a part not held: the wanted rows' texts and places (RowScan), the edits; the
 * unchanged stretches are inflated again when written (streamedData). Any other row asked for,
 * or every row (entries), reads the whole part once and goes on as ByteRows over it.
 */
class StreamedRows {
  private readonly changed = new Map<number, string>();
  private whole: ByteRows | null = null;

  constructor(
    private readonly source: PartSource,
    private readonly scanned: Scanned,
  ) {}

  isWhole(): boolean {
    return this.whole !== null;
  }

  /** The whole part read, as ByteRows, with the edits so far. */
  private rows(): ByteRows {
    if (!this.whole) {
      const split = splitBytes(withoutBom(this.source.whole()));
      if (!split) throw new Error('the sheet changed since it was scanned');
      this.whole = split.rows;
      for (const [number, text] of this.changed) this.whole.set(number, text);
    }
    return this.whole;
  }

  get(number: number): string | undefined {
    if (this.whole) return this.whole.get(number);
    const changed = this.changed.get(number);
    if (changed !== undefined) return changed;
    const place = this.scanned.places.get(number);
    if (!place) return this.rows().get(number);
    return this.scanned.texts.get(number);
  }

  set(number: number, text: string): void {
    if (this.whole) this.whole.set(number, text);
    // Only a row whose place is known is ever set here: get() came first (editRow).
    else if (this.scanned.places.has(number)) this.changed.set(number, text);
    else this.rows().set(number, text);
  }

  entries(): Generator<[number, string]> {
    return this.rows().entries();
  }

  toParts(): Buffer[] {
    return this.rows().toParts();
  }

  /** The body's pieces as ByteRows.toParts cuts them: stretches of the part, and the edits. */
  private plan(): (RowPlace | Buffer)[] {
    const edits = [...this.changed].map(([number, text]) => ({
      number,
      place: this.scanned.places.get(number) as RowPlace,
      text,
    }));
    // By place; rows added at one place in number order, before the row that is there.
    edits.sort((a, b) => a.place.from - b.place.from || a.number - b.number);
    const pieces: (RowPlace | Buffer)[] = [];
    let from = this.scanned.bodyStart;
    for (const edit of edits) {
      if (edit.place.from > from) pieces.push({ from, to: edit.place.from });
      pieces.push(Buffer.from(edit.text, 'utf8'));
      from = edit.place.to;
    }
    if (this.scanned.bodyEnd > from) pieces.push({ from, to: this.scanned.bodyEnd });
    return pieces;
  }

  streamedData(head: Buffer, tail: Buffer): StreamedData {
    const plan = this.plan();
    const source = this.source;
    return {
      pieceLengths: [
        head.length,
        ...plan.map((piece) => (Buffer.isBuffer(piece) ? piece.length : piece.to - piece.from)),
        tail.length,
      ],
      chunks: () => planChunks(head, plan, tail, withoutBomChunks(source.chunks())),
      pieces: () => {
        const bytes = withoutBom(source.whole());
        const body = plan.map((piece) =>
          Buffer.isBuffer(piece) ? piece : bytes.subarray(piece.from, piece.to),
        );
        return [head, ...body, tail];
      },
    };
  }
}

/** The pieces of `plan` in order, its stretches cut from the part's chunks as they pass. */
async function* planChunks(
  head: Buffer,
  plan: readonly (RowPlace | Buffer)[],
  tail: Buffer,
  chunks: AsyncIterable<Buffer>,
): AsyncGenerator<Buffer> {
  yield head;
  let index = 0;
  let offset = 0;
  const edits = function* (): Generator<Buffer> {
    for (let piece = plan[index]; Buffer.isBuffer(piece); piece = plan[index]) {
      yield piece;
      index += 1;
    }
  };
  yield* edits();
  for await (const chunk of chunks) {
    const chunkEnd = offset + chunk.length;
    for (let piece = plan[index]; piece && !Buffer.isBuffer(piece); piece = plan[index]) {
      const from = Math.max(piece.from, offset);
      const to = Math.min(piece.to, chunkEnd);
      if (from < to) yield chunk.subarray(from - offset, to - offset);
      if (piece.to > chunkEnd) break;
      index += 1;
      yield* edits();
    }
    offset = chunkEnd;
    if (index >= plan.length) break;
  }
  if (index < plan.length) throw new Error('the part ended before its rows');
  yield tail;
}

function frozenRowsPane(p: string, rows: number): string {
  return `<${p}pane ySplit="${rows}" topLeftCell="A${rows + 1}" activePane="bottomLeft" state="frozen"/><${p}selection pane="bottomLeft" activeCell="A${rows + 1}" sqref="A${rows + 1}"/>`;
}

/** Rows and columns frozen, with the three selections Excel writes for such a pane. */
function frozenPane(p: string, rows: number, columns: number): string {
  const corner = `${columnLetter(columns + 1)}${rows + 1}`;
  const right = `${columnLetter(columns + 1)}1`;
  const below = `A${rows + 1}`;
  return (
    `<${p}pane xSplit="${columns}" ySplit="${rows}" topLeftCell="${corner}" activePane="bottomRight" state="frozen"/>` +
    `<${p}selection pane="topRight" activeCell="${right}" sqref="${right}"/>` +
    `<${p}selection pane="bottomLeft" activeCell="${below}" sqref="${below}"/>` +
    `<${p}selection pane="bottomRight" activeCell="${corner}" sqref="${corner}"/>`
  );
}

/** The columns a frozen pane holds (a split that is not frozen measures twips, not columns). */
function frozenColumns(pane: string | undefined): number {
  if (pane === undefined || !/^frozen/.test(attribute(pane, 'state') ?? '')) return 0;
  const columns = Number(attribute(pane, 'xSplit') ?? '0');
  return Number.isInteger(columns) && columns > 0 && columns < 16_384 ? columns : 0;
}
