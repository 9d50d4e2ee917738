import {
  type CodecContext,
  CODECS,
  MAX_QUOTED_LENGTH,
  decodeActive,
  decodeCategory,
  decodeCraft,
  decodeDate,
  decodeEmails,
  decodeId,
  decodeMoney,
  decodeMonth,
  decodePayRate,
  decodePhone,
  decodeStatus,
  decodeText,
  decodeWholeNumber,
  shortenValue,
} from '../../src/workbook/codecs';
import type { CellValue } from '../../src/workbook/cells';

const zh: CodecContext = { timeZone: 'Asia/Shanghai', lang: 'zh-CN' };
const en: CodecContext = { timeZone: 'Asia/Shanghai', lang: 'en' };

const ERROR_VALUES = [
  '#N/A',
  '#REF!',
  '#VALUE!',
  '#DIV/0!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#ERROR!',
  '#SPILL!',
];

describe('text', () => {
  it.each<[CellValue, string]>([
    ['  王秀英 ', '王秀英'],
    [7, '7'],
    [0.1 + 0.2, '0.3'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [new Date('2026-11-02T16:00:00Z'), '2026-11-03'],
    ['', ''],
    ['=SUM(A1)', '=SUM(A1)'],
  ])('reads %p as %p', (cell, text) => {
    expect(decodeText(cell, zh)).toEqual({ ok: true, value: text });
  });

  it('reports error values', () => {
    expect(decodeText('#N/A', zh)).toEqual({ ok: false, code: 'errorValue', value: '#N/A' });
  });
});

describe('ids and phones', () => {
  it.each<[CellValue, string | null]>([
    ['R001', 'R001'],
    [' 007 ', '007'],
    [7, '7'],
    [138e9, '138000000000'],
    [13800138000, '13800138000'],
    ['Ｒ００１', 'R001'],
    ['', null],
    ['   ', null],
  ])('reads id %p as %p', (cell, id) => {
    expect(decodeId(cell, zh)).toEqual({ ok: true, value: id });
  });

  it.each<CellValue>([true, new Date('2026-11-03'), Number.NaN, Infinity])(
    'refuses %p as an id',
    (cell) => {
      expect(decodeId(cell, zh)).toMatchObject({ ok: false, code: 'idUnreadable' });
    },
  );

  it('reads phones as text, never as numbers', () => {
    expect(decodePhone(13800138000, zh)).toEqual({ ok: true, value: '13800138000' });
    expect(decodePhone('１３８ ００１３ ８０００', zh)).toEqual({
      ok: true,
      value: '138 0013 8000',
    });
    expect(decodePhone('', zh)).toEqual({ ok: true, value: '' });
  });

  it('splits emails on either-width commas, semicolons and spaces', () => {
    expect(decodeEmails('a@x.cn, b@y.com；c@z.org  d@w.net，e@v.io', zh)).toEqual({
      ok: true,
      value: ['a@x.cn', 'b@y.com', 'c@z.org', 'd@w.net', 'e@v.io'],
    });
    expect(decodeEmails('', zh)).toEqual({ ok: true, value: [] });
    expect(decodeEmails('a@x.cn; not-an-email', zh)).toEqual({
      ok: false,
      code: 'emailInvalid',
      value: 'not-an-email',
    });
  });
});

describe('whole numbers', () => {
  it.each<[CellValue, number | null]>([
    [12, 12],
    [0, 0],
    [-0, 0],
    ['12', 12],
    ['１２３', 123],
    [' 1,000 ', 1000],
    ['1，000', 1000],
    ['1 000', 1000],
    ['12.0', 12],
    ['', null],
    // A cached formula result with Excel's binary noise: 77 as the sheet shows it.
    [77.000000000000014, 77],
    [0.1 * 3 * 10, 3],
    [99.99999999999999, 100],
  ])('reads %p as %p', (cell, n) => {
    expect(decodeWholeNumber(cell, zh)).toEqual({ ok: true, value: n });
  });

  it.each<[CellValue, string]>([
    [12.5, 'decimalNumber'],
    [77.0000001, 'decimalNumber'],
    ['12.5', 'decimalNumber'],
    [-3, 'negativeNumber'],
    ['-3', 'negativeNumber'],
    ['－３', 'negativeNumber'],
    [true, 'notWholeNumber'],
    [new Date('2026-11-03'), 'notWholeNumber'],
    ['twelve', 'notWholeNumber'],
    ['12件', 'notWholeNumber'],
    ['1,00', 'notWholeNumber'],
    [Number.NaN, 'notWholeNumber'],
    [Infinity, 'notWholeNumber'],
    [2 ** 60, 'notWholeNumber'],
  ])('refuses %p (%s)', (cell, code) => {
    expect(decodeWholeNumber(cell, zh)).toMatchObject({ ok: false, code });
  });

  it.each(ERROR_VALUES)('reports the error value %s', (error) => {
    expect(decodeWholeNumber(error, zh)).toEqual({ ok: false, code: 'errorValue', value: error });
  });
});

describe('pay rates', () => {
  it.each<[CellValue, number | null]>([
    [0.015, 150],
    [0.333, 3330],
    [2.5, 25000],
    [12.5, 125000],
    ['0.015', 150],
    ['０．０１５', 150],
    ['¥0.5', 5000],
    ['￥ 0.5', 5000],
    ['0.5元', 5000],
    ['0.5元/件', 5000],
    ['0.5 元每件', 5000],
    [1.5e-3, 15],
    ['1.5e-3', 15],
    [0, 0],
    ['1,000.5', 10005000],
    ['', null],
  ])('reads %p as %p rate units', (cell, units) => {
    expect(decodePayRate(cell, zh)).toEqual({ ok: true, value: units });
  });

  it.each<[CellValue, string]>([
    [0.00001, 'rateTooManyDecimals'],
    ['0.12345', 'rateTooManyDecimals'],
    [-0.5, 'rateNegative'],
    ['-0.5', 'rateNegative'],
    ['abc', 'rateUnreadable'],
    [true, 'rateUnreadable'],
    [new Date('2026-11-03'), 'rateUnreadable'],
    [Number.NaN, 'rateUnreadable'],
    ['#REF!', 'errorValue'],
  ])('refuses %p (%s)', (cell, code) => {
    expect(decodePayRate(cell, zh)).toMatchObject({ ok: false, code });
  });
});

describe('money', () => {
  it.each<[CellValue, number | null]>([
    [12.5, 1250],
    [-12.5, -1250],
    ['-12.50', -1250],
    ['－12.5', -1250],
    ['\u221212.5', -1250],
    ['¥1,234.56', 123456],
    ['-¥3', -300],
    ['20元', 2000],
    ['(12.50)', -1250],
    ['（12.50）', -1250],
    ['+5', 500],
    ['', null],
  ])('reads %p as %p fen', (cell, fen) => {
    expect(decodeMoney(cell, zh)).toEqual({ ok: true, value: fen });
  });

  it.each<[CellValue, string]>([
    [0.125, 'amountTooManyDecimals'],
    ['1.001', 'amountTooManyDecimals'],
    ['ten', 'amountUnreadable'],
    [false, 'amountUnreadable'],
    ['#DIV/0!', 'errorValue'],
  ])('refuses %p (%s)', (cell, code) => {
    expect(decodeMoney(cell, zh)).toMatchObject({ ok: false, code });
  });
});

describe('dates', () => {
  it.each<[CellValue, string | null]>([
    ['2026-11-03', '2026-11-03'],
    ['2026/11/3', '2026-11-03'],
    ['2026.11.3', '2026-11-03'],
    ['2026年11月3日', '2026-11-03'],
    ['２０２６年１１月３日', '2026-11-03'],
    ['2026-11-03 14:30', '2026-11-03'],
    [' 2026-2-28 ', '2026-02-28'],
    ['2028-02-29', '2028-02-29'],
    [46329, '2026-11-03'],
    [46329.75, '2026-11-03'],
    ['', null],
  ])('reads %p as %p', (cell, date) => {
    expect(decodeDate(cell, zh)).toEqual({ ok: true, value: date });
  });

  it('reads a Date cell as its calendar day in the spreadsheet time zone', () => {
    // Midnight on 3 Nov in Shanghai is 16:00 on 2 Nov in UTC; in New York (EST after 1 Nov) 05:00Z.
    const midnightShanghai = new Date('2026-11-02T16:00:00Z');
    expect(decodeDate(midnightShanghai, zh)).toEqual({ ok: true, value: '2026-11-03' });
    const utc: CodecContext = { timeZone: 'UTC', lang: 'zh-CN' };
    expect(decodeDate(midnightShanghai, utc)).toEqual({ ok: true, value: '2026-11-02' });
    const newYork: CodecContext = { timeZone: 'America/New_York', lang: 'en' };
    expect(decodeDate(new Date('2026-11-03T05:00:00Z'), newYork)).toEqual({
      ok: true,
      value: '2026-11-03',
    });
  });

  // Issue 8: a silent UTC reading puts every date of a UTC+8 sheet a day early. Without a
  // calendar for the zone the cell is reported as unreadable instead, without throwing.
  it('reports a date in an unknown time zone as unreadable, never reading it as UTC', () => {
    const bad: CodecContext = { timeZone: 'Not/AZone', lang: 'en' };
    const read = decodeDate(new Date('2026-11-03T12:00:00Z'), bad);
    expect(read.ok).toBe(false);
  });

  it.each<[CellValue, string]>([
    ['2026-02-30', 'dateImpossible'],
    ['2027-02-29', 'dateImpossible'],
    ['2026-13-01', 'dateImpossible'],
    ['2026年4月31日', 'dateImpossible'],
    ['03/11/2026', 'dateUnreadable'],
    ['2026-11/03', 'dateUnreadable'],
    ['yesterday', 'dateUnreadable'],
    [12, 'dateUnreadable'],
    [1e9, 'dateUnreadable'],
    [true, 'dateUnreadable'],
    [new Date(Number.NaN), 'dateUnreadable'],
    ['#VALUE!', 'errorValue'],
  ])('refuses %p (%s)', (cell, code) => {
    expect(decodeDate(cell, zh)).toMatchObject({ ok: false, code });
  });
});

describe('months', () => {
  it.each<[CellValue, string | null]>([
    ['2026-11', '2026-11'],
    ['2026/11', '2026-11'],
    ['2026.1', '2026-01'],
    ['2026年11月', '2026-11'],
    ['２０２６年１１月', '2026-11'],
    ['2026-11-01', '2026-11'],
    ['2026年11月30日', '2026-11'],
    [new Date('2026-10-31T16:30:00Z'), '2026-11'],
    [46329, '2026-11'],
    ['', null],
  ])('reads %p as %p', (cell, month) => {
    expect(decodeMonth(cell, zh)).toEqual({ ok: true, value: month });
  });

  it.each<CellValue>(['2026-13', 'November', '11', 3, true, '#N/A'])('refuses %p', (cell) => {
    expect(decodeMonth(cell, zh)).toMatchObject({ ok: false });
  });
});

describe('vocabularies', () => {
  it('reads categories and statuses in either language', () => {
    expect(decodeCategory('困难户', zh)).toEqual({ ok: true, value: 'hardship' });
    expect(decodeCategory(' Near-Hardship ', zh)).toEqual({ ok: true, value: 'nearHardship' });
    expect(decodeCategory('', zh)).toEqual({ ok: true, value: null });
    expect(decodeCategory('学生', zh)).toEqual({
      ok: false,
      code: 'categoryUnknown',
      value: '学生',
    });
    expect(decodeStatus('已完成', zh)).toEqual({ ok: true, value: 'done' });
    expect(decodeStatus('Cancelled', zh)).toEqual({ ok: true, value: 'cancelled' });
    expect(decodeStatus('', zh)).toEqual({ ok: true, value: null });
    expect(decodeStatus('paused', zh)).toMatchObject({ ok: false, code: 'statusUnknown' });
  });

  it('reads Active from checkboxes and words; empty means active', () => {
    expect(decodeActive(true, zh)).toEqual({ ok: true, value: true });
    expect(decodeActive(false, zh)).toEqual({ ok: true, value: false });
    expect(decodeActive('', zh)).toEqual({ ok: true, value: true });
    expect(decodeActive('否', zh)).toEqual({ ok: true, value: false });
    expect(decodeActive('Yes', zh)).toEqual({ ok: true, value: true });
    expect(decodeActive(0, zh)).toEqual({ ok: true, value: false });
    expect(decodeActive('maybe', zh)).toMatchObject({ ok: false, code: 'activeUnknown' });
  });

  it('writes suggested crafts in the ledger language and keeps other crafts as typed', () => {
    expect(decodeCraft('paper cutting', zh)).toEqual({ ok: true, value: '剪纸' });
    expect(decodeCraft('剪纸', en)).toEqual({ ok: true, value: 'paper cutting' });
    expect(decodeCraft(' 编织 ', zh)).toEqual({ ok: true, value: '编织' });
  });
});

describe('quoting bad values', () => {
  it('shortens a 50,000-character value to a short one-line quote', () => {
    const huge = '坏'.repeat(50_000);
    const result = decodeWholeNumber(huge, zh);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Array.from(result.value)).toHaveLength(MAX_QUOTED_LENGTH + 1);
    expect(result.value.endsWith('…')).toBe(true);
  });

  it('keeps short values and flattens line breaks', () => {
    expect(shortenValue('a\nb')).toBe('a b');
    expect(shortenValue('x'.repeat(MAX_QUOTED_LENGTH))).toBe('x'.repeat(MAX_QUOTED_LENGTH));
  });

  it('has a codec for every column kind', () => {
    expect(Object.keys(CODECS).sort()).toEqual(
      [
        'active',
        'category',
        'craft',
        'date',
        'emails',
        'id',
        'money',
        'month',
        'orderRef',
        'partnerRef',
        'payRate',
        'phone',
        'residentRef',
        'status',
        'text',
        'wholeNumber',
      ].sort(),
    );
  });
});
