/**
 * The workshop's records after the codecs have read them from cells (DESIGN.md section 3).
 * The zod schemas are the source of the types, and guard every payload that comes from a
 * sidebar or a file. Money is integers: rates in 1/10,000 yuan, amounts in fen.
 */
import { z } from 'zod';

/** A calendar date, YYYY-MM-DD, in the spreadsheet's time zone. */
export const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
export type IsoDate = z.infer<typeof IsoDate>;

/** A calendar month, YYYY-MM. */
export const MonthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export type MonthKey = z.infer<typeof MonthKey>;

/** Yuan × 10,000 (a pay rate of 0.015 yuan is 150). */
export const RateUnits = z.number().int().nonnegative();
/** Yuan × 100, signed. */
export const Fen = z.number().int();

export const CategoryKey = z.enum(['hardship', 'nearHardship', 'retired', 'homemaker', 'other']);
export const OrderStatusKey = z.enum(['open', 'done', 'cancelled']);

/** `row` is the row number as the sheet shows it, for messages that point at it. */
const located = { row: z.number().int().positive() };

export const Resident = z.object({
  ...located,
  id: z.string().min(1),
  name: z.string(),
  phone: z.string(),
  category: CategoryKey.nullable(),
  skills: z.string(),
  joined: IsoDate.nullable(),
  active: z.boolean(),
  notes: z.string(),
});
export type Resident = z.infer<typeof Resident>;

export const Partner = z.object({
  ...located,
  id: z.string().min(1),
  name: z.string(),
  contact: z.string(),
  shareEmails: z.array(z.string()),
  report: z.string(),
  notes: z.string(),
  /** As typed; empty when the partner reads the sheet's language. */
  language: z.string(),
  /** The partner's report spreadsheet, as Gongfang wrote it. */
  reportLink: z.string(),
});
export type Partner = z.infer<typeof Partner>;

export const Order = z.object({
  ...located,
  id: z.string().min(1),
  partnerId: z.string(),
  product: z.string(),
  /** As typed, or the canonical label of a suggested craft. */
  craft: z.string(),
  payRate: RateUnits,
  partnerPrice: RateUnits.nullable(),
  quantity: z.number().int().nonnegative().nullable(),
  received: IsoDate.nullable(),
  due: IsoDate.nullable(),
  status: OrderStatusKey,
  notes: z.string(),
});
export type Order = z.infer<typeof Order>;

export const PieceEntry = z.object({
  ...located,
  date: IsoDate,
  residentId: z.string().min(1),
  orderId: z.string().min(1),
  completed: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  recordedBy: z.string(),
  notes: z.string(),
  /** The entry number, when the row has one. */
  entry: z.string().nullable(),
});
export type PieceEntry = z.infer<typeof PieceEntry>;

export const Adjustment = z.object({
  ...located,
  month: MonthKey,
  residentId: z.string().min(1),
  amount: Fen,
  reason: z.string(),
  /**
   * The closed month this row corrects, when Gongfang wrote it as a correction (更正月份 /
   * Corrects month); null or absent for every other adjustment.
   */
  correctsMonth: MonthKey.nullable().optional(),
});
export type Adjustment = z.infer<typeof Adjustment>;

export const Settings = z.object({
  organization: z.string(),
  currency: z.string().min(1),
  /** Set when staff chose a language; otherwise the spreadsheet's locale decides. */
  language: z.enum(['zh-CN', 'en']).nullable(),
  /** Whether edits are tidied as they are typed (full-width digits, dates as text…). */
  autoCorrect: z.boolean(),
  /** The Closings tab's name, once Gongfang has written the first closing (see closingsLost). */
  closingsRecord: z.string().nullable().optional(),
});
export type Settings = z.infer<typeof Settings>;

export const Closing = z.object({
  ...located,
  month: MonthKey,
  closedAt: z.string(),
  closedBy: z.string(),
  residents: z.number().int().nonnegative(),
  netPay: Fen,
  fingerprint: z.string(),
});
export type Closing = z.infer<typeof Closing>;
