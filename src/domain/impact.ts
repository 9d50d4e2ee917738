/**
 * What the workshop achieved in a year (成效 YYYY / Impact YYYY), for funders and the street
 * office: residents who earned (带动就业人数), by category, new this year, those who worked six
 * months or more, monthly earnings and their change on last year, pieces, orders, partners and
 * the total paid, by quarter. Only closed months count: pay handed out, never a draft.
 *
 * Privacy by construction, as the partner reports (partnerReport.ts): everything here is
 * computed from an ImpactLedger, whose types hold no name, ID, phone or note. The only door in is
 * `impactLedger`, which copies the few facts the figures need into new objects; who was paid
 * survives only as an anonymous worker number, used to count heads. A head count under five is
 * shown as "<5", and averages over fewer than five residents are not shown at all.
 */
import type { MonthKey, Resident } from './records';
import { monthReader, monthsOfYear, residentsByKey } from './year';
import type { ClosingsRecord } from './year';
import type { PayBook } from './payout';
import { idKey } from './validation/problemList';
import { divideRoundHalfUp } from './money';
import { MIN_RESIDENTS_SHOWN, residentCount } from './partnerReport';
import type { ResidentCount } from './partnerReport';

type Category = Resident['category'];

/** A resident as the Impact knows them. */
export interface ImpactWorker {
  readonly worker: number;
  readonly category: Category;
  /** Paid (net pay above zero) in some month before the year. */
  readonly earnedBefore: boolean;
}

/** A worker's month. */
export interface ImpactPay {
  readonly worker: number;
  /** Fen. */
  readonly netPay: number;
  readonly acceptedPieces: number;
  readonly rejectedPieces: number;
  /** Handed pieces in that month (an adjustment alone is not work). */
  readonly worked: boolean;
}

export interface ImpactMonth {
  readonly month: MonthKey;
  readonly closed: boolean;
  readonly pay: readonly ImpactPay[];
  /** Anonymous numbers of the orders and partners with accepted pieces this month. */
  readonly orders: readonly number[];
  readonly partners: readonly number[];
}

export interface ImpactLedger {
  readonly year: number;
  readonly workers: readonly ImpactWorker[];
  readonly months: readonly ImpactMonth[];
  /** The year before, for the change on last year. */
  readonly previous: readonly ImpactMonth[];
}

/** Numbers handed out in order of first appearance: they say nothing of IDs. */
class Numbering {
  private readonly numbers = new Map<string, number>();
  of(key: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) this.numbers.set(key, (n = this.numbers.size + 1));
    return n;
  }
}

/**
 * The projection: new objects holding only what the Impact may use. `options`: the months
 * Closings holds as closed and every closing made; a closed month's pay is what its closings
 * paid (year.ts's monthNetPay), as the Year's.
 */
export function impactLedger(
  book: PayBook,
  options: { year: number } & ClosingsRecord,
): ImpactLedger {
  const workers = new Numbering();
  const orders = new Numbering();
  const partners = new Numbering();
  const categories = new Map<number, Category>();
  const read = monthReader(book, options);
  const known = residentsByKey(book);
  const monthOf = (month: MonthKey): ImpactMonth => {
    const { pay, paid } = read(month);
    const orderNumbers = new Set<number>();
    const partnerNumbers = new Set<number>();
    const lines = new Map<string, ImpactPay>();
    for (const r of pay.residents) {
      const key = idKey(r.residentId);
      const worker = workers.of(key);
      categories.set(worker, r.category);
      for (const w of r.work) {
        if (w.acceptedPieces <= 0) continue;
        orderNumbers.add(orders.of(w.orderId));
        const partnerId = book.ordersById.get(w.orderId)?.partnerId ?? '';
        if (partnerId.trim() !== '') partnerNumbers.add(partners.of(partnerId));
      }
      lines.set(key, {
        worker,
        netPay: paid ? (paid.get(key) ?? 0) : r.netPay,
        acceptedPieces: r.acceptedPieces,
        rejectedPieces: r.rejectedPieces,
        worked: r.work.length > 0,
      });
    }
    // Paid at a closing though the rows no longer say so (changed since): paid all the same.
    for (const [key, netPay] of paid ?? []) {
      if (lines.has(key)) continue;
      const worker = workers.of(key);
      if (!categories.has(worker)) categories.set(worker, known.get(key)?.category ?? null);
      lines.set(key, { worker, netPay, acceptedPieces: 0, rejectedPieces: 0, worked: false });
    }
    return {
      month,
      closed: paid !== null,
      pay: [...lines.values()],
      orders: [...orderNumbers],
      partners: [...partnerNumbers],
    };
  };
  const first = `${options.year}-01`;
  const earned = new Set<number>();
  // Closed months too: a year archived leaves no rows, but its closings say who was paid.
  const earlier = new Set([
    ...book.piecesByMonth.keys(),
    ...book.adjustmentsByMonth.keys(),
    ...options.closedMonths,
  ]);
  for (const month of [...earlier].filter((m) => m < first).sort()) {
    for (const line of monthOf(month).pay) if (line.netPay > 0) earned.add(line.worker);
  }
  const previous = monthsOfYear(options.year - 1).map(monthOf);
  const months = monthsOfYear(options.year).map(monthOf);
  const seen = new Set([...previous, ...months].flatMap((m) => m.pay.map((p) => p.worker)));
  return {
    year: options.year,
    workers: [...seen].map((worker) => ({
      worker,
      category: categories.get(worker) ?? null,
      earnedBefore: earned.has(worker),
    })),
    months,
    previous,
  };
}

export const CATEGORY_ORDER: readonly Category[] = [
  'hardship',
  'nearHardship',
  'retired',
  'homemaker',
  'other',
  null,
];
export const SIX_MONTHS = 6;

export interface ImpactFigures {
  /** Closed months counted. */
  readonly monthsCounted: number;
  /** Residents with net pay above zero in a closed month (带动就业人数). */
  readonly residentsEarned: ResidentCount;
  readonly byCategory: readonly { readonly category: Category; readonly count: ResidentCount }[];
  readonly newThisYear: ResidentCount;
  readonly sixMonthsOrMore: ResidentCount;
  /** Fen, over the months a resident handed pieces in; null when nobody did, or fewer than 5. */
  readonly averageMonthlyNetPay: number | null;
  readonly medianMonthlyNetPay: number | null;
  readonly acceptedPieces: number;
  readonly rejectedPieces: number;
  readonly rejectRate: number | null;
  readonly ordersServed: number;
  readonly partnersServed: number;
  /** Fen: Σ net pay of the closed months. */
  readonly totalPaid: number;
}

export interface QuarterRow {
  readonly quarter: 1 | 2 | 3 | 4;
  readonly monthsCounted: number;
  readonly residentsEarned: ResidentCount;
  readonly acceptedPieces: number;
  /** Fen. */
  readonly totalPaid: number;
}

export interface ImpactReport {
  readonly year: number;
  readonly closedMonths: readonly MonthKey[];
  /** Months of the year with pay rows that are not closed: not counted. */
  readonly draftMonths: readonly MonthKey[];
  readonly figures: ImpactFigures;
  /** The year before, when it has a closed month. */
  readonly previous: ImpactFigures | null;
  readonly quarters: readonly QuarterRow[];
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return divideRoundHalfUp((sorted[middle - 1] as number) + (sorted[middle] as number), 2);
}

/** Head counts a funder may see: under five is "<5"; zero is shown. */
function count(workers: ReadonlySet<number>): ResidentCount {
  return residentCount(workers.size);
}

function figuresOf(
  months: readonly ImpactMonth[],
  workers: ReadonlyMap<number, ImpactWorker>,
): ImpactFigures {
  const closed = months.filter((m) => m.closed);
  const earned = new Set<number>();
  const worked = new Map<number, number>();
  const monthly: number[] = [];
  const orders = new Set<number>();
  const partners = new Set<number>();
  let accepted = 0;
  let rejected = 0;
  let totalPaid = 0;
  for (const month of closed) {
    month.orders.forEach((o) => orders.add(o));
    month.partners.forEach((p) => partners.add(p));
    for (const line of month.pay) {
      accepted += line.acceptedPieces;
      rejected += line.rejectedPieces;
      totalPaid += line.netPay;
      if (line.netPay > 0) earned.add(line.worker);
      if (line.worked) {
        worked.set(line.worker, (worked.get(line.worker) ?? 0) + 1);
        monthly.push(line.netPay);
      }
    }
  }
  // Averaged over those who worked, but with fewer than five of them paid anything the
  // figures describe those few: shown only when both groups are five or more.
  const shownAverages = worked.size >= MIN_RESIDENTS_SHOWN && earned.size >= MIN_RESIDENTS_SHOWN;
  const inCategory = (category: Category) =>
    new Set([...earned].filter((w) => (workers.get(w)?.category ?? null) === category));
  return {
    monthsCounted: closed.length,
    residentsEarned: count(earned),
    byCategory: CATEGORY_ORDER.map((category) => ({
      category,
      count: count(inCategory(category)),
    })),
    newThisYear: count(new Set([...earned].filter((w) => workers.get(w)?.earnedBefore === false))),
    sixMonthsOrMore: count(
      new Set([...worked].filter(([, months]) => months >= SIX_MONTHS).map(([w]) => w)),
    ),
    averageMonthlyNetPay:
      shownAverages && monthly.length > 0
        ? divideRoundHalfUp(
            monthly.reduce((s, v) => s + v, 0),
            monthly.length,
          )
        : null,
    medianMonthlyNetPay: shownAverages ? median(monthly) : null,
    acceptedPieces: accepted,
    rejectedPieces: rejected,
    rejectRate: accepted + rejected === 0 ? null : rejected / (accepted + rejected),
    ordersServed: orders.size,
    partnersServed: partners.size,
    totalPaid,
  };
}

export function impactReport(ledger: ImpactLedger): ImpactReport {
  const workers = new Map(ledger.workers.map((w) => [w.worker, w]));
  const quarters = ([1, 2, 3, 4] as const).map((quarter): QuarterRow => {
    const months = ledger.months.slice((quarter - 1) * 3, quarter * 3);
    const figures = figuresOf(months, workers);
    return {
      quarter,
      monthsCounted: figures.monthsCounted,
      residentsEarned: figures.residentsEarned,
      acceptedPieces: figures.acceptedPieces,
      totalPaid: figures.totalPaid,
    };
  });
  const previousClosed = ledger.previous.some((m) => m.closed);
  return {
    year: ledger.year,
    closedMonths: ledger.months.filter((m) => m.closed).map((m) => m.month),
    draftMonths: ledger.months.filter((m) => !m.closed && m.pay.length > 0).map((m) => m.month),
    figures: figuresOf(ledger.months, workers),
    previous: previousClosed ? figuresOf(ledger.previous, workers) : null,
    quarters,
  };
}
