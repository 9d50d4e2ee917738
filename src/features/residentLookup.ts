/**
 * 查居民 / Look up a resident: "how much have I earned this month?" answered at the door. The
 * month's pay is the payout's own computation (payForMonth over the validated ledger), so the
 * card and the 工资 / Payout tab agree to the fen.
 */
import { addMonths } from '../domain/months';
import { monthOf } from '../domain/dates';
import { indexPayBook, payForMonth, unitsToFen } from '../domain/payout';
import type { IsoDate, MonthKey } from '../domain/records';
import type { Lang } from '../i18n';
import { CATEGORIES, labelOf } from '../workbook/layout';
import type { Workbook } from '../workbook/port';
import { moneyText } from './closeMonth';
import { readAhead, readTabs, sheetSettings } from './candidateRows';
import { sheetLanguage } from './monthData';
import { type ResidentChoice, residentChoices } from './recordPieces';
import { validateLedgerTabs } from './loadLedger';
import {
  type SidebarMemory,
  planPiecesRead,
  piecesWanted,
  residentPieces,
  settlePieces,
} from './piecesTally';

const MONTHS_BACK = 6;

export interface LookUpView {
  readonly lang: Lang;
  readonly residents: ResidentChoice[];
}

/** The residents to search among: Settings and Residents only. */
export function lookUpView(workbook: Workbook, today: IsoDate): LookUpView {
  readAhead(workbook, ['settings', 'residents']);
  const lang = sheetLanguage(workbook);
  const contents = readTabs(workbook, ['residents']);
  const context = { timeZone: workbook.info().timeZone, lang };
  const { validated } = validateLedgerTabs(contents, context, { today, readPartners: false });
  return { lang, residents: residentChoices(validated.residents) };
}

export interface OrderWorkView {
  readonly orderId: string;
  readonly product: string;
  readonly craft: string;
  readonly accepted: number;
  readonly rejected: number;
  readonly amountText: string;
}

export interface ResidentCard {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly active: boolean;
  readonly phone: string;
  readonly month: MonthKey;
  readonly acceptedPieces: number;
  /** Fen. */
  readonly piecePay: number;
  readonly adjustments: number;
  readonly netPay: number;
  readonly piecePayText: string;
  readonly adjustmentsText: string;
  readonly netPayText: string;
  /** The 6 months before this one, oldest first. */
  readonly lastMonths: { month: MonthKey; netPay: number; netPayText: string }[];
  readonly orders: OrderWorkView[];
}

export function lookUpResident(
  workbook: Workbook,
  residentId: string,
  today: IsoDate,
  memory?: SidebarMemory,
): { lang: Lang; card: ResidentCard | null } {
  // What the payout reads, with Pieces through the tally (piecesTally.ts): only its end is read.
  const plan = planPiecesRead(memory, today);
  readAhead(workbook, ['settings', 'residents', 'orders', 'adjustments'], [piecesWanted(plan)]);
  const settings = sheetSettings(workbook);
  const context = { timeZone: workbook.info().timeZone, lang: settings.lang };
  const contents = readTabs(workbook, ['residents', 'orders', 'adjustments']);
  const { validated } = validateLedgerTabs({ ...contents, pieces: null }, context, {
    today,
    readPartners: false,
  });
  const resident = validated.residents.find((r) => r.id.toLowerCase() === residentId.toLowerCase());
  if (!resident) return { lang: settings.lang, card: null };
  const pieces = settlePieces(workbook, plan, contents, context, today);
  const kept = plan.kept;
  if (memory && (kept === null || pieces.whole || kept.rows !== pieces.tally.rows)) {
    memory.save(JSON.stringify(pieces.tally), {
      readAt: pieces.tally.readAt,
      rows: pieces.tally.rows,
    });
  }
  const ledger = {
    lang: settings.lang,
    settings,
    residents: validated.residents,
    orders: validated.orders,
    pieces: residentPieces(pieces.tally, resident, validated.orders),
    adjustments: validated.adjustments,
  };
  const book = indexPayBook(ledger);
  const money = (fen: number) => moneyText(fen, ledger.settings.currency);
  const payOf = (month: MonthKey) =>
    payForMonth(book, month).residents.find((r) => r.residentId === resident.id) ?? null;
  const month = monthOf(today);
  const pay = payOf(month);
  const lastMonths = [];
  for (let back = MONTHS_BACK; back >= 1; back -= 1) {
    const earlier = addMonths(month, -back);
    const netPay = payOf(earlier)?.netPay ?? 0;
    lastMonths.push({ month: earlier, netPay, netPayText: money(netPay) });
  }
  const category = CATEGORIES.find((c) => c.key === resident.category);
  return {
    lang: ledger.lang,
    card: {
      id: resident.id,
      name: resident.name,
      category: category ? labelOf(category, ledger.lang) : '',
      active: resident.active,
      phone: resident.phone,
      month,
      acceptedPieces: pay?.acceptedPieces ?? 0,
      piecePay: pay?.piecePay ?? 0,
      adjustments: pay?.adjustments ?? 0,
      netPay: pay?.netPay ?? 0,
      piecePayText: money(pay?.piecePay ?? 0),
      adjustmentsText: money(pay?.adjustments ?? 0),
      netPayText: money(pay?.netPay ?? 0),
      lastMonths,
      orders: (pay?.work ?? []).map((w) => ({
        orderId: w.orderId,
        product: w.product,
        craft: w.craft,
        accepted: w.acceptedPieces,
        rejected: w.rejectedPieces,
        amountText: money(unitsToFen(w.amountUnits)),
      })),
    },
  };
}
