/** Rules for the Pieces and Adjustments tabs, which point at residents and orders. */
import type { Adjustment, IsoDate, MonthKey, Order, PieceEntry, Resident } from '../records';
import { monthOf } from '../dates';
import type { Decoded, ValidationCode, ValidationProblem } from './codes';
import type { AdjustmentDraft, PieceDraft } from './drafts';
import { RowProblems, TabProblems, idKey, reportShared } from './problemList';
import { MAX_AMOUNT_FEN, MAX_AMOUNT_YUAN, MAX_PIECES_PER_ROW, MAX_ROW_PAY_UNITS } from '../limits';
import { plainNumberText } from '../money';
import { FIRST, firstAlike } from './firstAlike';

/** The rows another tab may point at: usable ones by ID key, and every ID on the tab. */
export interface Directory<R extends { readonly id: string }> {
  readonly usable: ReadonlyMap<string, R>;
  readonly allIds: ReadonlySet<string>;
}

export function directory<R extends { readonly id: string }>(
  records: readonly R[],
  allIds: ReadonlySet<string>,
): Directory<R> {
  return { usable: new Map(records.map((r) => [idKey(r.id), r])), allIds };
}

interface ReferenceCodes {
  readonly missing: ValidationCode;
  readonly unknown: ValidationCode;
  readonly invalid: ValidationCode;
}

const RESIDENT_CODES: ReferenceCodes = {
  missing: 'residentMissing',
  unknown: 'residentUnknown',
  invalid: 'residentInvalid',
};
const ORDER_CODES: ReferenceCodes = {
  missing: 'orderMissing',
  unknown: 'orderUnknown',
  invalid: 'orderInvalid',
};

/** The usable row a reference points at; anything else is an error on the reference. */
function resolve<R extends { readonly id: string }>(
  check: RowProblems,
  column: string,
  decoded: Decoded<string | null>,
  target: Directory<R>,
  codes: ReferenceCodes,
): R | null {
  const id = check.required(column, decoded, codes.missing);
  if (id === null) return null;
  const found = target.usable.get(idKey(id));
  if (found) return found;
  check.error(column, target.allIds.has(idKey(id)) ? codes.invalid : codes.unknown, { value: id });
  return null;
}

/** What a Pieces or Adjustments row needs to know of the resident it names. */
export type ResidentRef = Pick<Resident, 'id' | 'active'>;
/** What a Pieces row needs to know of the order it names. */
export type OrderRef = Pick<Order, 'id' | 'status' | 'received' | 'quantity' | 'payRate'>;

export interface PieceContext {
  readonly today: IsoDate;
  readonly residents: Directory<ResidentRef>;
  readonly orders: Directory<OrderRef>;
  /**
   * Months already closed (结账). Their rows were checked when the month closed and its
   * fingerprint guards them, so a resident who has since left or an order since finished is no
   * news there: "resident not active" and "order done or cancelled" are meant for rows recorded
   * by mistake after that, which land in months still open.
   */
  readonly closedMonths: ReadonlySet<MonthKey>;
}

export interface CheckedPieces {
  readonly pieces: PieceEntry[];
  readonly problems: ValidationProblem[];
}

/** One Pieces row's own rules: its cells, and the resident and order it names. */
export function pieceRow(d: PieceDraft, check: RowProblems, context: PieceContext): PieceEntry {
  const date = check.required('date', d.date, 'dateMissing');
  const resident = resolve(check, 'resident', d.resident, context.residents, RESIDENT_CODES);
  const order = resolve(check, 'order', d.order, context.orders, ORDER_CODES);
  const completed = check.required('completed', d.completed, 'countMissing');
  const rejected = check.take('rejected', d.rejected, 'error', null) ?? 0;
  if (completed !== null && rejected > completed) {
    check.error('rejected', 'rejectedOverCompleted', {
      value: String(rejected),
      other: String(completed),
    });
  }
  checkCountLimits(check, completed, rejected);
  const accepted = (completed ?? 0) - rejected;
  if (order && !check.hasError && accepted * order.payRate > MAX_ROW_PAY_UNITS) {
    check.error('completed', 'rowPayTooLarge', {
      value: plainNumberText((accepted * order.payRate) / 10_000),
      other: plainNumberText(MAX_AMOUNT_YUAN),
    });
  }
  const inactive = resident !== null && !resident.active;
  const closed = order !== null && order.status !== 'open';
  // Whether the row's month is closed matters only for these two warnings: most rows skip it.
  if ((inactive || closed) && !settledRow(date, context)) {
    if (inactive) check.warning('resident', 'residentInactive', { value: resident.id });
    if (closed) check.warning('order', 'orderClosed', { value: order.id, other: order.status });
  }
  if (date !== null && date > context.today) {
    check.warning('date', 'dateInFuture', { value: date, other: context.today });
  }
  if (date !== null && order?.received && date < order.received) {
    check.warning('date', 'dateBeforeReceived', { value: date, other: order.received });
  }
  return {
    row: d.row,
    date: date ?? context.today,
    residentId: resident?.id ?? '',
    orderId: order?.id ?? '',
    completed: completed ?? 0,
    rejected,
    recordedBy: check.take('recordedBy', d.recordedBy, 'warning', ''),
    notes: check.take('notes', d.notes, 'warning', ''),
    entry: check.take('entry', d.entry, 'warning', null),
  };
}

/** Whether the row falls in a month already closed (PieceContext.closedMonths). */
function settledRow(date: IsoDate | null, context: PieceContext): boolean {
  return date !== null && context.closedMonths.has(monthOf(date));
}

/** A count beyond one row's limit is a slip (a scanned barcode), never pieces to pay. */
function checkCountLimits(check: RowProblems, completed: number | null, rejected: number): void {
  if (completed !== null && completed > MAX_PIECES_PER_ROW) {
    check.error('completed', 'countTooLarge', {
      value: String(completed),
      other: String(MAX_PIECES_PER_ROW),
    });
  }
  if (rejected > MAX_PIECES_PER_ROW) {
    check.error('rejected', 'countTooLarge', {
      value: String(rejected),
      other: String(MAX_PIECES_PER_ROW),
    });
  }
}

/** Whether two rows have the same date, resident, order and counts. */
function lookAlike(a: PieceEntry, b: PieceEntry): boolean {
  return (
    a.date === b.date &&
    a.residentId === b.residentId &&
    a.orderId === b.orderId &&
    a.completed === b.completed &&
    a.rejected === b.rejected
  );
}

/** FNV-1a over the fields lookAlike compares: rows that look alike hash alike. */
function lookalikeHash(piece: PieceEntry): number {
  const hash = Math.imul(2166136261 ^ piece.completed, 16777619) ^ piece.rejected;
  return mixText(mixText(mixText(hash, piece.date), piece.residentId), piece.orderId);
}

function mixText(hash: number, text: string): number {
  let mixed = hash;
  for (let i = 0; i < text.length; i += 1) mixed = Math.imul(mixed ^ text.charCodeAt(i), 16777619);
  return Math.imul(mixed ^ 0x1f, 16777619);
}

/**
 * Each row that looks like an earlier one, with the first such row. Rows are found by a number
 * made from their fields rather than keyed by a text, which a million rows make slow; rows
 * with the same number are compared field by field, so a shared hash never makes rows alike.
 */
export function lookalikes(pieces: readonly PieceEntry[]): [row: number, first: number][] {
  const found: [number, number][] = [];
  const hashes = new Int32Array(pieces.length);
  for (let i = 0; i < pieces.length; i += 1) hashes[i] = lookalikeHash(pieces[i] as PieceEntry);
  const first = firstAlike(hashes, (j, i) =>
    lookAlike(pieces[j] as PieceEntry, pieces[i] as PieceEntry),
  );
  for (let i = 0; i < pieces.length; i += 1) {
    const j = first[i] ?? FIRST;
    if (j !== FIRST) found.push([(pieces[i] as PieceEntry).row, (pieces[j] as PieceEntry).row]);
  }
  return found;
}

/** Same date, resident, order and counts as an earlier row: a warning on each later row. */
function warnLookalikes(pieces: readonly PieceEntry[], checks: TabProblems): void {
  for (const [row, first] of lookalikes(pieces)) {
    checks.of(row).warning(null, 'looksDuplicate', { other: String(first) });
  }
}

/** Accepted pieces to date beyond the order's quantity: a warning on the row that crosses it. */
function warnOverQuantity(
  pieces: readonly PieceEntry[],
  orders: Directory<OrderRef>,
  checks: TabProblems,
): void {
  // Accepted counts are never negative here (rejected > completed is an error), so the total
  // to date only grows: when the whole order stays within its quantity, no row crosses it.
  // Totals first, so rows are gathered only for the few orders over their quantity.
  const totals = new Map<string, number>();
  for (const piece of pieces) {
    totals.set(piece.orderId, (totals.get(piece.orderId) ?? 0) + piece.completed - piece.rejected);
  }
  const quantities = new Map<string, number>();
  for (const [orderId, total] of totals) {
    const quantity = orders.usable.get(idKey(orderId))?.quantity;
    if (quantity !== null && quantity !== undefined && total > quantity) {
      quantities.set(orderId, quantity);
    }
  }
  if (quantities.size === 0) return;
  const byOrder = new Map<string, PieceEntry[]>();
  for (const piece of pieces) {
    if (!quantities.has(piece.orderId)) continue;
    const entries = byOrder.get(piece.orderId);
    if (entries) entries.push(piece);
    else byOrder.set(piece.orderId, [piece]);
  }
  for (const [orderId, entries] of byOrder) {
    const quantity = quantities.get(orderId) as number;
    const inOrder = [...entries].sort((a, b) =>
      a.date === b.date ? a.row - b.row : a.date < b.date ? -1 : 1,
    );
    let accepted = 0;
    const crossing = inOrder.find((piece) => {
      accepted += piece.completed - piece.rejected;
      return accepted > quantity;
    });
    if (crossing === undefined) continue;
    checks.of(crossing.row).warning('completed', 'quantityExceeded', {
      value: String(accepted),
      other: String(quantity),
    });
  }
}

/** Piece rows checked one by one, then against each other; rows with errors are left out. */
export function checkPieces(drafts: Iterable<PieceDraft>, context: PieceContext): CheckedPieces {
  const checks = new TabProblems('pieces');
  const built: PieceEntry[] = [];
  for (const d of drafts) {
    const check = new RowProblems('pieces', d.row);
    built.push(pieceRow(d, check, context));
    checks.keep(check);
  }
  reportShared(
    built,
    (p) => p.entry,
    (row) => checks.of(row),
    'entry',
    'duplicateEntry',
  );
  const pieces = built.filter((p) => !checks.hasError(p.row));
  warnLookalikes(pieces, checks);
  warnOverQuantity(pieces, context.orders, checks);
  return { pieces, problems: checks.problems() };
}

export interface CheckedAdjustments {
  readonly adjustments: Adjustment[];
  readonly problems: ValidationProblem[];
}

export function checkAdjustments(
  drafts: readonly AdjustmentDraft[],
  residents: Directory<ResidentRef>,
): CheckedAdjustments {
  const adjustments: Adjustment[] = [];
  const problems: ValidationProblem[] = [];
  for (const d of drafts) {
    const check = new RowProblems('adjustments', d.row);
    const adjustment = adjustmentRow(d, check, residents);
    if (adjustment !== null) adjustments.push(adjustment);
    problems.push(...check.problems);
  }
  return { adjustments, problems };
}

/** One Adjustments row's rules; null when an error leaves it out. */
export function adjustmentRow(
  d: AdjustmentDraft,
  check: RowProblems,
  residents: Directory<ResidentRef>,
): Adjustment | null {
  const month = check.required('month', d.month, 'monthMissing');
  const resident = resolve(check, 'resident', d.resident, residents, RESIDENT_CODES);
  const amount = check.required('amount', d.amount, 'amountMissing');
  if (amount !== null && Math.abs(amount) > MAX_AMOUNT_FEN) {
    check.error('amount', 'amountTooLarge', {
      value: plainNumberText(amount / 100),
      other: plainNumberText(MAX_AMOUNT_YUAN),
    });
  }
  const reason = check.take('reason', d.reason, 'warning', '');
  const correctsMonth = d.correctsMonth
    ? check.take('correctsMonth', d.correctsMonth, 'error', null)
    : null;
  if (month === null || !resident || amount === null || check.hasError) return null;
  const adjustment = { row: d.row, month, residentId: resident.id, amount, reason };
  // Only Gongfang's correction rows carry the field, so other adjustments read as before.
  return correctsMonth === null ? adjustment : { ...adjustment, correctsMonth };
}
