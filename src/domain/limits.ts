/**
 * The largest values a row may hold (docs/month.md, "Limits"). Beyond them a value is a typing
 * or scanning slip (a 13-digit barcode in 完成数 / Completed), never a real piece count or pay:
 * such a row is a located error and left out, and the rest of the month is paid. The limits also
 * keep every sum of money an exact integer: a row's pay is at most 10^12 units of 1/10,000
 * yuan, so a resident's month stays exact (below 2^53) up to 9,000 such rows.
 */
import { RATE_SCALE } from './money';

/** Lines one Submit of Record pieces sends (and one Undo removes); more wait for the next. */
export const MAX_LINES_PER_SUBMIT = 200;
/** Pieces in one row (Completed, and so Rejected). */
export const MAX_PIECES_PER_ROW = 1_000_000;
/** Yuan per piece, for a pay rate or a partner price. */
export const MAX_RATE_YUAN = 10_000;
/** Yuan: one adjustment, and one row's pay (accepted × rate). */
export const MAX_AMOUNT_YUAN = 100_000_000;

export const MAX_RATE_UNITS = MAX_RATE_YUAN * 10 ** RATE_SCALE;
export const MAX_AMOUNT_FEN = MAX_AMOUNT_YUAN * 100;
export const MAX_ROW_PAY_UNITS = MAX_AMOUNT_YUAN * 10 ** RATE_SCALE;
