import {
  divideRoundHalfUp,
  fenToYuan,
  formatFen,
  formatRate,
  parseDecimal,
  plainNumberText,
  rateUnitsToFen,
} from '../../src/domain/money';

describe('parseDecimal', () => {
  it.each([
    ['0.015', 4, 150],
    ['0.333', 4, 3330],
    ['2.5', 4, 25000],
    ['12.5', 4, 125000],
    ['0.0001', 4, 1],
    ['.5', 4, 5000],
    ['5.', 4, 50000],
    ['-12.5', 2, -1250],
    ['+3', 2, 300],
    ['0.01500', 4, 150],
    ['1.5e-3', 4, 15],
    ['1E2', 2, 10000],
    ['-0', 2, 0],
    ['007', 0, 7],
  ])('reads %s at scale %i as %i units', (text, scale, units) => {
    expect(parseDecimal(text, scale)).toEqual({ ok: true, units });
  });

  it.each(['0.00001', '0.12345', '1e-5'])('refuses %s: more than 4 decimals', (text) => {
    expect(parseDecimal(text, 4)).toEqual({ ok: false, reason: 'tooManyDecimals' });
  });

  it.each(['', '.', 'abc', '1.2.3', '1,000', '--1', '1e', 'e5', '1e999999', '9'.repeat(30)])(
    'refuses %s as unreadable',
    (text) => {
      expect(parseDecimal(text, 4)).toEqual({ ok: false, reason: 'unreadable' });
    },
  );
});

describe('plainNumberText', () => {
  it.each([
    [7, '7'],
    [0.1 + 0.2, '0.3'],
    [1.2 * 3, '3.6'],
    [0.015, '0.015'],
    [138e9, '138000000000'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [-2.5e-8, '-0.000000025'],
    [-0, '0'],
    [123456789012345, '123456789012345'],
  ])('writes %p as %s', (n, text) => {
    expect(plainNumberText(n)).toBe(text);
  });
});

describe('rounding and formatting', () => {
  it('rounds half away from zero (四舍五入)', () => {
    expect(divideRoundHalfUp(150, 100)).toBe(2);
    expect(divideRoundHalfUp(149, 100)).toBe(1);
    expect(divideRoundHalfUp(-150, 100)).toBe(-2);
    expect(divideRoundHalfUp(-149, 100)).toBe(-1);
    expect(divideRoundHalfUp(0, 100)).toBe(0);
    expect(rateUnitsToFen(150 * 33)).toBe(50); // 33 pieces × 0.015 = 0.495 → 0.50
    expect(rateUnitsToFen(3330 * 3)).toBe(100); // 3 × 0.333 = 0.999 → 1.00
  });

  it('formats fen and rates', () => {
    expect(formatFen(1250)).toBe('12.50');
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(0)).toBe('0.00');
    expect(formatRate(150)).toBe('0.015');
    expect(formatRate(25000)).toBe('2.50');
    expect(formatRate(3330)).toBe('0.333');
    expect(fenToYuan(-1250)).toBe(-12.5);
  });
});
