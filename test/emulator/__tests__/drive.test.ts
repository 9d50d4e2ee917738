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
