/**
 * What the sidebars need of 计件 / Pieces, without reading it whole on every action: each
 * order's accepted pieces to date ("left" in Record pieces) and each resident's accepted and
 * rejected pieces per month and order (the Look up card), kept in the document cache between
 * actions as a *tally*, with the facts that say whether it is still true.
 *
 * Each action reads only the header row and the last rows of the tab: from the first row of the
 * tally's tail (its last TAIL_ROWS rows) to the end. It is trusted when
 * - the header row and the tail read exactly as when the tally was made (rows deleted, inserted
 *   or sorted by hand change them: no onEdit event says so),
 * - no hand edit of a counted row was seen since it was read: onEdit notes the time and the first
 *   row of edits to Pieces (`PiecesEdited`) only while a tally is kept, once per tally,
 * - every resident and order ID named on Pieces is usable exactly as it was, and each order's
 *   pay rate is the same (a row's validity depends on them), and
 * - it reaches back to the months asked for.
 * Rows added below since (typed by hand, without entry IDs) are added to it; a sidebar's own
 * append or Undo updates it in the same run. Anything else — a row below with an entry ID that
 * may repeat an older one, a stale tail, a newer edit — and the whole tab is read again and the
 * tally rebuilt, by the same validation as Check data. The sums are exact: the card and "left"
 * equal the payout's (test/sidebars/lookUp.property.test.ts, tally.test.ts).
 */
import { isoDateToSerial, monthOf } from '../domain/dates';
import { addMonths } from '../domain/months';
import type { IsoDate, MonthKey, Order, PieceEntry, Resident } from '../domain/records';
import { idKey } from '../domain/validation';
import type { CellValue } from '../workbook/cells';
import { type CodecContext, dateInZone, decodeId } from '../workbook/codecs';
import { PIECES, namesOf } from '../workbook/layout';
import { type TabContents, type TabWanted, type Workbook, readRowsOf } from '../workbook/port';
import { matchHeaders } from '../workbook/tables';
import type { LedgerContents } from './candidateRows';
import { validateLedgerTabs } from './loadLedger';

/** Rows at the end of the tab read on every action: the tally's fingerprint of the tab. */
export const TAIL_ROWS = 200;
/** Two Google servers' clocks may differ a little: an edit this close to a read counts as after. */
export const EDIT_SKEW_MS = 5_000;
/**
 * A tally is made again from the whole tab at least this often, so what its checks cannot see
 * (rows deleted and as many empty ones inserted higher up, with no typing) lasts an hour at most.
 */
export const REBUILD_AFTER_MS = 60 * 60 * 1000;
const VERSION = 1;

/** Keeps the tally between actions (the document cache in Sheets). */
export interface SidebarMemory {
  /** The tally kept and the last hand edit of Pieces seen by onEdit (JSON), or null. */
  load(): { readonly tally: string | null; readonly edited: string | null };
  save(tally: string, stamp: TallyStamp): void;
  /** Milliseconds now, as Date.now(). */
  now(): number;
}

/** What onEdit compares its edits with (kept apart from the tally, small). */
export interface TallyStamp {
  /** When the rows it counts were read (before the read). */
  readonly readAt: number;
  /** The last row it counts (the header is row 1). */
  readonly rows: number;
}

/** Hand edits of Pieces since a tally was read: when, and the first row edited. */
export interface PiecesEdited {
  readonly at: number;
  readonly fromRow: number;
}

/** Accepted and rejected pieces, and the rows they came from. */
type Counts = [accepted: number, rejected: number, rows: number];

export interface PiecesTally extends TallyStamp {
  readonly v: number;
  /** When the whole tab was last read to make it. */
  readonly builtAt: number;
  readonly header: readonly string[];
  /** The first row of the tail, and a hash of rows tailFrom..rows as read. */
  readonly tailFrom: number;
  readonly tailHash: string;
  /** Months counted per resident from this one on (six months before the month it was made). */
  readonly fromMonth: MonthKey;
  /** Every resident and order ID key named on Pieces: 1 if usable when counted, 0 if not. */
  readonly residents: Record<string, 0 | 1>;
  readonly orders: Record<string, 0 | 1>;
  /** Pay rate of each usable order named (a row's pay above the limit is an error). */
  readonly rates: Record<string, number>;
  /** Accepted pieces to date, by order key. */
  readonly accepted: Record<string, number>;
  /** By resident key, month and order key. */
  readonly work: Record<string, Record<string, Record<string, Counts>>>;
}

/** The end of Pieces as read in this run, with the tally that is true for the whole tab. */
export interface PiecesNow {
  readonly name: string | null;
  /** The header row and the rows read: the whole tab, or its tail and what came after. */
  readonly contents: TabContents | null;
  /** The sheet row of contents.values[1]. */
  readonly firstRow: number;
  readonly tally: PiecesTally;
  /** The whole tab was read in this run. */
  readonly whole: boolean;
}

/** What the action asks of the tab, decided before the first read. */
export interface PiecesPlan {
  readonly kept: PiecesTally | null;
  readonly fromRow: number | null;
  readonly readAt: number;
}

/** The plan: the tally kept, if not known stale already, and the rows to read. */
export function planPiecesRead(memory: SidebarMemory | undefined, today: IsoDate): PiecesPlan {
  const readAt = memory?.now() ?? 0;
  if (memory === undefined) return { kept: null, fromRow: null, readAt };
  const loaded = memory.load();
  const kept = parse<PiecesTally>(loaded.tally);
  const edited = parse<PiecesEdited>(loaded.edited);
  const usable =
    kept !== null &&
    kept.v === VERSION &&
    readAt - kept.builtAt < REBUILD_AFTER_MS &&
    kept.fromMonth <= addMonths(monthOf(today), -6) &&
    !editedSince(kept, edited);
  return usable ? { kept, fromRow: kept.tailFrom, readAt } : { kept: null, fromRow: null, readAt };
}

/** Whether a hand edit of a row the tally counts came after (or about when) it was read. */
export function editedSince(stamp: TallyStamp, edited: PiecesEdited | null): boolean {
  return (
    edited !== null && edited.at + EDIT_SKEW_MS >= stamp.readAt && edited.fromRow <= stamp.rows
  );
}

/** The Pieces entry of readAhead: its tail when a tally is kept, else the whole tab. */
export function piecesWanted(plan: PiecesPlan): TabWanted {
  return plan.fromRow === null
    ? { names: namesOf(PIECES) }
    : { names: namesOf(PIECES), fromRow: plan.fromRow };
}

function parse<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/**
 * Pieces now: the kept tally brought up to date from the rows read, or, when it cannot be
 * trusted, the whole tab read (a second read in the run) and the tally rebuilt.
 */
export function settlePieces(
  workbook: Workbook,
  plan: PiecesPlan,
  contents: LedgerContents,
  context: CodecContext,
  today: IsoDate,
): PiecesNow {
  if (plan.kept !== null && plan.fromRow !== null) {
    const end = readRowsOf(workbook, namesOf(PIECES), plan.fromRow);
    const brought = end === null ? null : bringUpToDate(plan.kept, end, contents, context, today);
    if (brought !== null && end !== null) {
      return {
        name: end.name,
        contents: { name: end.name, values: [end.header, ...end.rows] },
        firstRow: end.firstRow,
        tally: { ...brought, readAt: plan.readAt },
        whole: false,
      };
    }
  }
  workbook.prefetch?.([{ names: namesOf(PIECES) }]);
  const whole = workbook.readTab(namesOf(PIECES));
  return {
    name: whole?.name ?? null,
    contents: whole,
    firstRow: 2,
    tally: buildTally(whole, contents, context, today, plan.readAt),
    whole: true,
  };
}

/** The tally made from the whole tab. */
export function buildTally(
  whole: TabContents | null,
  contents: LedgerContents,
  context: CodecContext,
  today: IsoDate,
  readAt: number,
): PiecesTally {
  const values = whole?.values ?? [];
  const header = (values[0] ?? []).map((cell) => String(cell));
  const rows = Math.max(1, values.length);
  const tailFrom = Math.max(2, rows - TAIL_ROWS + 1);
  const empty: PiecesTally = {
    v: VERSION,
    builtAt: readAt,
    readAt,
    rows,
    header,
    tailFrom,
    tailHash: hashRows(values.slice(tailFrom - 1), context.timeZone),
    fromMonth: addMonths(monthOf(today), -6),
    residents: {},
    orders: {},
    rates: {},
    accepted: {},
    work: {},
  };
  return addRows(empty, values[0] ?? [], values.slice(1), contents, context, today, 1);
}

/**
 * The kept tally with the rows added since, or null when it cannot be trusted: the header or
 * the tail differ from when it was made, an ID's usability or an order's rate changed, or a
 * row added since carries an entry ID (which might repeat one higher up).
 */
function bringUpToDate(
  kept: PiecesTally,
  end: { header: readonly CellValue[]; firstRow: number; rows: readonly (readonly CellValue[])[] },
  contents: LedgerContents,
  context: CodecContext,
  today: IsoDate,
): PiecesTally | null {
  const header = end.header.map((cell) => String(cell));
  if (JSON.stringify(trimmed(header)) !== JSON.stringify(trimmed([...kept.header]))) return null;
  const tailCount = kept.rows - kept.tailFrom + 1;
  const tail = end.rows.slice(0, tailCount);
  if (tail.length !== tailCount || hashRows(tail, context.timeZone) !== kept.tailHash) return null;
  if (!sameUsability(kept, contents, context, today)) return null;
  const added = end.rows.slice(tailCount);
  const entry = matchHeaders(PIECES, end.header).columns.entry;
  if (entry !== undefined && added.some((row) => String(row[entry - 1] ?? '').trim() !== '')) {
    return null;
  }
  const grown = addRows(kept, end.header, added, contents, context, today, 1);
  return retail(grown, end.rows, end.firstRow, context.timeZone);
}

/** The tally's tail moved to the last TAIL_ROWS rows of `rows` (sheet rows firstRow..). */
export function retail(
  tally: PiecesTally,
  rows: readonly (readonly CellValue[])[],
  firstRow: number,
  timeZone: string,
): PiecesTally {
  const last = firstRow + rows.length - 1;
  const tailFrom = Math.max(firstRow, 2, last - TAIL_ROWS + 1);
  return {
    ...tally,
    rows: Math.max(1, last),
    tailFrom,
    tailHash: hashRows(rows.slice(tailFrom - firstRow), timeZone),
  };
}

/** Directories of usable residents and orders, by ID key, from the tabs read now. */
function directoriesNow(contents: LedgerContents, context: CodecContext, today: IsoDate) {
  const { validated } = validateLedgerTabs(
    { ...contents, pieces: null, adjustments: null, partners: null },
    context,
    { today, readPartners: false },
  );
  return {
    residents: new Map(validated.residents.map((r) => [idKey(r.id), r])),
    orders: new Map(validated.orders.map((o) => [idKey(o.id), o])),
  };
}

function sameUsability(
  kept: PiecesTally,
  contents: LedgerContents,
  context: CodecContext,
  today: IsoDate,
): boolean {
  const now = directoriesNow(contents, context, today);
  for (const [key, usable] of Object.entries(kept.residents)) {
    if ((now.residents.has(key) ? 1 : 0) !== usable) return false;
  }
  for (const [key, usable] of Object.entries(kept.orders)) {
    if ((now.orders.has(key) ? 1 : 0) !== usable) return false;
  }
  for (const [key, rate] of Object.entries(kept.rates)) {
    if (now.orders.get(key)?.payRate !== rate) return false;
  }
  return true;
}

/**
 * `tally` with `rows` added, or taken away with sign −1: each row
 * checked by the validation Check data runs, against the residents and orders read now, and
 * only the usable ones counted. (Rows among themselves are checked too: two rows sharing an
 * entry ID are both errors, as on the whole tab.)
 */
export function addRows(
  tally: PiecesTally,
  header: readonly CellValue[],
  rows: readonly (readonly CellValue[])[],
  contents: LedgerContents,
  context: CodecContext,
  today: IsoDate,
  sign: 1 | -1,
): PiecesTally {
  if (rows.length === 0) return tally;
  const pieces: TabContents = { name: 'pieces', values: [header, ...rows] };
  const { validated } = validateLedgerTabs(
    { ...contents, pieces, adjustments: null, partners: null },
    context,
    { today, readPartners: false },
  );
  const residents = { ...tally.residents };
  const orders = { ...tally.orders };
  const rates = { ...tally.rates };
  const usableResidents = new Set(validated.residents.map((r) => idKey(r.id)));
  const usableOrders = new Map(validated.orders.map((o) => [idKey(o.id), o]));
  const columns = matchHeaders(PIECES, header).columns;
  for (const row of rows) {
    const residentKey = keyOf(row, columns.resident, context);
    const orderKey = keyOf(row, columns.order, context);
    if (residentKey !== null) residents[residentKey] = usableResidents.has(residentKey) ? 1 : 0;
    if (orderKey !== null) {
      const order = usableOrders.get(orderKey);
      orders[orderKey] = order ? 1 : 0;
      if (order) rates[orderKey] = order.payRate;
    }
  }
  const accepted = { ...tally.accepted };
  const work = { ...tally.work };
  for (const piece of validated.pieces) {
    const orderKey = idKey(piece.orderId);
    const residentKey = idKey(piece.residentId);
    const gained = sign * (piece.completed - piece.rejected);
    accepted[orderKey] = (accepted[orderKey] ?? 0) + gained;
    const month = monthOf(piece.date);
    if (month < tally.fromMonth) continue;
    const byMonth = { ...(work[residentKey] ?? {}) };
    const byOrder = { ...(byMonth[month] ?? {}) };
    const [a, r, n] = byOrder[orderKey] ?? [0, 0, 0];
    byOrder[orderKey] = [a + gained, r + sign * piece.rejected, n + sign];
    byMonth[month] = byOrder;
    work[residentKey] = byMonth;
  }
  return { ...tally, residents, orders, rates, accepted, work };
}

function keyOf(row: readonly CellValue[], column: number | undefined, context: CodecContext) {
  if (column === undefined) return null;
  const decoded = decodeId(row[column - 1] ?? '', context);
  return decoded.ok && decoded.value !== null ? idKey(decoded.value) : null;
}

/** Accepted pieces to date of the order (0 when none). */
export function acceptedOf(tally: PiecesTally, orderId: string): number {
  return tally.accepted[idKey(orderId)] ?? 0;
}

/**
 * A resident's pieces from the tally as PieceEntry records the payout computes with: one per
 * month and order, the counts summed (pay is accepted × rate summed, then rounded once per
 * resident and month, so summed rows pay the same as the rows themselves).
 */
export function residentPieces(
  tally: PiecesTally,
  resident: Resident,
  orders: readonly Order[],
): PieceEntry[] {
  const byKey = new Map(orders.map((o) => [idKey(o.id), o]));
  const pieces: PieceEntry[] = [];
  for (const [month, byOrder] of Object.entries(tally.work[idKey(resident.id)] ?? {})) {
    for (const [orderKey, [accepted, rejected, rows]] of Object.entries(byOrder)) {
      const order = byKey.get(orderKey);
      if (!order || rows <= 0) continue;
      pieces.push({
        row: 0,
        date: `${month}-01`,
        residentId: resident.id,
        orderId: order.id,
        completed: accepted + rejected,
        rejected,
        recordedBy: '',
        notes: '',
        entry: null,
      });
    }
  }
  return pieces;
}

/** A row as the hash sees it: dates as serial days, trailing empty cells dropped. */
function trimmed(row: readonly CellValue[], timeZone = 'UTC'): CellValue[] {
  const cells = row.map((cell) => {
    if (!(cell instanceof Date)) return cell;
    const day = dateInZone(cell, timeZone);
    return day === null ? '' : isoDateToSerial(day);
  });
  while (cells.length > 0 && (cells[cells.length - 1] === '' || cells[cells.length - 1] === null))
    cells.pop();
  return cells;
}

/** FNV-1a (two seeds) over the rows' JSON: rows read back the same hash the same. */
export function hashRows(rows: readonly (readonly CellValue[])[], timeZone: string): string {
  const text = JSON.stringify(rows.map((row) => trimmed(row, timeZone)));
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${rows.length}`;
}
