/**
 * Staff's text is written as text: an apostrophe before =, +, - or @ (and the plain-text
 * format) so that it never becomes a formula or a number in a real sheet, and reading removes
 * exactly what writing added.
 */
import { escapedText, unescapedText } from '../../src/apps-script/sheetsWorkbook';
import { installEmulator, type Installed } from './support';

let env: Installed;
afterEach(() => env.uninstall());

const TEXTS = [
  '=1+1',
  '=HYPERLINK("http://x","x")',
  '+86 138 0000 0000',
  '-张',
  '@王',
  '007',
  "'引号",
];

describe('text written by Gongfang', () => {
  it('round-trips through appendRows and readTab, never as a formula', () => {
    env = installEmulator({ locale: 'zh_CN' });
    env.emulator.seed('调整', [['月份', '居民编号', '金额', '事由']]);
    env.workbook().appendRows('调整', [['2026-11', 'R1', 5, TEXTS[0] ?? '']]);
    env.workbook().appendRows(
      '调整',
      TEXTS.map((text) => ['2026-11', text, 1, text]),
    );
    const read = env.workbook().readTab(['调整']);
    expect(read?.values.slice(2).map((row) => row[3])).toEqual(TEXTS);
    expect(read?.values.slice(2).map((row) => row[1])).toEqual(TEXTS);
    expect(read?.values[1]?.[3]).toBe('=1+1');
    for (let row = 2; row <= TEXTS.length + 2; row += 1)
      expect(env.emulator.cell('调整', `D${row}`).formula).toBe('');
  });

  it('escapes only what Sheets could read as a formula or a signed number', () => {
    expect(TEXTS.map(escapedText)).toEqual([
      "'=1+1",
      '\'=HYPERLINK("http://x","x")',
      "'+86 138 0000 0000",
      "'-张",
      "'@王",
      '007',
      "''引号",
    ]);
    expect(escapedText(-5)).toBe(-5);
    expect(escapedText("'quoted")).toBe("''quoted");
  });

  it('removes on reading exactly the apostrophe writing added, if Sheets kept it', () => {
    expect(unescapedText([["'=1+1", "'-5", "'quoted", "''=x", '=x']])).toEqual([
      ['=1+1', '-5', "'quoted", "''=x", '=x'],
    ]);
  });
});
