/**
 * A GeneratedTab as the Sheets API takes it (GridData, RowData, CellData and the requests that
 * size a sheet), so the advanced service can write a whole tab — values, number formats, bold,
 * alignment, borders, wrapping, frozen rows, column widths — inside one create or batchUpdate
 * call.
 * Pure: no service is called here.
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/cells#CellData
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/sheets#GridData
 */
import { isoDateToSerial } from '../domain/dates';
import type { CellValue } from '../workbook/cells';
import { dateInZone } from '../workbook/codecs';
import { NUMBER_FORMATS } from '../workbook/port';
import type { Alignment, GeneratedTab } from '../workbook/port';

type CellData = GoogleAppsScript.Sheets.Schema.CellData;
type CellFormat = GoogleAppsScript.Sheets.Schema.CellFormat;
type Border = GoogleAppsScript.Sheets.Schema.Border;
type NumberFormat = GoogleAppsScript.Sheets.Schema.NumberFormat;
type RowData = GoogleAppsScript.Sheets.Schema.RowData;
type Request = GoogleAppsScript.Sheets.Schema.Request;
type SheetProperties = GoogleAppsScript.Sheets.Schema.SheetProperties;
type SheetResource = GoogleAppsScript.Sheets.Schema.Sheet;

/** A new sheet's grid in Sheets (1,000 rows × 26 columns): a report never looks smaller. */
export const MIN_ROWS = 1000;
export const MIN_COLUMNS = 26;

/** The colours SheetsWorkbook draws boxes and cut lines with, as the API spells colours. */
const BOX_BORDER: Border = { style: 'SOLID', color: { red: 0.5, green: 0.5, blue: 0.5 } };
const CUT_BORDER: Border = { style: 'DASHED', color: { red: 0.25, green: 0.25, blue: 0.25 } };

/**
 * What updateCells rewrites: the value and the whole format of every cell in its range, so a
 * cell left out is cleared of both (notes are not Gongfang's and stay).
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#UpdateCellsRequest
 */
export const CELL_FIELDS = 'userEnteredValue,userEnteredFormat';

/**
 * The API wants a type with every pattern ("When writing, this field must be set"); General is
 * no pattern at all. https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/cells#NumberFormat
 */
export function numberFormatOf(pattern: string): NumberFormat | undefined {
  if (pattern === '' || pattern === NUMBER_FORMATS.general) return undefined;
  if (pattern === NUMBER_FORMATS.text) return { type: 'TEXT', pattern };
  const bare = pattern.replace(/"[^"]*"|\[[^\]]*\]/g, '');
  if (bare.includes('%')) return { type: 'PERCENT', pattern };
  if (/[yd]/i.test(bare)) return { type: /h/i.test(bare) ? 'DATE_TIME' : 'DATE', pattern };
  return { type: 'NUMBER', pattern };
}

/**
 * A value as typed data: strings go in as stringValue, which the API never parses, so text
 * from staff cannot become a formula or a number. Dates become the serial of their calendar
 * day in the spreadsheet's zone (Gongfang's generated tabs carry days, not times).
 */
export function valueOf(
  value: CellValue,
  timeZone: string,
): CellData['userEnteredValue'] | undefined {
  if (typeof value === 'string') return value === '' ? undefined : { stringValue: value };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  const day = dateInZone(value, timeZone);
  return day === null ? undefined : { numberValue: isoDateToSerial(day) };
}

const ALIGNMENTS: Record<Exclude<Alignment, ''>, string> = {
  left: 'LEFT',
  center: 'CENTER',
  right: 'RIGHT',
};

/** Borders of each cell: a box outlines every cell in it; a cut line is a row's bottom edge. */
function bordersOf(tab: GeneratedTab): Map<string, CellFormat['borders']> {
  const borders = new Map<string, CellFormat['borders']>();
  for (const box of tab.print?.boxes ?? []) {
    for (let r = box.row; r < box.row + box.numRows; r += 1) {
      for (let c = box.column; c < box.column + box.numColumns; c += 1) {
        borders.set(`${r},${c}`, {
          top: BOX_BORDER,
          bottom: BOX_BORDER,
          left: BOX_BORDER,
          right: BOX_BORDER,
        });
      }
    }
  }
  for (const block of tab.print?.outlines ?? []) {
    const last = block.row + block.numRows - 1;
    const end = block.column + block.numColumns - 1;
    for (let r = block.row; r <= last; r += 1) {
      for (let c = block.column; c <= end; c += 1) {
        const edges: CellFormat['borders'] = {
          ...(r === block.row ? { top: BOX_BORDER } : {}),
          ...(r === last ? { bottom: BOX_BORDER } : {}),
          ...(c === block.column ? { left: BOX_BORDER } : {}),
          ...(c === end ? { right: BOX_BORDER } : {}),
        };
        if (Object.keys(edges).length > 0) {
          borders.set(`${r},${c}`, { ...borders.get(`${r},${c}`), ...edges });
        }
      }
    }
  }
  for (const row of tab.print?.cutLines ?? []) {
    for (let c = 0; c < (tab.print?.width ?? 0); c += 1) {
      borders.set(`${row},${c}`, { ...borders.get(`${row},${c}`), bottom: CUT_BORDER });
    }
  }
  return borders;
}

export function tabWidth(tab: GeneratedTab): number {
  return Math.max(1, ...tab.cells.map((row) => row.length));
}

/**
 * One RowData per row of the tab, every row as wide as the tab. A non-empty string is written
 * as text ('@'), as SheetsWorkbook writes it; other cells take the tab's number format.
 */
export function rowDataOf(tab: GeneratedTab, timeZone: string): RowData[] {
  const width = tabWidth(tab);
  const bold = new Set(tab.boldRows);
  const borders = bordersOf(tab);
  return tab.cells.map((row, r) => ({
    values: Array.from({ length: width }, (_, c): CellData => {
      const value = row[c] ?? '';
      const pattern =
        typeof value === 'string' && value !== ''
          ? NUMBER_FORMATS.text
          : (tab.numberFormats[r]?.[c] ?? '');
      const format: CellFormat = {};
      const numberFormat = numberFormatOf(pattern);
      if (numberFormat) format.numberFormat = numberFormat;
      if (bold.has(r)) format.textFormat = { bold: true };
      const alignment = tab.alignments?.[r]?.[c] ?? '';
      if (alignment !== '') format.horizontalAlignment = ALIGNMENTS[alignment];
      const edges = borders.get(`${r},${c}`);
      if (edges) format.borders = edges;
      // Sheets grows the row to the wrapped text (as SheetsWorkbook's setWrapStrategies).
      if (tab.wraps?.[r]?.[c] === true) format.wrapStrategy = 'WRAP';
      const cell: CellData = {};
      const typed = valueOf(value, timeZone);
      if (typed) cell.userEnteredValue = typed;
      if (Object.keys(format).length > 0) cell.userEnteredFormat = format;
      return cell;
    }),
  }));
}

/** Rows, columns and frozen rows of the sheet that holds the tab. */
export function gridPropertiesOf(tab: GeneratedTab): SheetProperties['gridProperties'] {
  return {
    rowCount: Math.max(MIN_ROWS, tab.cells.length),
    columnCount: Math.max(MIN_COLUMNS, tabWidth(tab)),
    frozenRowCount: tab.frozenRows,
  };
}

/** Runs of equal widths, as [first column, end column (exclusive), pixels], 0-based. */
export function widthRuns(widths: readonly number[]): [number, number, number][] {
  const runs: [number, number, number][] = [];
  widths.forEach((pixels, c) => {
    const last = runs[runs.length - 1];
    if (last && last[1] === c && last[2] === pixels) last[1] = c + 1;
    else runs.push([c, c + 1, pixels]);
  });
  return runs;
}

function widthRequests(sheetId: number, tab: GeneratedTab): Request[] {
  return widthRuns(tab.columnWidths).map(([startIndex, endIndex, pixelSize]) => ({
    updateDimensionProperties: {
      range: { sheetId, dimension: 'COLUMNS', startIndex, endIndex },
      properties: { pixelSize },
      fields: 'pixelSize',
    },
  }));
}

/** A sheet of Spreadsheets.create's body: the tab whole, in one piece of the one call. */
export function newSheetOf(tab: GeneratedTab, timeZone: string): SheetResource {
  return {
    properties: { title: tab.name, gridProperties: gridPropertiesOf(tab) },
    data: [
      {
        startRow: 0,
        startColumn: 0,
        rowData: rowDataOf(tab, timeZone),
        columnMetadata: tab.columnWidths.map((pixelSize) => ({ pixelSize })),
      },
    ],
  };
}

/**
 * The requests that write the tab over the sheet `sheetId`: its name, grid and frozen rows, then
 * every cell from A1 to the end of the grid (the range has no end, so the rows of a longer
 * earlier version are cleared without knowing how many there were), then the column widths.
 * With `index`, the sheet is added first at that position.
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#UpdateCellsRequest
 */
export function tabRequests(
  tab: GeneratedTab,
  sheetId: number,
  timeZone: string,
  index?: number,
): Request[] {
  const properties = { sheetId, title: tab.name, gridProperties: gridPropertiesOf(tab) };
  const place: Request =
    index === undefined
      ? {
          updateSheetProperties: {
            properties,
            fields:
              'title,gridProperties.rowCount,gridProperties.columnCount,gridProperties.frozenRowCount',
          },
        }
      : { addSheet: { properties: { ...properties, index } } };
  return [
    place,
    {
      updateCells: {
        range: { sheetId, startRowIndex: 0, startColumnIndex: 0 },
        rows: rowDataOf(tab, timeZone),
        fields: CELL_FIELDS,
      },
    },
    ...widthRequests(sheetId, tab),
  ];
}

/**
 * An ID for a sheet Gongfang adds, chosen before the call so later requests of the same batch
 * can name it: derived from the tab's name (the same tab gets the same ID in every file), and
 * moved on past any ID already taken. IDs are non-negative 31-bit integers.
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/sheets#SheetProperties
 */
export function freeSheetId(name: string, taken: ReadonlySet<number>): number {
  let hash = 0x811c9dc5;
  for (const char of name) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let id = (hash % 0x7ffffffe) + 1;
  while (taken.has(id)) id = (id % 0x7ffffffe) + 1;
  return id;
}
