/**
 * The Sheets advanced service (sources in sheetsApi.ts): present only when the manifest enables
 * it, reads that omit trailing empties, serial dates, all-or-nothing batchUpdate, and its
 * scopes (refused in a simple trigger).
 */
import { createEmulator, type Emulator } from '../index';

type SheetsService = GoogleAppsScript.Sheets;

function withService(locale = 'zh_CN'): { emu: Emulator; Sheets: SheetsService; id: string } {
  const emu = createEmulator({ locale });
  const Sheets = emu.globals.Sheets as SheetsService;
  return { emu, Sheets, id: emu.spreadsheet.getId() };
}

describe('enabling', () => {
  it('exists only when the manifest enables it, as advanced services do', () => {
    const without = createEmulator({ manifest: { oauthScopes: [] } });
    expect(without.globals.Sheets).toBeUndefined();
    const target: Record<string, unknown> = {};
    without.install(target);
    expect('Sheets' in target).toBe(false);
    expect(withService().Sheets).toBeDefined();
  });
});

describe('Values.batchGet', () => {
  it('reads several tabs in one call, omitting trailing empty rows and cells', () => {
    const { emu, Sheets, id } = withService();
    emu.seed('居民', [
      ['编号', '姓名', ''],
      ['R1', '王秀英', ''],
      ['', '', ''],
    ]);
    emu.seed('计件', [
      ['日期', '完成数'],
      [new Date('2026-11-03T00:00:00+08:00'), 3],
      ['', 4],
    ]);
    emu.calls.reset();
    const answer = Sheets.Spreadsheets!.Values!.batchGet(id, {
      ranges: ['居民', '计件'],
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    });
    expect(emu.calls.total()).toBe(1);
    const [residents, pieces] = answer.valueRanges ?? [];
    expect(residents?.values).toEqual([
      ['编号', '姓名'],
      ['R1', '王秀英'],
    ]);
    expect(residents?.range).toBe("'居民'!A1:Z1000");
    // 2026-11-03 is serial 46329 (days since 1899-12-30).
    expect(pieces?.values).toEqual([
      ['日期', '完成数'],
      [46329, 3],
      ['', 4],
    ]);
  });

  it('gives display strings by default, and no values for an empty range', () => {
    const { emu, Sheets, id } = withService();
    emu.seed('计件', [[new Date('2026-11-03T00:00:00+08:00'), 0.5]]);
    const answer = Sheets.Spreadsheets!.Values!.batchGet(id, {
      ranges: ['计件!A1:B1', '计件!D5:E9'],
    });
    expect(answer.valueRanges?.[0]?.values).toEqual([['2026-11-03', '0.5']]);
    expect(answer.valueRanges?.[1]?.values).toBeUndefined();
  });

  it('fails on a tab that does not exist, in the API words', () => {
    const { Sheets, id } = withService();
    expect(() => Sheets.Spreadsheets!.Values!.batchGet(id, { ranges: ['没有'] })).toThrow(
      /values\.batchGet failed with error: Unable to parse range: 没有/,
    );
  });

  it('does not see SpreadsheetApp writes that were not flushed', () => {
    const { emu, Sheets, id } = withService();
    emu.seed('计件', [['a']]);
    const seen = emu.whenLockReleased(() => null);
    void seen;
    emu.execution(() => {
      const sheet = (emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .getActiveSpreadsheet()
        .getSheetByName('计件');
      sheet?.getRange('A1').setValue('b');
      const before = Sheets.Spreadsheets!.Values!.batchGet(id, { ranges: ['计件'] });
      expect(before.valueRanges?.[0]?.values).toEqual([['a']]);
      (emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).flush();
      const after = Sheets.Spreadsheets!.Values!.batchGet(id, { ranges: ['计件'] });
      expect(after.valueRanges?.[0]?.values).toEqual([['b']]);
    });
  });
});

const text = (s: string) => ({ userEnteredValue: { stringValue: s } });

describe('batchUpdate', () => {
  it('appends after the last row with content, growing the grid, and keeps strings as text', () => {
    const { emu, Sheets, id } = withService();
    emu.seed('计件', [
      ['日期', '编号'],
      ['x', 'R1'],
    ]);
    const sheetId = emu.spreadsheet.getSheetByName('计件')!.getSheetId();
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      values: [
        {
          userEnteredValue: { numberValue: 46329 },
          userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } },
        },
        text(i === 0 ? '=1+1' : `R${i}`),
      ],
    }));
    Sheets.Spreadsheets!.batchUpdate(
      {
        requests: [
          {
            appendCells: {
              sheetId,
              rows,
              fields: 'userEnteredValue,userEnteredFormat.numberFormat',
            },
          },
        ],
      },
      id,
    );
    expect(emu.cell('计件', 'B3').value).toBe('=1+1');
    expect(emu.cell('计件', 'B3').formula).toBe('');
    expect(emu.cell('计件', 'A3').displayValue).toBe('2026-11-03');
    expect(emu.spreadsheet.getSheetByName('计件')!.getMaxRows()).toBe(1202);
  });

  it('refuses an appendCells row wider than the grid, as the API does, and writes nothing', () => {
    // Reported wording (0-based columns): "Invalid requests[1].updateCells: Attempting to write
    // column: 26, beyond the last requested column of: 25", https://github.com/AMWA-TV/nmos-testing/pull/578
    const { emu, Sheets, id } = withService();
    emu.seed('计件', [['a']]);
    const sheet = emu.spreadsheet.getSheetByName('计件')!;
    expect(sheet.getMaxColumns()).toBe(26);
    const wide = { values: Array.from({ length: 27 }, (_, i) => text(`c${i}`)) };
    expect(() =>
      Sheets.Spreadsheets!.batchUpdate(
        { requests: [{ appendCells: { sheetId: sheet.getSheetId(), rows: [wide], fields: '*' } }] },
        id,
      ),
    ).toThrow(
      'API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0].appendCells: Attempting to write column: 26, beyond the last requested column of: 25',
    );
    expect(emu.peek('计件')).toEqual([['a']]);
    expect(sheet.getMaxColumns()).toBe(26);
  });

  it('counts the bytes of cell data each read returns', () => {
    const { emu, Sheets, id } = withService();
    emu.seed('计件', [
      ['日期', '编号'],
      [1, 'R1'],
    ]);
    emu.calls.reset();
    Sheets.Spreadsheets!.Values!.batchGet(id, {
      ranges: ["'计件'"],
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    const json = JSON.stringify([
      [
        ['日期', '编号'],
        [1, 'R1'],
      ],
    ]);
    expect(emu.calls.bytesByMethod()).toEqual({
      'Sheets.Spreadsheets.Values.batchGet': Buffer.byteLength(json),
    });
    emu.spreadsheet.getSheetByName('计件')!.getRange('A2:B2').getValues();
    expect(emu.calls.bytes()).toBe(Buffer.byteLength(json) + JSON.stringify([[1, 'R1']]).length);
    emu.calls.reset();
    expect(emu.calls.bytes()).toBe(0);
  });

  it('inserts empty rows that push what is below down, inheriting formats and drop-downs', () => {
    const { emu, Sheets, id } = withService();
    emu.seed('计件', [['编号'], ['R1'], ['R2'], ['typed by hand']]);
    const sheet = emu.spreadsheet.getSheetByName('计件')!;
    sheet.getRange('A3').setNumberFormat('@');
    const sheetId = sheet.getSheetId();
    Sheets.Spreadsheets!.batchUpdate(
      {
        requests: [
          {
            insertDimension: {
              range: { sheetId, dimension: 'ROWS', startIndex: 3, endIndex: 5 },
              inheritFromBefore: true,
            },
          },
          {
            updateCells: {
              start: { sheetId, rowIndex: 3, columnIndex: 0 },
              rows: [{ values: [text('R3')] }, { values: [text('R4')] }],
              fields: 'userEnteredValue',
            },
          },
        ],
      },
      id,
    );
    expect(emu.peek('计件').map((r) => r[0])).toEqual([
      '编号',
      'R1',
      'R2',
      'R3',
      'R4',
      'typed by hand',
    ]);
    expect(emu.cell('计件', 'A5').numberFormat).toBe('@');
    expect(sheet.getMaxRows()).toBe(1002);
  });

  it('applies nothing when one request fails', () => {
    const { emu, Sheets, id } = withService();
    emu.seed('计件', [['a'], ['b'], ['c']]);
    const sheetId = emu.spreadsheet.getSheetByName('计件')!.getSheetId();
    expect(() =>
      Sheets.Spreadsheets!.batchUpdate(
        {
          requests: [
            {
              deleteDimension: {
                range: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 2 },
              },
            },
            { appendCells: { sheetId: 999, rows: [{ values: [text('d')] }], fields: '*' } },
          ],
        },
        id,
      ),
    ).toThrow(/batchUpdate failed with error: Invalid requests\[1\]: No grid with id: 999/);
    expect(emu.peek('计件')).toEqual([['a'], ['b'], ['c']]);
  });

  it('deletes rows by zero-based, end-exclusive index', () => {
    const { emu, Sheets, id } = withService();
    emu.seed('计件', [['a'], ['b'], ['c'], ['d']]);
    const sheetId = emu.spreadsheet.getSheetByName('计件')!.getSheetId();
    Sheets.Spreadsheets!.batchUpdate(
      {
        requests: [
          {
            deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 3, endIndex: 4 } },
          },
          {
            deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 2 } },
          },
        ],
      },
      id,
    );
    expect(emu.peek('计件')).toEqual([['a'], ['c']]);
  });
});

describe('create', () => {
  it('makes a file with its tabs and data in one call', () => {
    const { emu, Sheets } = withService();
    emu.calls.reset();
    const made = Sheets.Spreadsheets!.create({
      properties: {
        title: '幸福社区 · 花园文创 订单进度',
        locale: 'zh_CN',
        timeZone: 'Asia/Shanghai',
      },
      sheets: [
        {
          properties: { title: '进度', gridProperties: { frozenRowCount: 1 } },
          data: [
            {
              startRow: 0,
              startColumn: 0,
              rowData: [{ values: [text('订单'), { userEnteredValue: { numberValue: 3 } }] }],
              columnMetadata: [{ pixelSize: 120 }],
            },
          ],
        },
        { properties: { title: '对账 2026-11' } },
      ],
    });
    expect(emu.calls.byMethod()).toEqual({ 'Sheets.Spreadsheets.create': 1 });
    const file = emu.files().find((f) => f.id === made.spreadsheetId);
    expect(file?.tabs).toEqual(['进度', '对账 2026-11']);
    expect(emu.peekFile(made.spreadsheetId ?? '', '进度')).toEqual([['订单', 3]]);
    expect(made.sheets?.map((s) => s.properties?.title)).toEqual(['进度', '对账 2026-11']);
  });
});

describe('scopes', () => {
  it('is refused in a simple trigger, which runs without authorisation', () => {
    const { emu, Sheets, id } = withService();
    expect(() =>
      emu.simpleTrigger(() => Sheets.Spreadsheets!.Values!.batchGet(id, { ranges: ['工作表1'] })),
    ).toThrow(/You do not have permission to call Sheets\.Spreadsheets\.Values\.batchGet/);
  });

  it('reads with spreadsheets.readonly but does not write with it', () => {
    const emu = createEmulator({
      grantedScopes: [
        'https://www.googleapis.com/auth/spreadsheets.readonly',
        // for getId; the Sheets API takes none of SpreadsheetApp's bound-file scope
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
      ],
    });
    const Sheets = emu.globals.Sheets as SheetsService;
    const id = emu.spreadsheet.getId();
    expect(() => Sheets.Spreadsheets!.get(id)).not.toThrow();
    expect(() => Sheets.Spreadsheets!.batchUpdate({ requests: [] }, id)).toThrow(/permission/);
  });
});

describe('Values.batchGet: a quoted tab name alone', () => {
  it('reads the whole tab, quotes doubled inside the name; a missing tab fails the call', () => {
    const { emu, Sheets, id } = withService();
    emu.seed('计件 2026', [['日期'], ['x']]);
    emu.seed("Bob's", [['a', 'b']]);
    const answer = Sheets.Spreadsheets!.Values!.batchGet(id, {
      ranges: ["'计件 2026'", "'Bob''s'"],
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    const [pieces, bob] = answer.valueRanges ?? [];
    expect(pieces?.values).toEqual([['日期'], ['x']]);
    expect(bob?.values).toEqual([['a', 'b']]);
    expect(() => Sheets.Spreadsheets!.Values!.batchGet(id, { ranges: ["'没有'"] })).toThrow(
      /Unable to parse range: '没有'/,
    );
  });
});
