/**
 * The year for residents (年度 YYYY / Year YYYY and the statement each resident takes home):
 * what each resident was paid month by month. Closed months are pay handed out; months not yet
 * closed are shown apart, as drafts. Money is integers: every figure is a sum of monthly net
 * pay, which the month computed once per resident (DESIGN.md section 3), so a year's total is
 * exactly the sum of its closed payouts.
 */
import type { MonthKey, Resident, Settings } from './records';
import { compareIds, payForMonth } from './payout';
import type { PayBook, ResidentPay } from './payout';

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
 * Net pay of a month, per resident (keyed by the resident's ID as the payout shows it): the ONE
 * place the year-end reads what a month paid. Today it is the month's payout worked out again
 * from the ledger (payForMonth), where a correction row is an adjustment of the month it is paid
 * in, its own Month, never of the month it corrects — so the closed months' figures are what
 * their payouts showed, plus nothing. When Closings records what each closing paid, this is the
 * function to switch to it.
 */
export function monthNetPay(book: PayBook, month: MonthKey): ReadonlyMap<string, number> {
  return new Map(payForMonth(book, month).residents.map((r) => [r.residentId, r.netPay]));
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

function draftOf(pay: ResidentPay): Draft {
  const empty = (): null[] => Array<null>(YEAR_MONTHS).fill(null);
  return {
    residentId: pay.residentId,
    name: pay.name,
    category: pay.category,
    closed: empty(),
    drafts: empty(),
    accepted: empty(),
    worked: 0,
  };
}

/** The year's report; `closedMonths` are the months Closings holds as closed (any year). */
export function yearReport(
  book: PayBook,
  options: { year: number; closedMonths: ReadonlySet<MonthKey>; threshold: number },
): YearReport {
  const months = monthsOfYear(options.year);
  const byId = new Map<string, Draft>();
  const closedMonths: MonthKey[] = [];
  const draftMonths: MonthKey[] = [];
  const monthTotals: (number | null)[] = [];
  months.forEach((month, i) => {
    const closed = options.closedMonths.has(month);
    const pay = payForMonth(book, month);
    const netPay = closed ? monthNetPay(book, month) : null;
    if (closed) closedMonths.push(month);
    else if (pay.residents.length > 0) draftMonths.push(month);
    let monthTotal = 0;
    for (const r of pay.residents) {
      let draft = byId.get(r.residentId);
      if (!draft) byId.set(r.residentId, (draft = draftOf(r)));
      draft.accepted[i] = r.acceptedPieces;
      if (netPay) {
        const paid = netPay.get(r.residentId) ?? 0;
        draft.closed[i] = paid;
        monthTotal += paid;
        if (r.work.length > 0) draft.worked += 1;
      } else draft.drafts[i] = r.netPay;
    }
    monthTotals.push(closed ? monthTotal : null);
  });
  const residents = [...byId.values()]
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
