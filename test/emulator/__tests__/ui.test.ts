/**
 * Ui, HtmlService, google.script.run and call counting.
 */
import { createEmulator } from '../index';

function app(options = {}) {
  const emu = createEmulator(options);
  const g = emu.globals as {
    SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    HtmlService: GoogleAppsScript.HTML.HtmlService;
  };
  const ui = g.SpreadsheetApp.getUi();
  emu.calls.reset();
  return { emu, ...g, ui };
}

describe('Ui', () => {
  // https://developers.google.com/apps-script/reference/base/menu
  it('records menus added to the UI', () => {
    const { emu, ui } = app();
    ui.createMenu('工坊')
      .addItem('Set up', 'setUp')
      .addSeparator()
      .addItem('Generate', 'generateMonth')
      .addToUi();
    expect(emu.ui.menus).toEqual([
      {
        title: '工坊',
        items: [
          { caption: 'Set up', functionName: 'setUp' },
          'separator',
          { caption: 'Generate', functionName: 'generateMonth' },
        ],
      },
    ]);
  });

  // https://developers.google.com/apps-script/reference/base/ui#alert(String,String,ButtonSet)
  it('answers alerts with the queued button, OK by default', () => {
    const { emu, ui } = app();
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    emu.ui.answerNextAlert('NO');
    expect(ui.alert('Close month?', 'This cannot be undone.', ui.ButtonSet.YES_NO)).toBe(
      ui.Button.NO,
    );
    expect(ui.alert('Sure?', ui.ButtonSet.OK_CANCEL)).toBe(ui.Button.OK);
    expect(emu.ui.alerts).toEqual([
      { title: '', message: 'Saved', buttons: 'OK' },
      { title: 'Close month?', message: 'This cannot be undone.', buttons: 'YES_NO' },
      { title: '', message: 'Sure?', buttons: 'OK_CANCEL' },
    ]);
  });

  // https://developers.google.com/apps-script/reference/base/prompt-response
  it('answers prompts with the queued text and button', () => {
    const { emu, ui } = app();
    emu.ui.answerNextPrompt('2026-11', 'OK');
    const response = ui.prompt('Month', 'Which month?', ui.ButtonSet.OK_CANCEL);
    expect(response.getResponseText()).toBe('2026-11');
    expect(response.getSelectedButton()).toBe(ui.Button.OK);
    expect(ui.prompt('Again?').getResponseText()).toBe('');
    expect(emu.ui.prompts[0]).toEqual({ title: 'Month', message: 'Which month?' });
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String,Number)
  it('records toasts', () => {
    const { emu, SpreadsheetApp } = app();
    SpreadsheetApp.getActiveSpreadsheet().toast('Done', '工坊', 3);
    SpreadsheetApp.getActive().toast('Plain');
    expect(emu.ui.toasts).toEqual([
      { message: 'Done', title: '工坊', timeoutSeconds: 3 },
      { message: 'Plain', title: '', timeoutSeconds: 5 },
    ]);
  });

  // https://developers.google.com/apps-script/guides/dialogs#custom_sidebars (sidebars are 300 px wide)
  it('shows sidebars 300 px wide whatever setWidth says, and dialogs at their size', () => {
    const { emu, ui, HtmlService } = app({ htmlFiles: { sidebar: '<p>Pieces</p>' } });
    ui.showSidebar(
      HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Record pieces').setWidth(500),
    );
    ui.showModalDialog(
      HtmlService.createHtmlOutput('<b>x</b>').setWidth(400).setHeight(200),
      'Payslips',
    );
    expect(emu.ui.dialogs).toEqual([
      { kind: 'sidebar', title: 'Record pieces', html: '<p>Pieces</p>', width: 300, height: 400 },
      { kind: 'modal', title: 'Payslips', html: '<b>x</b>', width: 400, height: 200 },
    ]);
  });
});

describe('HtmlService', () => {
  // https://developers.google.com/apps-script/guides/html/templates (printing scriptlets escape)
  it('evaluates printing scriptlets in templates', () => {
    const { HtmlService } = app({ htmlFiles: { page: '<h1><?= title ?></h1><?!= raw ?>' } });
    const template = HtmlService.createTemplateFromFile('page');
    template.title = 'A & B';
    template.raw = '<i>ok</i>';
    expect(template.evaluate().getContent()).toBe('<h1>A &#38; B</h1><i>ok</i>');
  });

  it('throws for a missing file', () => {
    const { HtmlService } = app();
    expect(() => HtmlService.createHtmlOutputFromFile('nope')).toThrow();
  });

  it('builds outputs', () => {
    const { HtmlService } = app();
    const output = HtmlService.createHtmlOutput('<p>').append('x</p>').setTitle('T');
    expect(output.getContent()).toBe('<p>x</p>');
    expect(output.getTitle()).toBe('T');
  });
});

describe('google.script.run (callServerFunction)', () => {
  // https://developers.google.com/apps-script/guides/html/communication#parameters_and_return_values
  const endpoints = {
    echo: (value: unknown) => value,
    mutate: (value: { n: number }) => {
      value.n = 99;
      return value;
    },
    today: () => new Date(),
    fail: () => {
      throw new Error('Month 2026-10 is closed');
    },
    helper_: () => 'secret',
  };

  it('passes primitives, arrays and objects, dropping undefined properties and making undefined in arrays null', () => {
    const { emu } = app();
    const result = emu.callServerFunction(endpoints, 'echo', [
      { a: 1, b: undefined, c: [1, undefined, 'x'], d: null, e: true },
    ]);
    expect(result).toEqual({ ok: true, value: { a: 1, c: [1, null, 'x'], d: null, e: true } });
  });

  it('copies values both ways', () => {
    const { emu } = app();
    const sent = { n: 1 };
    const result = emu.callServerFunction(endpoints, 'mutate', [sent]);
    expect(sent.n).toBe(1);
    expect(result.ok && result.value).toEqual({ n: 99 });
  });

  it('fails a call with a Date or a function argument', () => {
    const { emu } = app();
    const withDate = emu.callServerFunction(endpoints, 'echo', [{ when: new Date() }]);
    const withFunction = emu.callServerFunction(endpoints, 'echo', [() => 1]);
    expect(withDate.ok).toBe(false);
    expect(withFunction.ok).toBe(false);
  });

  // returned Date arrives as null (reported: https://github.com/enuchi/React-Google-Apps-Script/issues/28)
  it('delivers a returned Date as null', () => {
    const { emu } = app();
    expect(emu.callServerFunction(endpoints, 'today', [])).toEqual({ ok: true, value: null });
  });

  // https://developers.google.com/apps-script/guides/html/communication#private_functions
  it('refuses names ending in _ and unknown names', () => {
    const { emu } = app();
    expect(emu.callServerFunction(endpoints, 'helper_', []).ok).toBe(false);
    expect(emu.callServerFunction(endpoints, 'nothing', []).ok).toBe(false);
  });

  it('turns a thrown exception into a failure carrying its message', () => {
    const { emu } = app();
    const result = emu.callServerFunction(endpoints, 'fail', []);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBeInstanceOf(Error);
    expect(!result.ok && result.error.message).toBe('Month 2026-10 is closed');
  });
});

describe('call counting', () => {
  // Service calls are what costs time, so operations are held to a budget of them:
  // https://developers.google.com/apps-script/guides/support/best-practices (minimize calls to
  // other services; use batch operations)
  it('counts every method call on a service object as Class.method', () => {
    const { emu, SpreadsheetApp } = app();
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getSheetByName('Sheet1');
    sheet?.getRange(1, 1, 2, 2).getValues();
    expect(emu.calls.byMethod()).toEqual({
      'Range.getValues': 1,
      'Sheet.getRange': 1,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    expect(emu.calls.total()).toBe(4);
  });

  it('does not count builder methods, only the calls that create or apply the rule', () => {
    const { emu, SpreadsheetApp } = app();
    const rule = SpreadsheetApp.newDataValidation()
      .requireCheckbox()
      .setAllowInvalid(false)
      .setHelpText('tick')
      .build();
    emu.spreadsheet.getRange('A1').setDataValidation(rule);
    expect(emu.calls.byMethod()).toEqual({
      'SpreadsheetApp.newDataValidation': 1,
      'Spreadsheet.getRange': 1,
      'Range.setDataValidation': 1,
    });
  });

  it('does not count test helpers, and reset() starts afresh', () => {
    const { emu, SpreadsheetApp } = app();
    emu.seed('Sheet1', [['a']]);
    emu.peek('Sheet1');
    emu.cell('Sheet1', 'A1');
    expect(emu.calls.total()).toBe(0);
    SpreadsheetApp.flush();
    emu.calls.reset();
    expect(emu.calls.total()).toBe(0);
  });

  it('keeps one object per sheet so identity comparisons work, and hides internals', () => {
    const { emu } = app();
    const sheet = emu.spreadsheet.getSheets()[0];
    expect(emu.spreadsheet.getSheetByName('Sheet1')).toBe(sheet);
    expect(sheet?.getParent()).toBe(emu.spreadsheet);
    expect((sheet as unknown as Record<string, unknown>)._data).toBeUndefined();
  });
});
