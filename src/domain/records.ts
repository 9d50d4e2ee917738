/**
 * The workshop's records after the codecs have read them from cells (DESIGN.md section 3).
 * The zod schemas are the source of the types, and guard every payload that comes from a
 * sidebar or a file. Money is integers: rates in 1/10,000 yuan, amounts in fen.
 */
import * as z from 'zod/mini';

/**
 * A schema that a bundle leaves out when nothing in it uses the schema: most of these serve as
 * types only (z.infer), and a bundler must keep a plain zod call, which might have side effects,
 * with all of zod it reaches (2.7 KB of Code.js, which Apps Script parses at every menu
 * click and server call). `/* @__PURE__ *\/ unlessUnused(…)` tells esbuild the call has none.
 */
const unlessUnused = <T>(make: () => T): T => make();

/** A calendar date, YYYY-MM-DD, in the spreadsheet's time zone. */
export const IsoDate = /* @__PURE__ */ unlessUnused(() =>
  z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)),
);
export type IsoDate = z.infer<typeof IsoDate>;

/** A calendar month, YYYY-MM. */
export const MonthKey = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
export type MonthKey = z.infer<typeof MonthKey>;

/** Yuan × 10,000 (a pay rate of 0.015 yuan is 150). */
export const RateUnits = /* @__PURE__ */ unlessUnused(() => z.int().check(z.nonnegative()));
/** Yuan × 100, signed. */
export const Fen = z.int();

export const CategoryKey = /* @__PURE__ */ unlessUnused(() =>
  z.enum(['hardship', 'nearHardship', 'retired', 'homemaker', 'other']),
);
export const OrderStatusKey = /* @__PURE__ */ unlessUnused(() =>
  z.enum(['open', 'done', 'cancelled']),
);

/** `row` is the row number as the sheet shows it, for messages that point at it. */
const located = /* @__PURE__ */ unlessUnused(() => ({ row: z.int().check(z.positive()) }));

export const Resident = /* @__PURE__ */ unlessUnused(() =>
  z.object({
    ...located,
    id: z.string().check(z.minLength(1)),
    name: z.string(),
    phone: z.string(),
    category: z.nullable(CategoryKey),
    skills: z.string(),
    joined: z.nullable(IsoDate),
    active: z.boolean(),
    notes: z.string(),
  }),
);
export type Resident = z.infer<typeof Resident>;

export const Partner = /* @__PURE__ */ unlessUnused(() =>
  z.object({
    ...located,
    id: z.string().check(z.minLength(1)),
    name: z.string(),
    contact: z.string(),
    shareEmails: z.array(z.string()),
    report: z.string(),
    notes: z.string(),
    /** As typed; empty when the partner reads the sheet's language. */
    language: z.string(),
    /** The partner's report spreadsheet, as Gongfang wrote it. */
    reportLink: z.string(),
  }),
);
export type Partner = z.infer<typeof Partner>;

export const Order = /* @__PURE__ */ unlessUnused(() =>
  z.object({
    ...located,
    id: z.string().check(z.minLength(1)),
    partnerId: z.string(),
    product: z.string(),
    /** As typed, or the canonical label of a suggested craft. */
    craft: z.string(),
    payRate: RateUnits,
    partnerPrice: z.nullable(RateUnits),
    quantity: z.nullable(z.int().check(z.nonnegative())),
    received: z.nullable(IsoDate),
    due: z.nullable(IsoDate),
    status: OrderStatusKey,
    notes: z.string(),
  }),
);
export type Order = z.infer<typeof Order>;

export const PieceEntry = /* @__PURE__ */ unlessUnused(() =>
  z.object({
    ...located,
    date: IsoDate,
    residentId: z.string().check(z.minLength(1)),
    orderId: z.string().check(z.minLength(1)),
    completed: z.int().check(z.nonnegative()),
    rejected: z.int().check(z.nonnegative()),
    recordedBy: z.string(),
    notes: z.string(),
    /** The entry number, when the row has one. */
    entry: z.nullable(z.string()),
  }),
);
export type PieceEntry = z.infer<typeof PieceEntry>;

export const Adjustment = /* @__PURE__ */ unlessUnused(() =>
  z.object({
    ...located,
    month: MonthKey,
    residentId: z.string().check(z.minLength(1)),
    amount: Fen,
    reason: z.string(),
    /**
     * The closed month this row corrects, when Gongfang wrote it as a correction (更正月份 /
     * Corrects month); null or absent for every other adjustment.
     */
    correctsMonth: z.optional(z.nullable(MonthKey)),
  }),
);
export type Adjustment = z.infer<typeof Adjustment>;

export const Settings = /* @__PURE__ */ unlessUnused(() =>
  z.object({
    organization: z.string(),
    currency: z.string().check(z.minLength(1)),
    /** Set when staff chose a language; otherwise the spreadsheet's locale decides. */
    language: z.nullable(z.enum(['zh-CN', 'en'])),
    /** Whether edits are tidied as they are typed (full-width digits, dates as text…). */
    autoCorrect: z.boolean(),
    /** The Closings tab's name, once Gongfang has written the first closing (see closingsLost). */
    closingsRecord: z.optional(z.nullable(z.string())),
    /**
     * Fen: a month's net pay above it is flagged on the Year tab and the Summary (月收入提醒线;
     * 800 yuan when not set, see domain/year.ts).
     */
    payThreshold: z.optional(z.nullable(Fen)),
    /** Years moved to an archive by Archive year, each with where its archive is. */
    archives: z.optional(z.array(z.object({ year: z.int(), location: z.string() }))),
    /**
     * The 管理员 / Managers row's addresses, lower case (docs/roles.md); absent or empty: no roles,
     * everyone may do everything.
     */
    managers: z.optional(z.array(z.string())),
  }),
);
export type Settings = z.infer<typeof Settings>;

export const Closing = /* @__PURE__ */ unlessUnused(() =>
  z.object({
    ...located,
    month: MonthKey,
    closedAt: z.string(),
    closedBy: z.string(),
    residents: z.int().check(z.nonnegative()),
    netPay: Fen,
    fingerprint: z.string(),
  }),
);
export type Closing = z.infer<typeof Closing>;
