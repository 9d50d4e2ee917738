import fc from 'fast-check';
import {
  CODECS,
  type CodecContext,
  MAX_QUOTED_LENGTH,
  decodeMoney,
  decodePayRate,
} from '../../src/workbook/codecs';
import { formatFen, formatRate } from '../../src/domain/money';
import { anyCell } from './arbitraries';

const anyContext: fc.Arbitrary<CodecContext> = fc.record({
  timeZone: fc.constantFrom(
    'Asia/Shanghai',
    'UTC',
    'America/New_York',
    'Pacific/Kiritimati',
    'Nowhere/Bad',
    '',
  ),
  lang: fc.constantFrom('zh-CN' as const, 'en' as const),
});

describe('codecs on arbitrary cells', () => {
  it('never throw, and quote a failing value shortly on one line', () => {
    fc.assert(
      fc.property(anyCell, anyContext, (cell, context) => {
        for (const codec of Object.values(CODECS)) {
          const result = codec(cell, context);
          if (!result.ok) {
            expect(Array.from(result.value).length).toBeLessThanOrEqual(MAX_QUOTED_LENGTH + 1);
            expect(result.value).not.toMatch(/[\n\r\t]/);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('money round trips', () => {
  const context: CodecContext = { timeZone: 'Asia/Shanghai', lang: 'zh-CN' };
  const units = fc.integer({ min: 0, max: 10 ** 11 });

  it('reads every valid pay rate exactly, typed as text or stored as a number', () => {
    fc.assert(
      fc.property(units, (rate) => {
        const text = formatRate(rate);
        expect(decodePayRate(text, context)).toEqual({ ok: true, value: rate });
        expect(decodePayRate(Number(text), context)).toEqual({ ok: true, value: rate });
      }),
    );
  });

  it('reads every signed amount exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), (fen) => {
        expect(decodeMoney(formatFen(fen), context)).toEqual({ ok: true, value: fen });
        expect(decodeMoney(Number(formatFen(fen)), context)).toEqual({ ok: true, value: fen });
      }),
    );
  });
});
