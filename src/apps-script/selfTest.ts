/**
 * 自检 / Self-test: run once after deploying. On a scratch tab that it removes afterwards, it
 * asks Google Sheets about every behaviour the emulator could not confirm from the reference
 * (docs/emulator.md, "(unconfirmed)") and every assumption Gongfang's Sheets code makes, and
 * compares each answer with what the emulator does. The expected answers below ARE the
 * emulator's (test/apps-script/selfTest.test.ts runs this module in the emulator and every item
 * passes there); an item that differs in a real sheet is a fidelity bug in the emulator, or in
 * Gongfang, worth a report.
 */
import { type Lang, t } from '../i18n';
import { dateInZone } from '../workbook/codecs';
import { sheetsService } from './partnerSheetsApi';
import { SheetsWorkbook } from './sheetsWorkbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** What one probe observed: plain data, compared as JSON. */
type Observed = string | number | boolean | null | Observed[] | { [key: string]: Observed };

interface Probe {
  readonly id: string;
  readonly run: (scratch: Scratch) => Observed;
}

interface Scratch {
  readonly spreadsheet: Spreadsheet;
  readonly sheet: Sheet;
  readonly name: string;
}

export interface ItemResult {
  readonly id: string;
  readonly passed: boolean;
  readonly expected: string;
  readonly observed: string;
}

/** The emulator's answers (docs/emulator.md), which Google's should match. */
export const EXPECTED: Readonly<Record<string, Observed>> = {
  'getSheetValues(1,1,-1,-1) on an empty sheet': 'threw',
  'getLastRow/getDataRange on an empty sheet': [0, [['']]],
  'text round trip through appendRows/readTab': ['=1+1', '+86 138', '007', '-x', '@y', "'q"],
  'text written by Gongfang is never a formula': ['', '', '', '', '', ''],
  'setValue("=1+1") in a plain-text (@) cell': '=1+1',
  'setValue("\'=1+1") value and formula': ['=1+1', ''],
  'date cell read in the spreadsheet zone': '2026-11-03',
  'Intl knows the spreadsheet zone and agrees with Utilities.formatDate': true,
  'typed "2026-11" is the first of the month': '2026-11-01',
  'a Date written into a plain-text (@) cell': 'number',
  'getSheetByName is case-sensitive': null,
  'Range.clear() keeps notes': 'note',
  'Sheet.clear() keeps notes': 'note',
  'drop-down source A2:A': 'A2:A1000',
  'number format of a never-formatted cell': '0.###############',
  '[$¥-804]#,##0.00 shows': '¥1,234.50',
  'warning-only sheet protection': [true, 1],
  'chart keeps its range': [1, 'A1:B3'],
  'setFrozenRows past the data': 5,
  'scope spreadsheets: this spreadsheet, and others by ID': true,
  'Sheets advanced service enabled: Spreadsheets.get of this spreadsheet': true,
  'scope userinfo.email: the user has an address': true,
  'scope script.scriptapp: this user’s triggers can be listed': true,
  'appendCells lands below the last value, not below formats and drop-downs': 4,
  'rows inserted right below the last row read land there': [4, 'c', 'typed'],
  'apostrophe text written into a plain-text (@) cell reads without it': 'R001',
};

/**
 * The scratch tab as the sidebars' tabs look after Set up: a header, two rows, a plain-text
 * format down column A and a drop-down down column B, to the end of the grid.
 */
function formattedLikeSetUp(s: Scratch): Sheet {
  const sheet = fresh(s);
  sheet.getRange('A1:B3').setValues([
    ['Entry', 'Kind'],
    ['a', 'x'],
    ['b', 'y'],
  ]);
  sheet.getRange('A2:A').setNumberFormat('@');
  const rule = SpreadsheetApp.newDataValidation().requireValueInList(['x', 'y'], true).build();
  sheet.getRange('B2:B').setDataValidation(rule);
  // The API does not see SpreadsheetApp writes until they are flushed.
  SpreadsheetApp.flush();
  return sheet;
}

function fresh(scratch: Scratch): Sheet {
  scratch.sheet.clear({});
  return scratch.sheet;
}

const PROBES: readonly Probe[] = [
  {
    id: 'getSheetValues(1,1,-1,-1) on an empty sheet',
    run: (s) => {
      try {
        return fresh(s).getSheetValues(1, 1, -1, -1) as Observed;
      } catch {
        return 'threw';
      }
    },
  },
  {
    id: 'getLastRow/getDataRange on an empty sheet',
    run: (s) => {
      const sheet = fresh(s);
      return [sheet.getLastRow(), sheet.getDataRange().getValues() as Observed];
    },
  },
  {
    id: 'text round trip through appendRows/readTab',
    run: (s) => {
      fresh(s).getRange(1, 1).setValue('Text');
      const workbook = new SheetsWorkbook(s.spreadsheet);
      const texts = ['=1+1', '+86 138', '007', '-x', '@y', "'q"];
      workbook.appendRows(
        s.name,
        texts.map((text) => [text]),
      );
      const read = new SheetsWorkbook(s.spreadsheet).readTab([s.name]);
      return (read?.values.slice(1).map((row) => row[0] ?? null) ?? []) as Observed;
    },
  },
  {
    id: 'text written by Gongfang is never a formula',
    run: (s) =>
      s.sheet
        .getRange(2, 1, 6, 1)
        .getFormulas()
        .map((row) => row[0] ?? ''),
  },
  {
    id: 'setValue("=1+1") in a plain-text (@) cell',
    run: (s) => {
      const cell = fresh(s).getRange('A1').setNumberFormat('@').setValue('=1+1');
      return cell.getFormula();
    },
  },
  {
    id: 'setValue("\'=1+1") value and formula',
    run: (s) => {
      const cell = fresh(s).getRange('A1').setValue("'=1+1");
      return [cell.getValue() as Observed, cell.getFormula()];
    },
  },
  {
    id: 'date cell read in the spreadsheet zone',
    run: (s) => {
      fresh(s)
        .getRange('A1:A2')
        .setValues([['Date'], ['2026-11-03']]);
      s.sheet.getRange('A2').setNumberFormat('yyyy-mm-dd');
      const workbook = new SheetsWorkbook(s.spreadsheet);
      const cell = workbook.readTab([s.name])?.values[1]?.[0];
      if (!(cell instanceof Date)) return `not a Date: ${typeof cell}`;
      return dateInZone(cell, workbook.info().timeZone);
    },
  },
  {
    id: 'Intl knows the spreadsheet zone and agrees with Utilities.formatDate',
    run: (s) => {
      const zone = s.spreadsheet.getSpreadsheetTimeZone();
      const moment = new Date(Date.UTC(2026, 10, 2, 16, 30));
      const intl = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(moment);
      return intl === Utilities.formatDate(moment, zone, 'yyyy-MM-dd');
    },
  },
  {
    id: 'typed "2026-11" is the first of the month',
    run: (s) => {
      const value: unknown = fresh(s).getRange('A1').setValue('2026-11').getValue();
      if (!(value instanceof Date)) return `not a Date: ${String(value)}`;
      return Utilities.formatDate(value, s.spreadsheet.getSpreadsheetTimeZone(), 'yyyy-MM-dd');
    },
  },
  {
    id: 'a Date written into a plain-text (@) cell',
    run: (s) => {
      const cell = fresh(s).getRange('A1').setNumberFormat('@').setValue(new Date());
      const value: unknown = cell.getValue();
      return value instanceof Date ? 'Date' : typeof value;
    },
  },
  {
    id: 'getSheetByName is case-sensitive',
    run: (s) => {
      const found = s.spreadsheet.getSheetByName(s.name.toUpperCase());
      return found === null ? null : found.getName();
    },
  },
  {
    id: 'Range.clear() keeps notes',
    run: (s) => {
      const cell = fresh(s).getRange('A1').setValue('x').setNote('note');
      cell.clear();
      return cell.getNote();
    },
  },
  {
    id: 'Sheet.clear() keeps notes',
    run: (s) => {
      const cell = fresh(s).getRange('A1').setValue('x').setNote('note');
      s.sheet.clear();
      return cell.getNote();
    },
  },
  {
    id: 'drop-down source A2:A',
    run: (s) => {
      const rule = SpreadsheetApp.newDataValidation()
        .requireValueInRange(fresh(s).getRange('A2:A'), true)
        .build();
      s.sheet.getRange('B2').setDataValidation(rule);
      const source = s.sheet.getRange('B2').getDataValidation()?.getCriteriaValues()[0] as
        GoogleAppsScript.Spreadsheet.Range | undefined;
      return source?.getA1Notation() ?? null;
    },
  },
  {
    id: 'number format of a never-formatted cell',
    run: (s) => fresh(s).getRange('A1').getNumberFormat(),
  },
  {
    id: '[$¥-804]#,##0.00 shows',
    run: (s) =>
      fresh(s)
        .getRange('A1')
        .setNumberFormat('[$¥-804]#,##0.00')
        .setValue(1234.5)
        .getDisplayValue(),
  },
  {
    id: 'warning-only sheet protection',
    run: (s) => {
      const protection = fresh(s).protect().setWarningOnly(true);
      const found = s.sheet
        .getProtections(SpreadsheetApp.ProtectionType.SHEET)
        .filter((p) => p.isWarningOnly()).length;
      const warning = protection.isWarningOnly();
      protection.remove();
      return [warning, found];
    },
  },
  {
    id: 'chart keeps its range',
    run: (s) => {
      const sheet = fresh(s);
      sheet.getRange('A1:B3').setValues([
        ['m', 'n'],
        ['a', 1],
        ['b', 2],
      ]);
      const chart = sheet
        .newChart()
        .setChartType(Charts.ChartType.COLUMN)
        .addRange(sheet.getRange('A1:B3'))
        .setPosition(1, 4, 0, 0)
        .build();
      sheet.insertChart(chart);
      const charts = sheet.getCharts();
      const range = charts[0]?.getRanges()[0]?.getA1Notation() ?? null;
      for (const each of charts) sheet.removeChart(each);
      return [charts.length, range];
    },
  },
  {
    id: 'setFrozenRows past the data',
    run: (s) => {
      const sheet = fresh(s);
      sheet.setFrozenRows(5);
      const frozen = sheet.getFrozenRows();
      sheet.setFrozenRows(0);
      return frozen;
    },
  },
  {
    // The manifest declares …/auth/spreadsheets (partner reports create and open other files):
    // openById answers only under it, not under spreadsheets.currentonly.
    // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String)
    id: 'scope spreadsheets: this spreadsheet, and others by ID',
    run: (s) => SpreadsheetApp.openById(s.spreadsheet.getId()).getId() === s.spreadsheet.getId(),
  },
  {
    // Partner reports write through the advanced service when appsscript.json enables it; one
    // read proves it is there and authorised. https://developers.google.com/apps-script/guides/services/advanced
    id: 'Sheets advanced service enabled: Spreadsheets.get of this spreadsheet',
    run: (s) => {
      const api = sheetsService();
      if (api === null) return 'not enabled';
      const id = s.spreadsheet.getId();
      return api.Spreadsheets.get(id, { fields: 'spreadsheetId' }).spreadsheetId === id;
    },
  },
  {
    id: 'scope userinfo.email: the user has an address',
    run: () => Session.getActiveUser().getEmail().includes('@'),
  },
  {
    // The edit audit's installable triggers (docs/roles.md) need …/script.scriptapp.
    // https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()
    id: 'scope script.scriptapp: this user’s triggers can be listed',
    run: () => Array.isArray(ScriptApp.getProjectTriggers()),
  },
  {
    // "Appends cells after the last row with data": whether formats and drop-downs down whole
    // columns count as data is not said. Gongfang writes the sidebars' rows with the next item;
    // this one tells whether appendCells (the fallback when a tab was not read) lands well.
    // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#AppendCellsRequest
    id: 'appendCells lands below the last value, not below formats and drop-downs',
    run: (s) => {
      const api = sheetsService();
      if (api === null) return 'not enabled';
      const sheet = formattedLikeSetUp(s);
      api.Spreadsheets.batchUpdate(
        {
          requests: [
            {
              appendCells: {
                sheetId: sheet.getSheetId(),
                rows: [{ values: [{ userEnteredValue: { stringValue: 'c' } }] }],
                fields: 'userEnteredValue',
              },
            },
          ],
        },
        s.spreadsheet.getId(),
      );
      return sheet.getLastRow();
    },
  },
  {
    // What the sidebars do (SheetsApiBook.insertRows): rows inserted after the last row read
    // under the lock, then filled; a row typed below meanwhile moves down, never overwritten.
    id: 'rows inserted right below the last row read land there',
    run: (s) => {
      const api = sheetsService();
      if (api === null) return 'not enabled';
      const sheet = formattedLikeSetUp(s);
      sheet.getRange('A4').setValue('typed');
      SpreadsheetApp.flush();
      const sheetId = sheet.getSheetId();
      api.Spreadsheets.batchUpdate(
        {
          requests: [
            {
              insertDimension: {
                range: { sheetId, dimension: 'ROWS', startIndex: 3, endIndex: 4 },
                inheritFromBefore: true,
              },
            },
            {
              updateCells: {
                start: { sheetId, rowIndex: 3, columnIndex: 0 },
                rows: [{ values: [{ userEnteredValue: { stringValue: 'c' } }] }],
                fields: 'userEnteredValue',
              },
            },
          ],
        },
        s.spreadsheet.getId(),
      );
      const column = sheet.getRange('A4:A5').getValues();
      return [sheet.getLastRow() - 1, column[0]?.[0] as Observed, column[1]?.[0] as Observed];
    },
  },
  {
    // onEdit writes tidied text into @ columns after an apostrophe ('R001), so that Sheets does
    // not read it as a number or date; Gongfang expects the apostrophe not to stay in the text.
    id: 'apostrophe text written into a plain-text (@) cell reads without it',
    run: (s) =>
      fresh(s).getRange('A1').setNumberFormat('@').setValue("'R001").getValue() as Observed,
  },
];

function observe(probe: Probe, scratch: Scratch): string {
  try {
    return JSON.stringify(probe.run(scratch));
  } catch (error) {
    return `threw: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Runs every probe on a scratch tab, which is removed afterwards whatever happens. */
export function selfTestResults(spreadsheet: Spreadsheet): ItemResult[] {
  const name = `gongfang-self-test-${Date.now()}`;
  const users = spreadsheet.getActiveSheet();
  const sheet = spreadsheet.insertSheet(name, spreadsheet.getNumSheets());
  spreadsheet.setActiveSheet(users);
  const scratch: Scratch = { spreadsheet, sheet, name };
  try {
    return PROBES.map((probe) => {
      const observed = observe(probe, scratch);
      const expected = JSON.stringify(EXPECTED[probe.id] ?? null);
      return { id: probe.id, passed: observed === expected, expected, observed };
    });
  } finally {
    spreadsheet.deleteSheet(sheet);
  }
}

/** The report: each item passed or differed, then a block to paste into a bug report. */
export function selfTestReport(results: readonly ItemResult[], lang: Lang): string {
  const passed = results.filter((r) => r.passed).length;
  const lines = results.map(
    (r) => `${r.passed ? '✓' : '✗'} ${r.id}${r.passed ? '' : ` — ${t(lang, 'selfTestDiffered')}`}`,
  );
  const differing = results.filter((r) => !r.passed);
  const block = [
    `Gongfang self-test: ${passed}/${results.length} as emulated`,
    `locale=${SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale()} zone=${SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone()} script zone=${Session.getScriptTimeZone()}`,
    ...differing.map((r) => `${r.id}: expected ${r.expected}, Google gave ${r.observed}`),
  ];
  return [
    t(lang, 'selfTestSummary', { passed, total: results.length }),
    '',
    ...lines,
    '',
    differing.length === 0 ? t(lang, 'selfTestAllPassed') : t(lang, 'selfTestCopy'),
    '',
    block.join('\n'),
  ].join('\n');
}
