/**
 * The archive of a year in Sheets: a new spreadsheet in the Drive of whoever archives, made with
 * the `spreadsheets` scope the project already has (SpreadsheetApp.create and the Sheets API's
 * spreadsheets.create both need it, nothing more), then read back.
 *
 * Through the Sheets advanced service, whatever the number of rows:
 * - one Spreadsheets.create: title, locale and time zone, every tab's sheet, and the year's
 *   generated tabs (Year, Statements, Impact) whole, as GridData;
 * - one Spreadsheets.Values.batchUpdate of the copied tabs' values, RAW ("not parsed and stored
 *   as-is": text stays text, "007" and "=…" included), dates as serial numbers — a year's rows as
 *   values is a few megabytes, where the same as GridData would pass the API's 10 MB a request;
 * - one Spreadsheets.batchUpdate: the copied tabs' date formats, bold headers and widths, and
 *   the Impact's chart;
 * - one Spreadsheets.Values.batchGet to read the copies back, unformatted.
 * Without the service, SpreadsheetApp.create and a SheetsWorkbook over the new file write the
 * same tabs (a handful of calls a tab) and read them back.
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchUpdate
 * https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption
 */
import { isoDateToSerial } from '../domain/dates';
import type { ArchivePlan, ArchiveTarget } from '../features/archiveYear';
import type { CellValue } from '../workbook/cells';
import { dateInZone } from '../workbook/codecs';
import { NUMBER_FORMATS } from '../workbook/port';
import type { ChartSpec, GeneratedTab, TabContents } from '../workbook/port';
import { gridPropertiesOf, newSheetOf, numberFormatOf, widthRuns } from './gridData';
import { quotedTitle, rectangular } from './sheetsApiBook';
import { sheetsService } from './partnerSheetsApi';
import { SheetsWorkbook } from './sheetsWorkbook';

type SheetsService = GoogleAppsScript.Sheets;
type Request = GoogleAppsScript.Sheets.Schema.Request;

/** A copied tab's cell as RAW takes it: dates as the serial of their day, the rest as is. */
function rawValue(value: CellValue, timeZone: string): string | number | boolean {
  if (!(value instanceof Date)) return value;
  const day = dateInZone(value, timeZone);
  return day === null ? '' : isoDateToSerial(day);
}

/**
 * Number formats a copied tab needs beyond RAW's, row 2 down: each column's date cells, and
 * money (Closings' net pay and paid: 395910.7 showed bare, where the .xlsx archive shows
 * ¥395,910.70).
 */
function formatRequests(sheetId: number, tab: GeneratedTab): Request[] {
  const requests: Request[] = [];
  const width = tab.cells[0]?.length ?? 0;
  const plain: string[] = [NUMBER_FORMATS.text, NUMBER_FORMATS.general];
  for (let c = 0; c < width; c += 1) {
    const format = tab.numberFormats.find((row, r) => r > 0 && !plain.includes(row[c] ?? ''))?.[c];
    if (format === undefined) continue;
    requests.push({
      repeatCell: {
        range: { sheetId, startRowIndex: 1, startColumnIndex: c, endColumnIndex: c + 1 },
        cell: { userEnteredFormat: { numberFormat: numberFormatOf(format) } },
        fields: 'userEnteredFormat.numberFormat',
      },
    });
  }
  requests.push({
    repeatCell: {
      range: { sheetId, startRowIndex: 0, endRowIndex: 1 },
      cell: { userEnteredFormat: { textFormat: { bold: true } } },
      fields: 'userEnteredFormat.textFormat.bold',
    },
  });
  for (const [startIndex, endIndex, pixelSize] of widthRuns(tab.columnWidths)) {
    requests.push({
      updateDimensionProperties: {
        range: { sheetId, dimension: 'COLUMNS', startIndex, endIndex },
        properties: { pixelSize },
        fields: 'pixelSize',
      },
    });
  }
  return requests;
}

/** A ChartSpec (1-based, label column then values) as the API's basic chart. */
export function chartRequest(sheetId: number, chart: ChartSpec): Request {
  const { row, column, numRows } = chart.range;
  const columnRange = (c: number) => ({
    sheetId,
    startRowIndex: row - 1,
    endRowIndex: row - 1 + numRows,
    startColumnIndex: c - 1,
    endColumnIndex: c,
  });
  return {
    addChart: {
      chart: {
        spec: {
          title: chart.title,
          basicChart: {
            chartType: chart.kind === 'line' ? 'LINE' : 'COLUMN',
            legendPosition: 'NO_LEGEND',
            headerCount: 1,
            domains: [{ domain: { sourceRange: { sources: [columnRange(column)] } } }],
            series: [
              {
                series: { sourceRange: { sources: [columnRange(column + 1)] } },
                targetAxis: 'LEFT_AXIS',
              },
            ],
          },
        },
        position: {
          overlayPosition: {
            anchorCell: {
              sheetId,
              rowIndex: chart.anchor.row - 1,
              columnIndex: chart.anchor.column - 1,
            },
            widthPixels: chart.width,
            heightPixels: chart.height,
          },
        },
      },
    },
  };
}

function apiTarget(api: SheetsService): ArchiveTarget {
  let id = '';
  return {
    write(plan: ArchivePlan): string {
      const copied = new Set(plan.expected.map((tab) => tab.name));
      const made = api.Spreadsheets.create({
        properties: { title: plan.title, locale: plan.locale, timeZone: plan.timeZone },
        sheets: plan.tabs.map((tab) =>
          copied.has(tab.name)
            ? { properties: { title: tab.name, gridProperties: gridPropertiesOf(tab) } }
            : newSheetOf(tab, plan.timeZone),
        ),
      });
      if (made.spreadsheetId === undefined) throw new Error('Sheets API: no spreadsheetId');
      id = made.spreadsheetId;
      const sheetIds = new Map(
        (made.sheets ?? []).map((sheet) => [
          sheet.properties?.title ?? '',
          sheet.properties?.sheetId ?? 0,
        ]),
      );
      const copies = plan.tabs.filter((tab) => copied.has(tab.name));
      api.Spreadsheets.Values.batchUpdate(
        {
          valueInputOption: 'RAW',
          data: copies.map((tab) => ({
            range: `${quotedTitle(tab.name)}!A1`,
            values: tab.cells.map((row) => row.map((cell) => rawValue(cell, plan.timeZone))),
          })),
        },
        id,
      );
      const requests = [
        ...copies.flatMap((tab) => formatRequests(sheetIds.get(tab.name) ?? 0, tab)),
        ...plan.tabs.flatMap((tab) =>
          tab.charts.map((chart) => chartRequest(sheetIds.get(tab.name) ?? 0, chart)),
        ),
      ];
      if (requests.length > 0) api.Spreadsheets.batchUpdate({ requests }, id);
      return made.spreadsheetUrl ?? `https://docs.google.com/spreadsheets/d/${id}/edit`;
    },
    readBack(names: readonly string[]): (TabContents | null)[] {
      const answer = api.Spreadsheets.Values.batchGet(id, {
        ranges: names.map(quotedTitle),
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
      });
      const ranges = answer.valueRanges ?? [];
      return names.map((name, i) => {
        const range = ranges[i];
        if (range === undefined) return null;
        return { name, values: rectangular((range.values ?? []) as CellValue[][]) };
      });
    },
  };
}

/** Names of a new spreadsheet's one sheet, removed once the archive's tabs are in. */
const DEFAULT_SHEET_NAMES = ['Sheet1', '工作表1'];

function spreadsheetAppTarget(): ArchiveTarget {
  let book: SheetsWorkbook | null = null;
  return {
    write(plan: ArchivePlan): string {
      const file = SpreadsheetApp.create(plan.title);
      file.setSpreadsheetTimeZone(plan.timeZone);
      file.setSpreadsheetLocale(plan.locale);
      book = new SheetsWorkbook(file);
      for (const tab of plan.tabs) book.replaceGeneratedTab(tab);
      for (const name of DEFAULT_SHEET_NAMES) {
        const blank = file.getSheetByName(name);
        if (blank !== null) file.deleteSheet(blank);
      }
      return file.getUrl();
    },
    readBack(names: readonly string[]): (TabContents | null)[] {
      SpreadsheetApp.flush();
      return names.map((name) => book?.readTab([name], { exactName: true }) ?? null);
    },
  };
}

/** The archive's new spreadsheet: through the Sheets advanced service when it is enabled. */
export function sheetsArchiveTarget(): ArchiveTarget {
  const api = sheetsService();
  return api === null ? spreadsheetAppTarget() : apiTarget(api);
}
