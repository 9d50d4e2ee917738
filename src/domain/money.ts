/**
 * Money as integers (DESIGN.md section 3): pay rates in 1/10,000 yuan ("rate units"), amounts in
 * fen. Decimal text is parsed digit by digit, never through floating point, so 0.015 is exactly
 * 150 rate units. Rounding is half up (四舍五入): halves go away from zero.
 */

/** Rate units per yuan: rates carry up to 4 decimals. */
export const RATE_SCALE = 4;
/** Fen per yuan: amounts carry 2 decimals. */
export const FEN_SCALE = 2;

export type DecimalResult =
  | { readonly ok: true; readonly units: number }
  | { readonly ok: false; readonly reason: 'unreadable' | 'tooManyDecimals' };

/** Plain decimal with optional sign and exponent, after spaces and separators are removed. */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * Parses decimal text ("12.5", "-0.015", "1.5e-3") into integer units of 10^-scale, exactly.
 * Digits beyond `scale` decimals are allowed only when they are zeros (0.01500 is 0.015).
 */
export function parseDecimal(text: string, scale: number): DecimalResult {
  const match = DECIMAL.exec(text);
  if (!match) return { ok: false, reason: 'unreadable' };
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  if (whole === '' && fraction === '') return { ok: false, reason: 'unreadable' };
  const exponent = Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) {
    return { ok: false, reason: 'unreadable' };
  }
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '');
  // The value is digits × 10^(exponent − fraction.length); shift it to units of 10^-scale.
  const shift = exponent - fraction.length + scale;
  let unitDigits: string;
  if (shift >= 0) {
    unitDigits = digits + '0'.repeat(shift);
  } else {
    const cut = digits.length + shift;
    const dropped = cut > 0 ? digits.slice(cut) : digits;
    if (/[^0]/.test(dropped)) return { ok: false, reason: 'tooManyDecimals' };
    unitDigits = cut > 0 ? digits.slice(0, cut) : '0';
  }
  const units = Number(unitDigits);
  if (!Number.isSafeInteger(units)) return { ok: false, reason: 'unreadable' };
  return { ok: true, units: sign === '-' && units !== 0 ? -units : units };
}

/**
 * A number as people write it: 7 → "7", 0.1 + 0.2 → "0.3", 1e21 → "1000000000000000000000".
 * Spreadsheets show at most 15 significant digits, so longer binary noise is rounded away;
 * anything typed with 15 digits or fewer comes back as typed. Not for NaN or Infinity.
 */
export function plainNumberText(n: number): string {
  if (n === 0) return '0';
  // Whole numbers of up to 15 digits print as typed (an entry number, a count, a phone).
  if (Number.isInteger(n) && n < 1e15 && n > -1e15) return String(n);
  const shortest = String(n);
  const significant = shortest.replace(/e.*$/i, '').replace(/[-.]/g, '').replace(/^0+/, '');
  const text = significant.length > 15 ? String(Number(n.toPrecision(15))) : shortest;
  return expandExponent(text);
}

function expandExponent(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/0+$/, '');
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** value / divisor rounded half up (halves away from zero); divisor is a positive integer. */
export function divideRoundHalfUp(value: number, divisor: number): number {
  const whole = Math.floor(Math.abs(value) / divisor);
  const rest = Math.abs(value) - whole * divisor;
  const magnitude = rest * 2 >= divisor ? whole + 1 : whole;
  return value < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

/** Rate units (1/10,000 yuan) to fen, rounded once, half up. */
export function rateUnitsToFen(units: number): number {
  return divideRoundHalfUp(units, 100);
}

/** Integer units of 10^-scale as decimal text with at least `minDecimals` decimals. */
function unitsText(units: number, scale: number, minDecimals: number): string {
  const sign = units < 0 ? '-' : '';
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  const kept = fraction.replace(/0+$/, '').padEnd(minDecimals, '0');
  return kept === '' ? sign + whole : `${sign}${whole}.${kept}`;
}

/** Fen as yuan text: 1250 → "12.50", -5 → "-0.05". */
export function formatFen(fen: number): string {
  return unitsText(fen, FEN_SCALE, FEN_SCALE);
}

/** Rate units as yuan text with 2 to 4 decimals: 150 → "0.015", 25000 → "2.50". */
export function formatRate(units: number): string {
  return unitsText(units, RATE_SCALE, 2);
}

/** Fen as a yuan number for a money cell (display only; sums are made in fen). */
export function fenToYuan(fen: number): number {
  return Number(formatFen(fen));
}

/** Rate units as a yuan number for a rate cell. */
export function rateUnitsToYuan(units: number): number {
  return Number(formatRate(units));
}
