/**
 * The emulator enforces the manifest's OAuth scopes on every call, and runs simple triggers
 * without authorisation (test/emulator/scopes.ts).
 */
import { readFileSync } from 'node:fs';
import { createEmulator, PROJECT_MANIFEST } from '../index';
import { SCOPES, SCOPE_TABLE, scopesFor } from '../scopes';

type Session = GoogleAppsScript.Base.Session;
type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

const WITHOUT_EMAIL = { oauthScopes: [SCOPES.currentSpreadsheet, SCOPES.containerUi] };

describe('scopes', () => {
  it('refuses Session.getActiveUser without userinfo.email, in Apps Script words', () => {
    // "You do not have permission to call Session.getActiveUser. Required permissions:
    // https://www.googleapis.com/auth/userinfo.email" (reported:
    // https://github.com/hijonathan/google-scripts/issues/14); the scope is the one the
    // reference lists: https://developers.google.com/apps-script/reference/base/session#getActiveUser()
    const emulator = createEmulator({ manifest: WITHOUT_EMAIL });
    const session = emulator.globals.Session as Session;
    expect(() => session.getActiveUser().getEmail()).toThrow(
      'You do not have permission to call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
    expect(session.getScriptTimeZone()).toBe('Asia/Shanghai');
  });

  it('runs every test under the project manifest by default', () => {
    const manifest = JSON.parse(readFileSync(PROJECT_MANIFEST, 'utf8')) as {
      oauthScopes: string[];
    };
    const emulator = createEmulator();
    const session = emulator.globals.Session as Session;
    const email = (): string => session.getActiveUser().getEmail();
    if (manifest.oauthScopes.includes(SCOPES.email)) expect(email()).toBe('staff@example.org');
    else expect(email).toThrow('You do not have permission');
  });

  it('allows the bound spreadsheet by spreadsheets.currentonly and refuses it without', () => {
    const granted = createEmulator({ manifest: { oauthScopes: [SCOPES.currentSpreadsheet] } });
    const app = granted.globals.SpreadsheetApp as SpreadsheetApp;
    expect(app.getActiveSpreadsheet().getSheets()).toHaveLength(1);

    const none = createEmulator({ manifest: { oauthScopes: [SCOPES.containerUi] } });
    expect(() => (none.globals.SpreadsheetApp as SpreadsheetApp).getActiveSpreadsheet()).toThrow(
      'You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: https://www.googleapis.com/auth/spreadsheets.currentonly, https://www.googleapis.com/auth/spreadsheets',
    );
  });

  it('needs spreadsheets, not currentonly, to create or share another spreadsheet', () => {
    const bound = createEmulator({ manifest: { oauthScopes: [SCOPES.currentSpreadsheet] } });
    expect(() => (bound.globals.SpreadsheetApp as SpreadsheetApp).create('Report')).toThrow(
      'You do not have permission to call SpreadsheetApp.create',
    );
    const wide = createEmulator({ manifest: { oauthScopes: [SCOPES.spreadsheets] } });
    const report = (wide.globals.SpreadsheetApp as SpreadsheetApp).create('Report');
    report.addViewer('partner@example.com');
    expect(report.getViewers().map((user) => user.getEmail())).toContain('partner@example.com');
  });

  it('lets a user grant fewer scopes than the manifest asks for (granular consent)', () => {
    const emulator = createEmulator({
      grantedScopes: [SCOPES.currentSpreadsheet],
      htmlFiles: { page: '<p>hi</p>' },
    });
    const html = (
      emulator.globals.HtmlService as GoogleAppsScript.HTML.HtmlService
    ).createHtmlOutputFromFile('page');
    const ui = (emulator.globals.SpreadsheetApp as SpreadsheetApp).getUi();
    expect(() => ui.showModalDialog(html, 'x')).toThrow(
      'Required permissions: https://www.googleapis.com/auth/script.container.ui',
    );
    // Alerts need no scope, so the refusal can still be explained.
    expect(ui.alert('words')).toBe('OK');
  });

  it('asks for nothing when the manifest lists no scopes (Apps Script then detects them)', () => {
    const emulator = createEmulator({ manifest: {} });
    expect((emulator.globals.Session as Session).getActiveUser().getEmail()).toBe(
      'staff@example.org',
    );
  });

  it('covers every method by its own entry or its class', () => {
    expect(scopesFor('Range.setValues')).toEqual([SCOPES.currentSpreadsheet, SCOPES.spreadsheets]);
    expect(scopesFor('Ui.alert')).toEqual([]);
    expect(scopesFor('DriveApp.getFileById')).toBeUndefined();
    for (const [key, scopes] of Object.entries(SCOPE_TABLE)) {
      expect(key).toMatch(/^[A-Z]\w*(\.[A-Z]\w*)*\.(\*|\w+)$/);
      for (const scope of scopes) expect(scope).toMatch(/^https:\/\/www\.googleapis\.com\/auth\//);
    }
  });
});

describe('simple triggers', () => {
  // "They cannot access services that require authorization" — except the file they are bound
  // to. https://developers.google.com/apps-script/guides/triggers#restrictions
  it('may read and write the bound spreadsheet and build menus', () => {
    const emulator = createEmulator();
    const app = emulator.globals.SpreadsheetApp as SpreadsheetApp;
    emulator.simpleTrigger(() => {
      app.getActiveSpreadsheet().getSheets()[0]?.getRange('A1').setValue('x');
      app.getUi().createMenu('M').addItem('a', 'f').addToUi();
    });
    expect(emulator.ui.menus).toHaveLength(1);
  });

  it('may not show an HTML dialog, whatever the manifest grants', () => {
    const emulator = createEmulator({ htmlFiles: { page: '<p>hi</p>' } });
    const app = emulator.globals.SpreadsheetApp as SpreadsheetApp;
    const html = (
      emulator.globals.HtmlService as GoogleAppsScript.HTML.HtmlService
    ).createHtmlOutputFromFile('page');
    expect(() => emulator.simpleTrigger(() => app.getUi().showSidebar(html))).toThrow(
      'You do not have permission to call Ui.showSidebar',
    );
    // Outside the trigger the same call is allowed.
    app.getUi().showSidebar(html);
  });

  it('gives a blank email rather than the user (Session reference)', () => {
    // "the user's email address is not available in any context that allows a script to run
    // without that user's authorization, like a simple onOpen(e) or onEdit(e) trigger"
    // https://developers.google.com/apps-script/reference/base/session#getActiveUser()
    const emulator = createEmulator();
    const session = emulator.globals.Session as Session;
    expect(emulator.simpleTrigger(() => session.getActiveUser().getEmail())).toBe('');
  });

  it('runs onEdit from userEdit as a simple trigger', () => {
    const emulator = createEmulator({ htmlFiles: { page: '' } });
    emulator.seed('T', [['a']]);
    const html = (
      emulator.globals.HtmlService as GoogleAppsScript.HTML.HtmlService
    ).createHtmlOutputFromFile('page');
    const ui = (emulator.globals.SpreadsheetApp as SpreadsheetApp).getUi();
    // What a trigger throws is shown to the person and logged; the edit stands (triggerErrors).
    emulator.userEdit('T', 'A1', 'b', () => ui.showModalDialog(html, 't'));
    expect(emulator.triggerErrors.at(-1)?.message).toContain(
      'You do not have permission to call Ui.showModalDialog',
    );
    expect(emulator.peek('T')).toEqual([['b']]);
  });
});
