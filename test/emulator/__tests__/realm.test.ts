/**
 * Running code inside a vm context, as integration tests run the built bundle.
 */
import * as vm from 'node:vm';
import { createEmulator } from '../index';

describe('a vm context with only the services as globals', () => {
  // setTimeout does not exist on the Apps Script server (reported:
  // https://github.com/typicaljoe/taffydb/issues/179 , https://github.com/hebcal/hebcal-js/issues/43)
  it('has no require, process or setTimeout, and the services work', () => {
    const emu = createEmulator();
    const context = emu.createContext();
    const result = vm.runInContext(
      `[typeof require, typeof process, typeof setTimeout,
        SpreadsheetApp.getActiveSpreadsheet().getSheets().length]`,
      context,
    ) as unknown[];
    expect([...result]).toEqual(['undefined', 'undefined', 'undefined', 1]);
  });

  it('hands out Dates and Errors of the context, so instanceof works inside it', () => {
    const emu = createEmulator();
    emu.seed('Sheet1', [[new Date('2026-11-03T00:00:00+08:00')]]);
    const context = emu.createContext();
    const result = vm.runInContext(
      `var value = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getRange(1, 1).getValue();
       var error;
       try { SpreadsheetApp.getActiveSpreadsheet().insertSheet('Sheet1'); } catch (e) { error = e; }
       [value instanceof Date, error instanceof Error, error.message]`,
      context,
    ) as unknown[];
    expect([...result]).toEqual([
      true,
      true,
      'A sheet with the name "Sheet1" already exists. Please enter another name.',
    ]);
  });

  it('install() on a context binds it the same way, and uninstall removes the globals', () => {
    const emu = createEmulator();
    const context = vm.createContext({});
    const uninstall = emu.install(context);
    expect(vm.runInContext('Session.getActiveUser().getEmail()', context)).toBe(
      'staff@example.org',
    );
    uninstall();
    expect(vm.runInContext('typeof SpreadsheetApp', context)).toBe('undefined');
  });

  it('install() onto globalThis for unit tests', () => {
    const emu = createEmulator();
    const uninstall = emu.install();
    try {
      expect(SpreadsheetApp.getActiveSpreadsheet().getName()).toBe(emu.spreadsheet.getName());
    } finally {
      uninstall();
    }
    expect('SpreadsheetApp' in globalThis).toBe(false);
  });

  it('google.script.run arguments arrive as objects of the context', () => {
    const emu = createEmulator();
    const context = emu.createContext();
    vm.runInContext(
      'function save(p) { return [p instanceof Object, Array.isArray(p.rows)]; }',
      context,
    );
    const endpoints = { save: vm.runInContext('save', context) as unknown };
    const result = emu.callServerFunction(endpoints, 'save', [{ rows: [1] }]);
    expect(result).toEqual({ ok: true, value: [true, true] });
  });
});
