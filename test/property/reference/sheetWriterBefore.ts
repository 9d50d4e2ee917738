/**
 * src/xlsx/package/sheetWriter.ts as it was before round three of issue 19, kept as the
 * reference that test/property/sheetWriter.property.test.ts holds the faster writer to. Not
 * used by the product.
 */
/**
 * Cells and whole generated sheets as SpreadsheetML. Strings are inline strings (the shared
 * string table is staff's and never moves), always text: '=1+1' is written as the text it is.
 */
import type { CellValue } from '../../../src/workbook/cells';
import { columnLetter } from '../../../src/workbook/cells';
import type { Alignment, GeneratedTab } from '../../../src/workbook/port';
import { NUMBER_FORMATS } from '../../../src/workbook/port';
import { toSheetDate } from '../../../src/xlsx/zonedDates';
import { wallClockToSerial } from '../../../src/xlsx/package/sheetReader';
import type { CellStyle } from '../../../src/xlsx/package/styles';
import { escapeText } from '../../../src/xlsx/package/xml';

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

/** A whole generated tab; `drawingId` links its charts' drawing when it has one. */
export function generatedSheetXml(
  tab: GeneratedTab,
  context: WriteContext,
  drawingId?: string,
): string {
  const bold = new Set(tab.boldRows);
  const width = Math.max(1, ...tab.cells.map((row) => row.length));
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
  const letters: string[] = [];
  tab.cells.forEach((values, rowIndex) => {
    const number = rowIndex + 1;
    let row = `<row r="${number}"${rowHeightAttributes(tab.rowHeights?.[rowIndex])}>`;
    const columns = Math.max(values.length, tab.print?.width ?? 0);
    const formats = tab.numberFormats[rowIndex];
    const alignments = tab.alignments?.[rowIndex];
    const wraps = tab.wraps?.[rowIndex];
    const isBold = bold.has(rowIndex);
    for (let columnIndex = 0; columnIndex < columns; columnIndex += 1) {
      const value = values[columnIndex] ?? '';
      const format = formats?.[columnIndex] ?? defaultFormatOf(value);
      const style = styleOf(
        format,
        isBold,
        edges.get(edgeIndex(rowIndex, columnIndex)),
        alignments?.[columnIndex] ?? '',
        wraps?.[columnIndex] === true,
      );
      if (value === '' && style === 0) continue;
      const letter = (letters[columnIndex] ??= columnLetter(columnIndex + 1));
      row += cellXml('', `${letter}${number}`, value, style, context);
    }
    parts.push(`${row}</row>`);
  });
  parts.push('</sheetData>');
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
  if (tab.print?.footer) parts.push(footerXml(tab.print.footer));
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
 * the page number (&P) on the right. "&" in text is written "&&" (ECMA-376 18.3.1.39).
 */
function footerXml(footer: { readonly left: string; readonly page: string }): string {
  const text = (value: string) => value.replace(/&/g, '&&');
  const page = footer.page.split('{page}').map(text).join('&P');
  const code = `&L${text(footer.left)}&C&A&R${page}`;
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

/** A cell's key in printedEdges' map: numbers, not "row,column" strings, for thousands of cells. */
function edgeIndex(row: number, column: number): number {
  return row * 16_384 + column;
}

const BOX_EDGES: Edges = { left: 'thin', right: 'thin', top: 'thin', bottom: 'thin' };

/**
 * The edges each cell of a generated tab draws: boxes (thin all round) and cut lines (dashed).
 * Cells with the same edges share one object.
 */
function printedEdges(tab: GeneratedTab): Map<number, Edges> {
  const edges = new Map<number, Edges>();
  const print = tab.print;
  if (print === undefined) return edges;
  for (const box of print.boxes) {
    for (let r = box.row; r < box.row + box.numRows; r += 1) {
      for (let c = box.column; c < box.column + box.numColumns; c += 1) {
        edges.set(edgeIndex(r, c), BOX_EDGES);
      }
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
        const index = edgeIndex(r, c);
        const sides: Edges = {
          ...edges.get(index),
          ...(r === block.row ? { top: 'thin' } : {}),
          ...(r === last ? { bottom: 'thin' } : {}),
          ...(c === block.column ? { left: 'thin' } : {}),
          ...(c === end ? { right: 'thin' } : {}),
        };
        if (Object.keys(sides).length === 0) continue;
        const key = JSON.stringify(sides);
        const known = shared.get(key) ?? sides;
        shared.set(key, known);
        edges.set(index, known);
      }
    }
  }
  const cut: Edges = { bottom: 'dashed' };
  const boxCut: Edges = { ...BOX_EDGES, bottom: 'dashed' };
  for (const row of print.cutLines) {
    for (let c = 0; c < print.width; c += 1) {
      const index = edgeIndex(row, c);
      const before = edges.get(index);
      edges.set(
        index,
        before === undefined
          ? cut
          : before === BOX_EDGES
            ? boxCut
            : { ...before, bottom: 'dashed' },
      );
    }
  }
  return edges;
}

/**
 * An empty sheet for a tab Set up creates that is printed (结账 / Closings): A4 portrait, fitted
 * to the page's width, pages numbered from 1.
 */
export const EMPTY_PRINTED_SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" firstPageNumber="1" fitToWidth="1" fitToHeight="0" orientation="portrait" useFirstPageNumber="1"/></worksheet>`;

/** An empty sheet for a tab Set up creates. */
export const EMPTY_SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
