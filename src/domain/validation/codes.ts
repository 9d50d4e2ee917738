/**
 * The problem codes validation can report, and the result a codec gives for one cell.
 * Each code has exactly one message per language in src/i18n/messages/validation.ts.
 */
import type { Problem } from '../problems';

/** Codes a codec gives when a single cell cannot be read. */
export const CELL_CODES = [
  'errorValue',
  'idUnreadable',
  'notWholeNumber',
  'negativeNumber',
  'decimalNumber',
  'rateNegative',
  'rateTooManyDecimals',
  'rateUnreadable',
  'amountTooManyDecimals',
  'amountUnreadable',
  'dateUnreadable',
  'dateImpossible',
  'monthUnreadable',
  'categoryUnknown',
  'statusUnknown',
  'activeUnknown',
  'emailInvalid',
] as const;
export type CellCode = (typeof CELL_CODES)[number];

/** Codes about a whole tab, a missing value, or how rows relate to each other. */
export const ROW_CODES = [
  'missingTab',
  'noHeaderRow',
  'missingColumn',
  'idMissing',
  'duplicateId',
  'duplicateEntry',
  'countMissing',
  'rateMissing',
  'amountMissing',
  'dateMissing',
  'monthMissing',
  'residentMissing',
  'residentUnknown',
  'residentInvalid',
  'residentInactive',
  'orderMissing',
  'orderUnknown',
  'orderInvalid',
  'orderClosed',
  'partnerUnknown',
  'rejectedOverCompleted',
  'countTooLarge',
  'rateTooLarge',
  'amountTooLarge',
  'rowPayTooLarge',
  'dateInFuture',
  'dateBeforeReceived',
  'dueBeforeReceived',
  'quantityExceeded',
  'looksDuplicate',
  'settingUnknown',
  'languageUnknown',
  'switchUnknown',
  'managerInvalid',
] as const;

export const VALIDATION_CODES = [...CELL_CODES, ...ROW_CODES] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

export function isValidationCode(code: string): code is ValidationCode {
  return (VALIDATION_CODES as readonly string[]).includes(code);
}

/** A problem raised by validation: its code is always one of ours. */
export interface ValidationProblem extends Problem {
  readonly code: ValidationCode;
}

/**
 * What a codec makes of one cell. On failure `value` is the cell as text, shortened, so a
 * message can quote it.
 */
export type Decoded<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: CellCode; readonly value: string };
