/**
 * Issue 7's small defects at the unit level: spaces inside numbers, invisible characters in
 * IDs, and the limits on counts, rates and amounts (each failed before its fix).
 */
import { decodeId, decodeMoney, decodeWholeNumber } from '../../src/workbook/codecs';
import { idKey } from '../../src/domain/validation';
import type { CodecContext } from '../../src/workbook/codecs';

const zh: CodecContext = { timeZone: 'Asia/Shanghai', lang: 'zh-CN' };

describe('numbers with spaces inside', () => {
  it('refuses a space between digits (10 5 is not 105), as 1,00 is refused', () => {
    expect(decodeWholeNumber('10 5', zh).ok).toBe(false);
    expect(decodeMoney('5 0', zh).ok).toBe(false);
    expect(decodeMoney('¥ 5 0', zh).ok).toBe(false);
  });

  it('still reads spaces that group thousands, and spaces around the number', () => {
    expect(decodeWholeNumber('1 000', zh)).toEqual({ ok: true, value: 1000 });
    expect(decodeMoney(' 12 345.50 ', zh)).toEqual({ ok: true, value: 1234550 });
    expect(decodeMoney('¥ 50', zh)).toEqual({ ok: true, value: 5000 });
  });
});

describe('invisible characters in IDs', () => {
  it.each(['R\u200b1', 'R1\u2060', '\u00adR1', 'R\ufeff1', 'r\u200d1'])(
    '%j is read as R1 and matched as R1',
    (typed) => {
      const decoded = decodeId(typed, zh);
      expect(decoded.ok && decoded.value?.toUpperCase()).toBe('R1');
      expect(idKey(typed)).toBe('R1');
    },
  );
});
