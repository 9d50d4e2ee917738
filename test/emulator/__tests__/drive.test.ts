/**
 * Other spreadsheets: SpreadsheetApp.create / openById / openByUrl, and sharing
 * (Spreadsheet.addViewer(s) / removeViewer / getViewers / getEditors). Sources in drive.ts.
 */
import { createEmulator } from '../index';

function app() {
  const emu = createEmulator({ locale: 'zh_CN', userEmail: 'owner@x.cn' });
  const SpreadsheetApp = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return { emu, SpreadsheetApp };
}

describe('SpreadsheetApp.create and openById', () => {
  it('creates a spreadsheet with one default sheet that openById and openByUrl find again', () => {
    const { emu, SpreadsheetApp } = app();
    const created = SpreadsheetApp.create('花园文创 订单进度');
    expect(created.getName()).toBe('花园文创 订单进度');
    expect(created.getSheets().map((s) => s.getName())).toEqual(['工作表1']);
    const id = created.getId();
    expect(SpreadsheetApp.openById(id).getName()).toBe('花园文创 订单进度');
    expect(SpreadsheetApp.openByUrl(created.getUrl()).getId()).toBe(id);
    expect(emu.files().map((f) => f.id)).toEqual([id]);
    expect(emu.calls.byMethod()).toMatchObject({
      'SpreadsheetApp.create': 1,
      'SpreadsheetApp.openById': 1,
      'SpreadsheetApp.openByUrl': 1,
    });
  });

  it('openById fails on an unknown or trashed file', () => {
    const { emu, SpreadsheetApp } = app();
    expect(() => SpreadsheetApp.openById('nope')).toThrow(/openById/);
    const id = SpreadsheetApp.create('x').getId();
    emu.trashFile(id);
    expect(() => SpreadsheetApp.openById(id)).toThrow(/openById/);
  });
});

describe('sharing', () => {
  it('adds viewers, ignores editors, and removes only viewers', () => {
    const { emu, SpreadsheetApp } = app();
    const file = SpreadsheetApp.create('x');
    file.addViewers(['A@x.cn', 'b@x.cn']);
    // "If the user was already on the list of editors, this method has no effect."
    file.addViewer('owner@x.cn');
    expect(file.getViewers().map((u) => u.getEmail())).toEqual(['a@x.cn', 'b@x.cn']);
    expect(file.getEditors().map((u) => u.getEmail())).toEqual(['owner@x.cn']);
    // "This method has no effect if the user is an editor, not a viewer or commenter."
    file.removeViewer('owner@x.cn');
    file.removeViewer('b@x.cn');
    expect(emu.files()[0]).toMatchObject({ viewers: ['a@x.cn'], editors: ['owner@x.cn'] });
  });

  it('refuses something that is not an address', () => {
    const { SpreadsheetApp } = app();
    expect(() => SpreadsheetApp.create('x').addViewer('not an address')).toThrow(/Invalid email/);
  });
});

describe('several staff: files belong to whoever made them', () => {
  it('a colleague reaches only files shared with them: no access is not "not found"', () => {
    const { emu, SpreadsheetApp } = app();
    const Sheets = emu.globals.Sheets as GoogleAppsScript.Sheets;
    const Session = emu.globals.Session as GoogleAppsScript.Base.Session;
    const mine = SpreadsheetApp.create('mine').getId();
    emu.actAs('colleague@x.cn');
    expect(Session.getActiveUser().getEmail()).toBe('colleague@x.cn');
    // openById: reported wording for a file one may not open.
    expect(() => SpreadsheetApp.openById(mine)).toThrow(
      'You do not have permission to access the requested document.',
    );
    // The API: 403 for no access, 404 for a file gone or in the bin.
    expect(() => Sheets.Spreadsheets.get(mine)).toThrow(/The caller does not have permission/);
    const theirs = SpreadsheetApp.create('theirs');
    expect(emu.files().find((f) => f.id === theirs.getId())?.editors).toEqual(['colleague@x.cn']);
    emu.actAs();
    emu.trashFile(mine);
    expect(() => Sheets.Spreadsheets.get(mine)).toThrow(/Requested entity was not found/);
    // Shared as viewer: open and read, but not change through the API.
    emu.shareFile(theirs.getId(), 'owner@x.cn', 'viewer');
    expect(SpreadsheetApp.openById(theirs.getId()).getName()).toBe('theirs');
    expect(() => Sheets.Spreadsheets.batchUpdate({ requests: [] }, theirs.getId())).toThrow(
      /The caller does not have permission/,
    );
  });

  it('addEditors makes colleagues editors (no longer viewers); the owner stays the owner', () => {
    const { emu, SpreadsheetApp } = app();
    const file = SpreadsheetApp.create('x');
    file.addViewers(['a@x.cn']);
    file.addEditors(['a@x.cn', 'b@x.cn', 'owner@x.cn']);
    expect(emu.files()[0]).toMatchObject({
      viewers: [],
      editors: ['a@x.cn', 'b@x.cn', 'owner@x.cn'],
    });
  });
});
