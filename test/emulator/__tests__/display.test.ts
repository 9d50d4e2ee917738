/**
 * getDisplayValues under the number formats Gongfang uses.
 * Format syntax: https://developers.google.com/sheets/api/guides/formats
 */
import { createEmulator } from '../index';

function shown(value: unknown, format: string, options = {}): string {
  const emu = createEmulator(options);
  const range = emu.spreadsheet.getRange('A1');
  range.setNumberFormat(format);
  range.setValue(value);
  return range.getDisplayValue();
}

describe('display values', () => {
  it.each([
    [1234.5, 'General', '1234.5'],
    [0.1 + 0.2, 'General', '0.3'],
    [7, '0', '7'],
    [2.5, '0', '3'],
    [1234.005, '0.00', '1234.01'],
    [1234567, '#,##0', '1,234,567'],
    [-1234.5, '#,##0.00', '-1,234.50'],
    [1234.5, '"¥"#,##0.00', '¥1,234.50'],
    [1234.5, '¥#,##0.00', '¥1,234.50'],
    [0.125, '0.0%', '12.5%'],
    [0.015, '0.00##', '0.015'],
    [0.5, '0.00##', '0.50'],
    [0.01234, '0.00##', '0.0123'],
    ['007', '@', '007'],
    [true, 'General', 'TRUE'],
  ])('%j under %s shows %s', (value, format, text) => {
    expect(shown(value, format)).toBe(text);
  });

  it('shows dates in the spreadsheet zone', () => {
    const when = new Date('2026-11-02T17:30:00Z');
    expect(shown(when, 'yyyy-mm-dd', { spreadsheetTimeZone: 'Asia/Shanghai' })).toBe('2026-11-03');
    expect(shown(when, 'yyyy-mm-dd hh:mm', { spreadsheetTimeZone: 'Asia/Shanghai' })).toBe(
      '2026-11-03 01:30',
    );
    expect(shown(when, 'yyyy-mm-dd', { spreadsheetTimeZone: 'UTC' })).toBe('2026-11-02');
  });

  it('shows a typed date in the format Sheets gives it', () => {
    const emu = createEmulator();
    emu.spreadsheet.getRange('A1').setValue('2026/11/3');
    expect(emu.cell('Sheet1', 'A1').displayValue).toBe('2026-11-03');
  });

  it('shows nothing for a formula the emulator does not evaluate', () => {
    expect(shown('=1+1', 'General')).toBe('');
  });
});
