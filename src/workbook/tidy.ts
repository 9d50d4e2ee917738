/**
 * Tidying what an input method typed, when the reading is unambiguous (docs/validation.md):
 * full-width or grouped digits stored as text become numbers, dates typed as text become date
 * cells, a month typed 2026年11月 becomes 2026-11, and a reference typed in another case, width
 * or with spaces becomes the ID as its own tab writes it. Each tidied value decodes to exactly
 * what the typed text decoded to, so tidying never changes what Check data concludes; it only
 * makes the cell what it should have been.
 */
import type { IsoDate } from '../domain/records';
import { fenToYuan, rateUnitsToYuan } from '../domain/money';
import type { CellValue } from './cells';
import {
  type Codec,
  type CodecContext,
  decodeDate,
  decodeId,
  decodeMoney,
  decodeMonth,
  decodePayRate,
  decodeWholeNumber,
  isErrorValue,
} from './codecs';
import type { ColumnKind } from './layout';

/** What a tidied cell should hold. A date is written so the sheet makes it a date cell. */
export type TidyValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'date'; readonly value: IsoDate }
  | { readonly kind: 'text'; readonly value: string };

export interface TidyContext extends CodecContext {
  /** The ID as its tab writes it, by ID key (idKey); undefined when there is no such row. */
  readonly canonicalId: (
    kind: 'residentRef' | 'orderRef' | 'partnerRef',
    id: string,
  ) => string | undefined;
}

/** The tidy value of a cell of this kind, or null when it is fine as it is or not clear. */
export function tidyCell(
  kind: ColumnKind,
  cell: CellValue,
  context: TidyContext,
): TidyValue | null {
  if (typeof cell !== 'string' || cell.trim() === '' || isErrorValue(cell)) return null;
  switch (kind) {
    case 'wholeNumber':
      return scaled(decodeWholeNumber, cell, context, (n) => n);
    case 'payRate':
      return scaled(decodePayRate, cell, context, rateUnitsToYuan);
    case 'money':
      return scaled(decodeMoney, cell, context, fenToYuan);
    case 'date': {
      const date = decodeDate(cell, context);
      return date.ok && date.value !== null ? { kind: 'date', value: date.value } : null;
    }
    case 'month': {
      const month = decodeMonth(cell, context);
      if (!month.ok || month.value === null || month.value === cell) return null;
      return { kind: 'text', value: month.value };
    }
    case 'residentRef':
    case 'orderRef':
    case 'partnerRef': {
      const id = decodeId(cell, context);
      if (!id.ok || id.value === null) return null;
      const canonical = context.canonicalId(kind, id.value);
      return canonical === undefined || canonical === cell
        ? null
        : { kind: 'text', value: canonical };
    }
    default:
      return null;
  }
}

function scaled(
  codec: Codec<number | null>,
  cell: string,
  context: CodecContext,
  toNumber: (units: number) => number,
): TidyValue | null {
  const decoded = codec(cell, context);
  if (!decoded.ok || decoded.value === null) return null;
  return { kind: 'number', value: toNumber(decoded.value) };
}
