/**
 * Cells and whole generated sheets as SpreadsheetML. Strings are inline strings (the shared
 * string table is staff's and never moves), always text: '=1+1' is written as the text it is.
 */
import type { CellValue } from '../../workbook/cells';
import { columnLetter } from '../../workbook/cells';
import type { Alignment, GeneratedTab, PrintLayout } from '../../workbook/port';
import { NUMBER_FORMATS } from '../../workbook/port';
import { toSheetDate } from '../zonedDates';
import { wallClockToSerial } from './sheetReader';
import type { CellStyle } from './styles';
import { escapeText } from './xml';
import { footerName } from '../../features/reports/grid';

export interface WriteContext {
  readonly timeZone: string;
  readonly date1904: boolean;
  /** The style index for a style description (appended to styles.xml once). */
  readonly style: (style: CellStyle) => number;
}

/** The number format a value gets when the caller gives none. */
export function defaultFormatOf(value: CellValue): string | undefined {
  if (value instanceof Date) return NUMBER_FORMATS.dateTime;
  if (typeof value === 'string' && value !== '') return NUMBER_FORMATS.text;
  return undefined;
}

/** One cell element; `style` is its s attribute (omitted when 0 or undefined). */
export function cellXml(
  prefix: string,
  ref: string,
  value: CellValue,
  style: number | undefined,
  context: Pick<WriteContext, 'timeZone' | 'date1904'>,
): string {
  const s = style ? ` s="${style}"` : '';
  if (value === '') return `<${prefix}c r="${ref}"${s}/>`;
  if (typeof value === 'string') {
    if (prefix === '') return `<c r="${ref}"${s}${inlineStringTail(value)}`;
    const space = /^\s|\s$|\n/.test(value) ? ' xml:space="preserve"' : '';
    return `<${prefix}c r="${ref}"${s} t="inlineStr"><${prefix}is><${prefix}t${space}>${escapeText(value)}</${prefix}t></${prefix}is></${prefix}c>`;
  }
  if (typeof value === 'boolean') {
    return `<${prefix}c r="${ref}"${s} t="b"><${prefix}v>${value ? 1 : 0}</${prefix}v></${prefix}c>`;
  }
  const number =
    value instanceof Date
      ? wallClockToSerial(toSheetDate(value, context.timeZone), context.date1904)
      : value;
  if (!Number.isFinite(number)) return `<${prefix}c r="${ref}"${s}/>`;
  return `<${prefix}c r="${ref}"${s}><${prefix}v>${number}</${prefix}v></${prefix}c>`;
}

/** A non-empty string cell without a prefix, from after its style attribute to its end. */
function inlineStringTail(value: string): string {
  const space = /^\s|\s$|\n/.test(value) ? ' xml:space="preserve"' : '';
  return ` t="inlineStr"><is><t${space}>${escapeText(value)}</t></is></c>`;
}

/** What follows a cell's reference in one style: the end of an empty cell, the start of a
 *  number's value, each string's inline text to the cell's end (escaped once per text). */
class StylePieces {
  readonly empty: string;
  readonly number: string;
  private readonly quoted: string;
  private readonly texts = new Map<string, string>();

  constructor(style: number) {
    this.quoted = style === 0 ? '"' : `" s="${style}"`;
    this.empty = `${this.quoted}/>`;
    this.number = `${this.quoted}><v>`;
  }

  text(value: string): string {
    let text = this.texts.get(value);
    if (text === undefined) this.texts.set(value, (text = this.quoted + inlineStringTail(value)));
    return text;
  }
}

/** Per column, the last style looked up and what it was looked up by. */
class ColumnStyles {
  private readonly formats: (string | undefined)[] = [];
  private readonly edges: (CellStyle['edges'] | null)[] = [];
  private readonly aligns: Alignment[] = [];
  private readonly flags: number[] = [];
  private readonly styles: number[] = [];

  style(
    column: number,
    format: string | undefined,
    edges: CellStyle['edges'],
    align: Alignment,
    flags: number,
  ): number | undefined {
    return this.formats[column] === format &&
      this.edges[column] === edges &&
      this.aligns[column] === align &&
      this.flags[column] === flags
      ? this.styles[column]
      : undefined;
  }

  remember(
    column: number,
    format: string | undefined,
    edges: CellStyle['edges'],
    align: Alignment,
    flags: number,
    style: number,
  ): void {
    this.formats[column] = format;
    this.edges[column] = edges;
    this.aligns[column] = align;
    this.flags[column] = flags;
    this.styles[column] = style;
  }
}

/**
 * Google Sheets measures widths in pixels, Excel in characters: a column's stored width is in
 * widths of the digit 0 of the default font (Calibri 11 pt, 7 px at 96 dpi) and already
 * includes the cell's padding, so pixels / 7 shows the same pixels (LibreOffice agrees);
 * https://learn.microsoft.com/en-us/openspecs/office_standards/ms-oi29500/727f4736-6cba-40e3-b4d3-ce319885780e
 */
export function pixelsToCharacters(pixels: number): number {
  return Math.max(1, Math.round((pixels / 7) * 10) / 10);
}

const ALIGNMENTS: readonly Alignment[] = ['', 'left', 'center', 'right'];

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Sheet protection without a password, as withSheetProtection (protection.ts) writes it. */
const SHEET_PROTECTION = '<sheetProtection sheet="1" objects="1" scenarios="1"/>';

/**
 * A whole generated tab; `drawingId` links its charts' drawing when it has one. `protect`: with
 * sheet protection, as withSheetProtection would add it.
 */
export function generatedSheetXml(
  tab: GeneratedTab,
  context: WriteContext,
  drawingId?: string,
  protect = false,
): string {
  const bold = new Set(tab.boldRows);
  let width = 1;
  for (const row of tab.cells) width = Math.max(width, row.length);
  const height = tab.cells.length;
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
  ];
  const printed = tab.landscape || tab.print !== undefined;
  // Fitted to the page's width, unless the tab prints over pages side by side at full size.
  const fitted = printed && (tab.print?.columnBreaks ?? []).length === 0;
  if (fitted) parts.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  parts.push(`<dimension ref="A1${height > 0 ? `:${columnLetter(width)}${height}` : ''}"/>`);
  if (tab.frozenRows > 0) {
    const top = `A${tab.frozenRows + 1}`;
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${tab.frozenRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`,
    );
  } else {
    parts.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  }
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (tab.columnWidths.length > 0) {
    parts.push('<cols>');
    tab.columnWidths.forEach((pixels, index) => {
      parts.push(
        `<col min="${index + 1}" max="${index + 1}" width="${pixelsToCharacters(pixels)}" customWidth="1"/>`,
      );
    });
    parts.push('</cols>');
  }
  parts.push('<sheetData>');
  const styles = new Map<string, number>();
  const edges = printedEdges(tab);
  // Cells share their edges objects (printedEdges): each is spelt out once for the style key.
  const edgeKeys = new Map<object, string>();
  const edgesKey = (cellEdges: CellStyle['edges']): string => {
    if (cellEdges === undefined) return '{}';
    let key = edgeKeys.get(cellEdges);
    if (key === undefined) {
      key = JSON.stringify(cellEdges);
      edgeKeys.set(cellEdges, key);
    }
    return key;
  };
  // Before the text key, a cache by the format, the edges object (shared, printedEdges) and a
  // number for the rest: a report's 60,000 cells then build no key string each.
  const byFormat = new Map<string, Map<CellStyle['edges'], number[]>>();
  const styleOf = (
    format: string | undefined,
    isBold: boolean,
    cellEdges: CellStyle['edges'],
    align: Alignment,
    wrap: boolean,
  ): number => {
    let byEdges = byFormat.get(format ?? '');
    if (byEdges === undefined) byFormat.set(format ?? '', (byEdges = new Map()));
    let indexes = byEdges.get(cellEdges);
    if (indexes === undefined) byEdges.set(cellEdges, (indexes = []));
    const flags = (isBold ? 1 : 0) + (wrap ? 2 : 0) + ALIGNMENTS.indexOf(align) * 4;
    let index = indexes[flags];
    if (index === undefined) {
      index = styleByKey(format, isBold, cellEdges, align, wrap);
      indexes[flags] = index;
    }
    return index;
  };
  const styleByKey = (
    format: string | undefined,
    isBold: boolean,
    cellEdges: CellStyle['edges'],
    align: Alignment,
    wrap: boolean,
  ): number => {
    const key = `${format ?? ''}|${isBold ? 1 : 0}|${edgesKey(cellEdges)}|${align}|${wrap ? 1 : 0}`;
    let index = styles.get(key);
    if (index === undefined) {
      const numFmt = format === undefined || format === NUMBER_FORMATS.general ? undefined : format;
      const style: CellStyle = {
        ...(numFmt ? { numFmt } : {}),
        ...(isBold ? { bold: true } : {}),
        ...(cellEdges ? { edges: cellEdges } : {}),
        ...(align !== '' ? { align } : {}),
        ...(wrap ? { wrap: true } : {}),
      };
      index = Object.keys(style).length === 0 ? 0 : context.style(style);
      styles.set(key, index);
    }
    return index;
  };
  // Each cell is pushed in pieces made once: its column's opening, its row's number, and what
  // follows the reference for its style and value (pieces), so no string is built per cell
  // but a number's digits; the join at the end copies each piece once.
  const openings: string[] = [];
  const pieces: StylePieces[] = [];
  // Per column, the style of the cell above and what it was made of: a table's column repeats
  // its format, edges, alignment and wrap row after row, so most cells look nothing up.
  const above = new ColumnStyles();
  const rowHeights = tab.rowHeights;
  const printWidth = tab.print?.width ?? 0;
  for (let rowIndex = 0; rowIndex < height; rowIndex += 1) {
    const values = tab.cells[rowIndex] ?? [];
    const number = String(rowIndex + 1);
    parts.push(`<row r="${number}"${rowHeightAttributes(rowHeights?.[rowIndex])}>`);
    const columns = Math.max(values.length, printWidth);
    const formats = tab.numberFormats[rowIndex];
    const alignments = tab.alignments?.[rowIndex];
    const wraps = tab.wraps?.[rowIndex];
    const rowEdges = edges.get(rowIndex);
    const isBold = bold.has(rowIndex);
    for (let columnIndex = 0; columnIndex < columns; columnIndex += 1) {
      const value = values[columnIndex] ?? '';
      const format = formats?.[columnIndex] ?? defaultFormatOf(value);
      const cellEdges = rowEdges?.[columnIndex];
      const align = alignments?.[columnIndex] ?? '';
      const flags = (isBold ? 1 : 0) + (wraps?.[columnIndex] === true ? 2 : 0);
      let style = above.style(columnIndex, format, cellEdges, align, flags);
      if (style === undefined) {
        style = styleOf(format, isBold, cellEdges, align, flags >= 2);
        above.remember(columnIndex, format, cellEdges, align, flags, style);
      }
      if (value === '' && style === 0) continue;
      const opening = (openings[columnIndex] ??= `<c r="${columnLetter(columnIndex + 1)}`);
      const after = (pieces[style] ??= new StylePieces(style));
      if (value === '') {
        parts.push(opening, number, after.empty);
      } else if (typeof value === 'string') {
        parts.push(opening, number, after.text(value));
      } else if (typeof value === 'number' && Number.isFinite(value)) {
        parts.push(opening, number, after.number, String(value), '</v></c>');
      } else {
        const ref = `${columnLetter(columnIndex + 1)}${number}`;
        parts.push(cellXml('', ref, value, style, context));
      }
    }
    parts.push('</row>');
  }
  parts.push('</sheetData>');
  // Where withSheetProtection (protection.ts) puts it in a sheet that has no sheetCalcPr: the
  // saved workbook then needs no second pass over the sheet's text.
  if (protect) parts.push(SHEET_PROTECTION);
  parts.push(
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
  );
  if (printed) {
    // paperSize 9 is A4 in the OOXML paper-size table; pages are numbered from 1 in each tab.
    const orientation = tab.landscape ? 'landscape' : 'portrait';
    const fit = fitted ? ' fitToWidth="1" fitToHeight="0"' : '';
    parts.push(
      `<pageSetup paperSize="9" firstPageNumber="1"${fit} orientation="${orientation}" useFirstPageNumber="1"/>`,
    );
  }
  if (tab.print?.footer) parts.push(footerXml(tab.print.footer, tab));
  parts.push(rowBreaksXml(tab.print?.pageBreaks ?? []));
  parts.push(columnBreaksXml(tab.print?.columnBreaks ?? []));
  if (drawingId) parts.push(`<drawing r:id="${drawingId}"/>`);
  parts.push('</worksheet>');
  return parts.join('');
}

/**
 * A row's stored height in points (pixels × 0.75), marked custom so that Excel, WPS and
 * LibreOffice print it at that height: the height its wrapped text was measured to need.
 */
function rowHeightAttributes(pixels: number | undefined): string {
  if (pixels === undefined) return '';
  return ` ht="${Math.round(pixels * 0.75 * 100) / 100}" customHeight="1"`;
}

/**
 * The foot of each printed page: the workshop on the left, the tab's name (&A) in the middle,
 * the page number (&P) on the right; the tab's name beside the page number when a long
 * workshop name would run into it (readers print the sections over each other), the name then
 * cut with an ellipsis to the room left beside them (footerName). "&" in text is written "&&"
 * (ECMA-376 18.3.1.39).
 */
function footerXml(footer: NonNullable<PrintLayout['footer']>, sheet: GeneratedTab): string {
  const text = (value: string) => value.replace(/&/g, '&&');
  const page = footer.page.split('{page}').map(text).join('&P');
  const tab = footer.tabBesidePage ? `&R&A · ${page}` : `&C&A&R${page}`;
  const name = footerName(footer, sheet.name, sheet.landscape ? 'landscape' : 'portrait');
  const code = `&L${text(name)}${tab}`;
  return `<headerFooter><oddFooter>${escapeText(code)}</oddFooter></headerFooter>`;
}

/**
 * Manual page breaks: a <brk> names the last row of a page (1-based), which is the 0-based
 * index of the row that starts the next one. 16383 is the last column (ECMA-376 18.3.1.7).
 */
function rowBreaksXml(pageBreaks: readonly number[]): string {
  const breaks = pageBreaks.filter((row) => row > 0);
  if (breaks.length === 0) return '';
  const brk = breaks.map((row) => `<brk id="${row}" max="16383" man="1"/>`).join('');
  return `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${brk}</rowBreaks>`;
}

/**
 * Manual column breaks: a <brk> names the last column of a page (1-based), the 0-based index of
 * the column that starts the next one; 1048575 is the last row (ECMA-376 18.3.1.14, colBreaks,
 * after rowBreaks in a worksheet).
 */
function columnBreaksXml(columnBreaks: readonly number[]): string {
  const breaks = columnBreaks.filter((column) => column > 0);
  if (breaks.length === 0) return '';
  const brk = breaks.map((column) => `<brk id="${column}" max="1048575" man="1"/>`).join('');
  return `<colBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${brk}</colBreaks>`;
}

type Edges = NonNullable<CellStyle['edges']>;

const BOX_EDGES: Edges = { left: 'thin', right: 'thin', top: 'thin', bottom: 'thin' };

/**
 * The edges each cell of a generated tab draws, by row then column: boxes (thin all round) and
 * cut lines (dashed). Cells with the same edges share one object.
 */
function printedEdges(tab: GeneratedTab): Map<number, (Edges | undefined)[]> {
  const edges = new Map<number, (Edges | undefined)[]>();
  const print = tab.print;
  if (print === undefined) return edges;
  const rowOf = (r: number): (Edges | undefined)[] => {
    let row = edges.get(r);
    if (row === undefined) edges.set(r, (row = []));
    return row;
  };
  for (const box of print.boxes) {
    for (let r = box.row; r < box.row + box.numRows; r += 1) {
      const row = rowOf(r);
      for (let c = box.column; c < box.column + box.numColumns; c += 1) row[c] = BOX_EDGES;
    }
  }
  // Outlines (a box to sign in) draw only their outer edges; cells with the same sides share
  // one object, as the boxes' do.
  const shared = new Map<string, Edges>();
  for (const block of print.outlines ?? []) {
    const last = block.row + block.numRows - 1;
    const end = block.column + block.numColumns - 1;
    for (let r = block.row; r <= last; r += 1) {
      for (let c = block.column; c <= end; c += 1) {
        const sides: Edges = {
          ...edges.get(r)?.[c],
          ...(r === block.row ? { top: 'thin' } : {}),
          ...(r === last ? { bottom: 'thin' } : {}),
          ...(c === block.column ? { left: 'thin' } : {}),
          ...(c === end ? { right: 'thin' } : {}),
        };
        if (Object.keys(sides).length === 0) continue;
        const key = JSON.stringify(sides);
        const known = shared.get(key) ?? sides;
        shared.set(key, known);
        rowOf(r)[c] = known;
      }
    }
  }
  const cut: Edges = { bottom: 'dashed' };
  const boxCut: Edges = { ...BOX_EDGES, bottom: 'dashed' };
  for (const r of print.cutLines) {
    const row = rowOf(r);
    for (let c = 0; c < print.width; c += 1) {
      const before = row[c];
      row[c] =
        before === undefined
          ? cut
          : before === BOX_EDGES
            ? boxCut
            : { ...before, bottom: 'dashed' };
    }
  }
  return edges;
}

/**
 * An empty sheet for a tab Set up creates that is printed (结账 / Closings, 审计 / Audit, the
 * source tabs): A4 in `orientation`, fitted to the page's width, pages numbered from 1, each
 * footed with the tab's name and its number — an Audit of many pages printed none, so a page
 * missing from the pile went unseen. No words, so no language: the tab is written once.
 */
export function emptyPrintedSheet(orientation: 'portrait' | 'landscape'): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" firstPageNumber="1" fitToWidth="1" fitToHeight="0" orientation="${orientation}" useFirstPageNumber="1"/><headerFooter><oddFooter>&amp;C&amp;A&amp;R&amp;P</oddFooter></headerFooter></worksheet>`
  );
}

/** An empty sheet for a tab Set up creates. */
export const EMPTY_SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
