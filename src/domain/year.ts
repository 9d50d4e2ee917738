/**
 * The year for residents (年度 YYYY / Year YYYY and the statement each resident takes home):
 * what each resident was paid month by month. Closed months are pay handed out, as Closings
 * recorded it at each closing; months not yet closed are shown apart, as drafts. Money is
 * integers: every figure is a sum of what the closings paid, each worked out once per resident
 * (DESIGN.md section 3), so a year's total is exactly what its closings handed out.
 */
import type { MonthKey, Resident, Settings } from './records';
import { compareIds, payForMonth } from './payout';
import type { MonthPay, PayBook, ResidentPay } from './payout';
import type { ClosedMonth } from './closing';
import { paidByClosings } from './settlement';
import { idKey } from './validation/problemList';

type Category = Resident['category'];

/** 800 yuan: piece pay above it in a month is taxable income the payer declares (劳务报酬所得). */
export const DEFAULT_PAY_THRESHOLD = 80_000;
export const YEAR_MONTHS = 12;

/** The threshold Settings sets (月收入提醒线 / Monthly pay threshold), else 800 yuan. */
export function payThresholdOf(settings: Pick<Settings, 'payThreshold'>): number {
  return settings.payThreshold ?? DEFAULT_PAY_THRESHOLD;
}

/** Years moved to an archive (Settings' 归档 / Archive rows), with where each went. */
export function archivedYears(settings: Pick<Settings, 'archives'>): ReadonlyMap<number, string> {
  return new Map((settings.archives ?? []).map((a) => [a.year, a.location]));
}

/**
 * What a closed month paid, per resident (idKey): the ONE place the year end reads it. Each
 * closing of the month records what it handed out (本次发放 / Paid at this closing, Detail v3):
 * the net pay at a first closing, only what was still owed at a re-closing — so a month closed,
 * reopened and closed again counts each resident's pay once, the sum of its closings. A Detail
 * written before v3 gives the net pay at that closing (settlement.ts's paidByClosings). A
 * correction paid in a later month is an adjustment of that month, paid at its closing: it
 * counts there, never in the month it corrects. Only when a closing of the month has no
 * readable Detail is the month's payout worked out again from the rows instead.
 *
 * `closings`: the month's closings, oldest first (reopened ones too: they were paid).
 */
export function monthNetPay(
  pay: MonthPay,
  closings: readonly ClosedMonth[],
): ReadonlyMap<string, number> {
  if (closings.length > 0 && closings.every((c) => c.snapshot !== null)) {
    return paidByClosings(closings);
  }
  return new Map(pay.residents.map((r) => [idKey(r.residentId), r.netPay]));
}

/** What Closings holds: the months closed now, and every closing made, oldest first. */
export interface ClosingsRecord {
  readonly closedMonths: ReadonlySet<MonthKey>;
  readonly closings: readonly ClosedMonth[];
}

/** One month as the year end reads it: its payout now, and what its closings paid (if closed). */
export interface YearMonth {
  readonly month: MonthKey;
  readonly pay: MonthPay;
  /** Per resident (idKey), fen; null when the month is not closed. */
  readonly paid: ReadonlyMap<string, number> | null;
}

/** A reader of months: each month's closings looked up once. */
export function monthReader(book: PayBook, record: ClosingsRecord): (month: MonthKey) => YearMonth {
  const byMonth = new Map<MonthKey, ClosedMonth[]>();
  for (const closing of record.closings) {
    const list = byMonth.get(closing.month);
    if (list) list.push(closing);
    else byMonth.set(closing.month, [closing]);
  }
  return (month) => {
    const pay = payForMonth(book, month);
    const closed = record.closedMonths.has(month);
    return { month, pay, paid: closed ? monthNetPay(pay, byMonth.get(month) ?? []) : null };
  };
}

/** Residents by idKey, for those a closing paid whom the month's payout no longer lists. */
export function residentsByKey(book: PayBook): ReadonlyMap<string, Resident> {
  return new Map([...book.residentsById.values()].map((r) => [idKey(r.id), r]));
}

/** The year a year report is made for: last year in January to March, else this year. */
export function defaultYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) <= 3 ? year - 1 : year;
}

/** The twelve months of a year, January first. */
export function monthsOfYear(year: number): MonthKey[] {
  return Array.from({ length: YEAR_MONTHS }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** One resident's year. Arrays have twelve entries, January first; null where nothing was paid. */
export interface YearResident {
  readonly residentId: string;
  readonly name: string;
  readonly category: Category;
  /** Net pay of each closed month (fen). */
  readonly closed: readonly (number | null)[];
  /** Net pay of each month not closed yet, as its draft payout says (fen). */
  readonly drafts: readonly (number | null)[];
  /** Accepted pieces of each month, closed or not. */
  readonly acceptedPieces: readonly (number | null)[];
  /** Σ closed (fen). */
  readonly total: number;
  /** Σ drafts (fen). */
  readonly draftTotal: number;
  /** Closed months in which the resident handed pieces in. */
  readonly monthsWorked: number;
  /** Closed months whose net pay is above the threshold. */
  readonly aboveThreshold: readonly MonthKey[];
}

export interface YearReport {
  readonly year: number;
  readonly months: readonly MonthKey[];
  /** Months of the year closed (a payout handed out). */
  readonly closedMonths: readonly MonthKey[];
  /** Months of the year not closed that have something to pay: shown apart, as drafts. */
  readonly draftMonths: readonly MonthKey[];
  /** Fen; a month's net pay above it is flagged. */
  readonly threshold: number;
  /** Everyone paid in a month of the year, closed or draft, by ID. */
  readonly residents: readonly YearResident[];
  /** Per month: Σ closed net pay (null for months not closed). */
  readonly monthTotals: readonly (number | null)[];
  readonly total: number;
  readonly draftTotal: number;
}

interface Draft {
  residentId: string;
  name: string;
  category: Category;
  closed: (number | null)[];
  drafts: (number | null)[];
  accepted: (number | null)[];
  worked: number;
}

function draftOf(who: Pick<ResidentPay, 'residentId' | 'name' | 'category'>): Draft {
  const empty = (): null[] => Array<null>(YEAR_MONTHS).fill(null);
  return {
    residentId: who.residentId,
    name: who.name,
    category: who.category,
    closed: empty(),
    drafts: empty(),
    accepted: empty(),
    worked: 0,
  };
}

/**
 * The year's report. `record`: the months Closings holds as closed (any year) and every closing
 * made; a closed month's figures are what its closings paid (monthNetPay).
 */
export function yearReport(
  book: PayBook,
  options: { year: number; threshold: number } & ClosingsRecord,
): YearReport {
  const months = monthsOfYear(options.year);
  const read = monthReader(book, options);
  const known = residentsByKey(book);
  const byKey = new Map<string, Draft>();
  const draftFor = (key: string, pay?: ResidentPay): Draft => {
    let draft = byKey.get(key);
    if (draft) return draft;
    const resident = known.get(key);
    draft = draftOf(
      pay ??
        (resident
          ? { residentId: resident.id, name: resident.name, category: resident.category }
          : { residentId: key, name: '', category: null }),
    );
    byKey.set(key, draft);
    return draft;
  };
  const closedMonths: MonthKey[] = [];
  const draftMonths: MonthKey[] = [];
  const monthTotals: (number | null)[] = [];
  months.forEach((month, i) => {
    const { pay, paid } = read(month);
    if (paid) closedMonths.push(month);
    else if (pay.residents.length > 0) draftMonths.push(month);
    for (const r of pay.residents) {
      const draft = draftFor(idKey(r.residentId), r);
      draft.accepted[i] = r.acceptedPieces;
      if (!paid) draft.drafts[i] = r.netPay;
      else if (r.work.length > 0) draft.worked += 1;
    }
    if (!paid) {
      monthTotals.push(null);
      return;
    }
    let monthTotal = 0;
    for (const [key, fen] of paid) {
      draftFor(key).closed[i] = fen;
      monthTotal += fen;
    }
    monthTotals.push(monthTotal);
  });
  const residents = [...byKey.values()]
    .sort((a, b) => compareIds(a.residentId, b.residentId))
    .map((d): YearResident => {
      const sum = (values: readonly (number | null)[]) =>
        values.reduce<number>((s, v) => s + (v ?? 0), 0);
      return {
        residentId: d.residentId,
        name: d.name,
        category: d.category,
        closed: d.closed,
        drafts: d.drafts,
        acceptedPieces: d.accepted,
        total: sum(d.closed),
        draftTotal: sum(d.drafts),
        monthsWorked: d.worked,
        aboveThreshold: months.filter((_, i) => (d.closed[i] ?? 0) > options.threshold),
      };
    });
  return {
    year: options.year,
    months,
    closedMonths,
    draftMonths,
    threshold: options.threshold,
    residents,
    monthTotals,
    total: residents.reduce((s, r) => s + r.total, 0),
    draftTotal: residents.reduce((s, r) => s + r.draftTotal, 0),
  };
}

/** Residents whose net pay this month is above the threshold (the Summary's key figure). */
export function residentsAboveThreshold(
  residents: readonly Pick<ResidentPay, 'residentId' | 'netPay'>[],
  threshold: number,
): string[] {
  return residents.filter((r) => r.netPay > threshold).map((r) => r.residentId);
}
