/**
 * Issue 17's invariant, shared by its two property tests (in memory, and through the built
 * command on .xlsx): random sequences of what staff do around month end — add, edit and delete
 * Pieces and Adjustments rows in open and closed months, change pay rates, generate, close in
 * any order (early closes with force included), check --correct, reopen, close again, sort the
 * Closings tab — then every change corrected and every month closed leave
 *
 *   Σ 本次发放 / Paid at this closing, per resident, over every Closings row
 *     = the exact pay over the final rows, per resident, to the fen
 *
 * (staff's own adjustments included, Gongfang's correction rows not counted). The exact pay is
 * worked out here by a model of its own, written apart from src/domain/payout.ts: whole numbers
 * only, rates in 1/10,000 yuan, each resident's month rounded once, half up. The Closings tab
 * is read back as cells and its Detail parsed here too, not with the product's decoder.
 */
import fc from 'fast-check';
import type { CellValue } from '../../src/workbook/cells';
import { ZH_HEADERS } from '../support/ledgerSheets';
import { orderRow, residentRow } from '../support/monthWorkbook';
import type { MonthSheets } from '../support/monthWorkbook';

export const RESIDENTS = ['R1', 'R2', 'R3'] as const;
export const ORDERS = ['A', 'B', 'C'] as const;
/** Pay rates in 1/10,000 yuan: 0.015, 0.333, 2.5, 1.2345, 0.5. */
export const RATE_UNITS = [150, 3330, 25_000, 12_345, 5000] as const;
export const MONTHS = ['2026-10', '2026-11', '2026-12', '2027-01'] as const;
/** Today moves on through the sequence (the `advance` step); it starts in the payday window. */
export const TODAYS = ['2026-12-05', '2026-12-20', '2027-01-05', '2027-01-25'] as const;
/** When every month is corrected and closed at the end: after all of them. */
export const FINAL_TODAY = '2027-03-15';

export interface Piece {
  month: number;
  day: number;
  resident: number;
  order: number;
  completed: number;
  rejected: number;
  /** How the resident's ID is typed on the row (SPELLINGS; the same resident): respell. */
  spelling?: number;
}
export interface StaffAdjustment {
  month: number;
  resident: number;
  fen: number;
  spelling?: number;
}

/** Ways to type an ID that still name the same resident (matching reads them alike). */
const SPELLINGS: readonly ((id: string) => string)[] = [
  (id) => id,
  (id) => id.toLowerCase(),
  (id) => id.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
  (id) => `${id.slice(0, 1)}\u200b${id.slice(1)}`,
  (id) => ` ${id} `,
];
const spelled = (id: string, spelling = 0): string => (SPELLINGS[spelling] ?? String)(id);

export type Step =
  | ({ kind: 'addPiece' } & Piece)
  | { kind: 'editPiece'; index: number; completed: number; rejected: number }
  | { kind: 'deletePiece'; index: number }
  | ({ kind: 'addAdjustment' } & StaffAdjustment)
  | { kind: 'editAdjustment'; index: number; fen: number }
  | { kind: 'deleteAdjustment'; index: number }
  | { kind: 'setRate'; order: number; rate: number }
  | { kind: 'generate'; month: number }
  | { kind: 'close'; month: number; force: boolean }
  | { kind: 'correct' }
  | { kind: 'reopen'; month: number | 'latest' }
  | { kind: 'advance' }
  | { kind: 'sortClosings'; seed: number }
  // The edge steps (edgeStepArb): what the steps above leave alone.
  | ({ kind: 'movePiece'; index: number } & Omit<Piece, 'completed' | 'rejected'>)
  | { kind: 'renameResident'; resident: number }
  | { kind: 'setActive'; resident: number; active: boolean }
  | { kind: 'removeResident'; resident: number }
  | { kind: 'setOrderStatus'; order: number; status: number }
  | { kind: 'check' }
  | { kind: 'editOwnRow'; index: number; fen: number | null }
  | { kind: 'respell'; adjustment: boolean; index: number; spelling: number };

const piece = fc
  .record({
    month: fc.nat(MONTHS.length - 1),
    day: fc.integer({ min: 1, max: 28 }),
    resident: fc.nat(RESIDENTS.length - 1),
    order: fc.nat(ORDERS.length - 1),
    completed: fc.nat(60),
    rejected: fc.nat(60),
  })
  .map((p) => ({ ...p, rejected: Math.min(p.rejected, p.completed) }));
const adjustment = fc.record({
  month: fc.nat(MONTHS.length - 1),
  resident: fc.nat(RESIDENTS.length - 1),
  fen: fc.integer({ min: -3000, max: 3000 }),
});

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: piece.map((p) => ({ kind: 'addPiece' as const, ...p })), weight: 4 },
  {
    arbitrary: fc
      .record({ index: fc.nat(), completed: fc.nat(60), rejected: fc.nat(60) })
      .map((e) => ({ kind: 'editPiece' as const, ...e })),
    weight: 3,
  },
  { arbitrary: fc.nat().map((index) => ({ kind: 'deletePiece' as const, index })), weight: 1 },
  { arbitrary: adjustment.map((a) => ({ kind: 'addAdjustment' as const, ...a })), weight: 2 },
  {
    arbitrary: fc
      .record({ index: fc.nat(), fen: fc.integer({ min: -3000, max: 3000 }) })
      .map((e) => ({ kind: 'editAdjustment' as const, ...e })),
    weight: 1,
  },
  { arbitrary: fc.nat().map((index) => ({ kind: 'deleteAdjustment' as const, index })), weight: 1 },
  {
    arbitrary: fc
      .record({ order: fc.nat(ORDERS.length - 1), rate: fc.nat(RATE_UNITS.length - 1) })
      .map((r) => ({ kind: 'setRate' as const, ...r })),
    weight: 1,
  },
  {
    arbitrary: fc.nat(MONTHS.length - 1).map((month) => ({ kind: 'generate' as const, month })),
    weight: 1,
  },
  {
    arbitrary: fc
      .record({ month: fc.nat(MONTHS.length - 1), force: fc.boolean() })
      .map((c) => ({ kind: 'close' as const, ...c })),
    weight: 4,
  },
  { arbitrary: fc.constant({ kind: 'correct' as const }), weight: 3 },
  {
    arbitrary: fc
      .oneof(fc.constant('latest' as const), fc.nat(MONTHS.length - 1))
      .map((month) => ({ kind: 'reopen' as const, month })),
    weight: 2,
  },
  { arbitrary: fc.constant({ kind: 'advance' as const }), weight: 1 },
  {
    arbitrary: fc.integer().map((seed) => ({ kind: 'sortClosings' as const, seed })),
    weight: 1,
  },
);

/** 状态 / Status values an order may be given (a closed order's rows are still paid). */
export const ORDER_STATUSES = ['进行中', '已完成', '已取消'] as const;

/**
 * What staff do that the steps above never do: a slip re-dated into another month or given to
 * another resident or order; a resident's ID retyped as another ID (in 居民 and on all their
 * rows); a resident marked 否 in 在册, or deleted from 居民 (their rows then have errors until
 * the row comes back: put back before the end); an order marked done or cancelled; Check data
 * (marking the cells) between steps.
 */
export const edgeStepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: stepArb, weight: 12 },
  {
    arbitrary: fc
      .record({
        index: fc.nat(),
        month: fc.nat(MONTHS.length - 1),
        day: fc.integer({ min: 1, max: 28 }),
        resident: fc.nat(RESIDENTS.length - 1),
        order: fc.nat(ORDERS.length - 1),
      })
      .map((m) => ({ kind: 'movePiece' as const, ...m })),
    weight: 2,
  },
  {
    arbitrary: fc
      .nat(RESIDENTS.length - 1)
      .map((resident) => ({ kind: 'renameResident' as const, resident })),
    weight: 1,
  },
  {
    arbitrary: fc
      .record({ resident: fc.nat(RESIDENTS.length - 1), active: fc.boolean() })
      .map((a) => ({ kind: 'setActive' as const, ...a })),
    weight: 1,
  },
  {
    arbitrary: fc
      .nat(RESIDENTS.length - 1)
      .map((resident) => ({ kind: 'removeResident' as const, resident })),
    weight: 1,
  },
  {
    arbitrary: fc
      .record({ order: fc.nat(ORDERS.length - 1), status: fc.nat(ORDER_STATUSES.length - 1) })
      .map((o) => ({ kind: 'setOrderStatus' as const, ...o })),
    weight: 1,
  },
  { arbitrary: fc.constant({ kind: 'check' as const }), weight: 1 },
  {
    arbitrary: fc
      .record({
        adjustment: fc.boolean(),
        index: fc.nat(),
        spelling: fc.nat(SPELLINGS.length - 1),
      })
      .map((r) => ({ kind: 'respell' as const, ...r })),
    weight: 1,
  },
  {
    arbitrary: fc
      .record({ index: fc.nat(), fen: fc.option(fc.integer({ min: -3000, max: 3000 })) })
      .map((e) => ({ kind: 'editOwnRow' as const, ...e })),
    weight: 3,
  },
);

/** Found by this property: R2's ID retyped as N2 after closing paid N2 again (docs/month.md). */
export const RETYPED_ID: Step[] = [
  { kind: 'addAdjustment', month: 2, resident: 1, fen: -1 },
  { kind: 'close', month: 2, force: true },
  { kind: 'renameResident', resident: 1 },
  { kind: 'correct' },
];

/** The rows staff keep, as the model holds them (Gongfang's own rows live in the workbook). */
export interface Model {
  rates: number[];
  pieces: Piece[];
  adjustments: StaffAdjustment[];
  /** Each resident's ID now (renameResident gives another). */
  ids: string[];
  active: boolean[];
  /** Residents whose row was deleted from 居民 (put back before the end). */
  removed: boolean[];
  /** Each order's 状态, an index in ORDER_STATUSES. */
  status: number[];
  /** IDs given up by renameResident; put back on 居民 (在册 否) at the end, as Check data asks. */
  formerIds: string[];
  formerBack: boolean;
}

export function initialModel(): Model {
  return {
    rates: [150, 3330, 25_000],
    pieces: [],
    adjustments: [],
    ids: [...RESIDENTS],
    active: RESIDENTS.map(() => true),
    removed: RESIDENTS.map(() => false),
    status: ORDERS.map(() => 0),
    formerIds: [],
    formerBack: false,
  };
}

/** A resident's other ID: R1 ⇄ N1 (never a retyping of the same ID). */
const otherId = (id: string): string =>
  id.startsWith('R') ? `N${id.slice(1)}` : `R${id.slice(1)}`;

const monthOf = (index: number): string => MONTHS[index] as string;
const dateOf = (p: Piece): string => `${monthOf(p.month)}-${String(p.day).padStart(2, '0')}`;

/** Applies an edit step to the model; false for a step that is not an edit. */
export function applyEdit(model: Model, step: Step): boolean {
  const at = <T>(list: T[], index: number): number =>
    list.length === 0 ? -1 : index % list.length;
  switch (step.kind) {
    case 'addPiece': {
      const { kind: _kind, ...p } = step;
      model.pieces.push(p);
      return true;
    }
    case 'editPiece': {
      const i = at(model.pieces, step.index);
      const p = model.pieces[i];
      if (p)
        Object.assign(p, {
          completed: step.completed,
          rejected: Math.min(step.rejected, step.completed),
        });
      return true;
    }
    case 'deletePiece': {
      const i = at(model.pieces, step.index);
      if (i >= 0) model.pieces.splice(i, 1);
      return true;
    }
    case 'addAdjustment': {
      const { kind: _kind, ...a } = step;
      model.adjustments.push(a);
      return true;
    }
    case 'editAdjustment': {
      const a = model.adjustments[at(model.adjustments, step.index)];
      if (a) a.fen = step.fen;
      return true;
    }
    case 'deleteAdjustment': {
      const i = at(model.adjustments, step.index);
      if (i >= 0) model.adjustments.splice(i, 1);
      return true;
    }
    case 'setRate':
      model.rates[step.order] = RATE_UNITS[step.rate] as number;
      return true;
    case 'movePiece': {
      const p = model.pieces[at(model.pieces, step.index)];
      const { kind: _kind, index: _index, ...to } = step;
      if (p) Object.assign(p, to);
      return true;
    }
    case 'renameResident': {
      const id = model.ids[step.resident] as string;
      if (!model.formerIds.includes(id)) model.formerIds.push(id);
      model.ids[step.resident] = otherId(id);
      return true;
    }
    case 'setActive':
      model.active[step.resident] = step.active;
      return true;
    case 'removeResident':
      model.removed[step.resident] = !model.removed[step.resident];
      return true;
    case 'setOrderStatus':
      model.status[step.order] = step.status;
      return true;
    case 'respell': {
      const rows: { spelling?: number }[] = step.adjustment ? model.adjustments : model.pieces;
      const row = rows[at(rows, step.index)];
      if (row) row.spelling = step.spelling;
      return true;
    }
    default:
      return false;
  }
}

/** The source tabs as staff would type them (Chinese headers); staff's Adjustments rows only. */
export function sourceSheets(model: Model): MonthSheets {
  return {
    residents: [
      ...model.ids
        .map((id, i) => residentRow(id, `居民${i + 1}`, '困难户', model.active[i] ? '是' : '否'))
        .filter((_row, i) => !model.removed[i]),
      ...model.formerIds
        .filter((id) => model.formerBack && !model.ids.includes(id))
        .map((id) => residentRow(id, `旧编号${id}`, '困难户', '否')),
    ],
    orders: ORDERS.map((id, i) =>
      orderRow(id, `产品${id}`, '组装', (model.rates[i] as number) / 10_000, {
        received: '2026-01-01',
        status: ORDER_STATUSES[model.status[i] as number],
      }),
    ),
    pieces: model.pieces.map((p) => [
      dateOf(p),
      spelled(model.ids[p.resident] as string, p.spelling),
      ORDERS[p.order] as string,
      p.completed,
      p.rejected,
      '',
      '',
      '',
    ]),
    adjustments: model.adjustments.map((a) => [
      monthOf(a.month),
      spelled(model.ids[a.resident] as string, a.spelling),
      a.fen / 100,
      '奖励或扣款',
    ]),
  };
}

/**
 * The exact pay per resident over every month of the model, in fen: per month, accepted pieces
 * times the order's rate summed in 1/10,000 yuan, rounded once half up (all amounts here are
 * ≥ 0), plus the resident's adjustments of the month. Written without the product's code.
 */
export function exactPay(model: Model, month?: string): Map<string, number> {
  const inMonth = (row: { month: number }) => month === undefined || monthOf(row.month) === month;
  const units = new Map<string, number>();
  for (const p of model.pieces.filter(inMonth)) {
    const key = `${p.month}|${p.resident}`;
    const rate = model.rates[p.order] as number;
    units.set(key, (units.get(key) ?? 0) + (p.completed - p.rejected) * rate);
  }
  const pay = new Map<string, number>();
  const add = (resident: number, fen: number) => {
    const id = model.ids[resident] as string;
    pay.set(id, (pay.get(id) ?? 0) + fen);
  };
  for (const [key, total] of units) {
    const resident = Number(key.split('|')[1]);
    add(resident, Math.floor((total + 50) / 100));
  }
  for (const a of model.adjustments.filter(inMonth)) add(a.resident, a.fen);
  return new Map([...pay].filter(([, fen]) => fen !== 0));
}

const fenSum = (values: Iterable<number>): number => [...values].reduce((sum, fen) => sum + fen, 0);

/**
 * A closed month stays whole when its corrections are written: its exact pay now (staff's rows
 * and the correction rows that landed in it) = Σ 本次发放 over its closings + every correction
 * row of it (withdrawals included). Rows read as cells, sums in fen.
 */
function expectMonthWhole(
  model: Model,
  month: string,
  closings: readonly (readonly CellValue[])[],
  adjustments: readonly (readonly CellValue[])[],
): void {
  const [header = [], ...data] = closings;
  const col = (name: string) => header.map(String).indexOf(name);
  const [at, paid] = [col('结账时间'), col('本次发放')];
  const fen = (cell: CellValue | undefined) => Math.round(Number(cell ?? 0) * 100);
  const handedOut = data
    .filter((row) => String(row[0]) === month && String(row[at] ?? '') !== '')
    .map((row) => fen(row[paid]));
  const own = adjustments.slice(1).filter((row) => String(row[ADJUSTMENT_CORRECTS] ?? '') !== '');
  const landed = own.filter((row) => String(row[0]) === month).map((row) => fen(row[2]));
  const corrections = own
    .filter((row) => String(row[ADJUSTMENT_CORRECTS]) === month)
    .map((row) => fen(row[2]));
  expect({ month, now: fenSum(exactPay(model, month).values()) + fenSum(landed) }).toEqual({
    month,
    now: fenSum(handedOut) + fenSum(corrections),
  });
}

/**
 * What every closing handed out, per resident, read from the Closings cells: the rows with a
 * "closed at", their Detail cells (明细, 明细 2, …) joined, each entry's last field the fen
 * paid at that closing (`v3;n=…;p=…;<id>=<net>:<digest>:<corrected>:<paid>;…`). Also the
 * Paid at this closing column summed, in fen.
 */
export function paidFromClosings(rows: readonly (readonly CellValue[])[]): {
  perResident: Map<string, number>;
  column: number;
} {
  const [header = [], ...data] = rows;
  const names = header.map((h) => String(h));
  const closedAt = names.indexOf('结账时间');
  const paidColumn = names.indexOf('本次发放');
  const detail = names
    .map((name, i) => ({ name, i, part: /^明细(?: (\d+))?$/.exec(name) }))
    .filter((d) => d.part !== null)
    .sort((a, b) => Number(a.part?.[1] ?? 1) - Number(b.part?.[1] ?? 1))
    .map((d) => d.i);
  const perResident = new Map<string, number>();
  let column = 0;
  for (const row of data) {
    if (String(row[closedAt] ?? '') === '') continue;
    column += Math.round(Number(row[paidColumn] ?? 0) * 100);
    const text = detail
      .map((i) => String(row[i] ?? ''))
      .filter((t) => t !== '')
      .join(';');
    const [format, count, cells, ...entries] = text.split(';');
    if (format !== 'v3' || !count?.startsWith('n=') || !cells?.startsWith('p=')) {
      throw new Error(`not a v3 Detail: ${text.slice(0, 80)}`);
    }
    if (entries.length !== Number(count.slice(2))) throw new Error('Detail cut short');
    for (const entry of entries) {
      const [id = '', fields = ''] = entry.split('=');
      const paid = Number(fields.split(':')[3]);
      perResident.set(
        decodeURIComponent(id),
        (perResident.get(decodeURIComponent(id)) ?? 0) + paid,
      );
    }
  }
  return { perResident: new Map([...perResident].filter(([, fen]) => fen !== 0)), column };
}

export type Outcome = { readonly ok: true } | { readonly ok: false; readonly key: string };

/** What a backend does for the sequence: source rows written, and the four commands. */
export interface Backend {
  /** Writes the model's source rows, keeping what Gongfang wrote (Closings, its Adjustments rows). */
  sync(model: Model, today: string): Promise<void>;
  generate(month: string, today: string): Promise<Outcome>;
  close(month: string, today: string, force: boolean): Promise<Outcome>;
  /** Check data with Yes (`check --correct`): the rows written. */
  correct(today: string): Promise<number>;
  reopen(month: string, today: string): Promise<Outcome>;
  /** The rows of a tab as cells (header first); [] when it does not exist. */
  rows(tab: '结账' | '调整'): Promise<CellValue[][]>;
  /** Puts the Closings data rows in another order (as staff sorting the tab would). */
  sortClosings(seed: number): Promise<void>;
  /** Check data with its cells marked, answered No (`check --mark`): the edge steps only. */
  check?(today: string): Promise<void>;
  /**
   * Staff change one of Gongfang's own Adjustments rows (a correction or a withdrawal; the
   * `index`th modulo their number): its amount becomes `fen`, or the row is deleted (null).
   */
  editOwnRow?(index: number, fen: number | null): Promise<void>;
}

/** Refusals a step may meet; anything else fails the property. */
const EXPECTED: Record<'generate' | 'close' | 'reopen', readonly string[]> = {
  generate: ['genClosedChanged', 'genClosedCorrected', 'monthFarFromRows'],
  close: ['closeAlreadyClosed', 'closeFutureMonth', 'closeNeedsConfirm', 'monthFarFromRows'],
  reopen: ['reopenNotClosed', 'reopenNotLatest'],
};

function expectOutcome(
  command: keyof typeof EXPECTED,
  outcome: Outcome,
  also: readonly string[] = [],
): void {
  if (!outcome.ok) expect([...EXPECTED[command], ...also]).toContain(outcome.key);
}

const ADJUSTMENT_CORRECTS = ZH_HEADERS.adjustments.length; // 更正月份, added after the four

/** Whether every one of Gongfang's Adjustments rows names a resident on 居民 (else an error). */
function ownRowsSound(model: Model, adjustments: readonly (readonly CellValue[])[]): boolean {
  const onResidents = new Set([
    ...model.ids.filter((_id, i) => !model.removed[i]),
    ...(model.formerBack ? model.formerIds : []),
  ]);
  return adjustments
    .slice(1)
    .filter((row) => String(row[ADJUSTMENT_CORRECTS] ?? '') !== '')
    .every((row) => onResidents.has(String(row[1])));
}

/** Runs one sequence on a backend, then corrects and closes every month and checks the sum. */
export async function runSequence(backend: Backend, steps: readonly Step[]): Promise<void> {
  const model = initialModel();
  const closed = new Set<string>();
  /** Months closed at least once: a reopened one is closed again at the end. */
  const everClosed = new Set<string>();
  let today: string = TODAYS[0];
  let dirty = true;
  const sync = async () => {
    if (dirty) await backend.sync(model, today);
    dirty = false;
  };
  const correct = async (on: string) => {
    await sync();
    const before = (await backend.rows('调整')).length;
    const written = await backend.correct(on);
    const rows = await backend.rows('调整');
    expect(rows.length - before).toBe(written);
    // Each lands in the earliest month after the one it corrects that is not closed.
    for (const row of rows.slice(before)) {
      const corrected = String(row[ADJUSTMENT_CORRECTS]);
      let month = nextMonth(corrected);
      while (closed.has(month)) month = nextMonth(month);
      expect(String(row[0])).toBe(month);
    }
    // Never a part of a month's corrections: the month corrected is paid in full, once. (While
    // one of Gongfang's rows names an ID no longer on 居民, that row has an error and is not
    // paid, nor counted as a correction: the month is whole again once it is fixed.)
    const sound = ownRowsSound(model, rows);
    const corrected = new Set(rows.slice(before).map((row) => String(row[ADJUSTMENT_CORRECTS])));
    const closings = corrected.size > 0 && sound ? await backend.rows('结账') : [];
    if (sound) for (const month of corrected) expectMonthWhole(model, month, closings, rows);
    return written;
  };
  for (const step of steps) {
    if (applyEdit(model, step)) {
      dirty = true;
      continue;
    }
    switch (step.kind) {
      case 'generate':
        await sync();
        expectOutcome('generate', await backend.generate(monthOf(step.month), today));
        break;
      case 'close': {
        await sync();
        const month = monthOf(step.month);
        const outcome = await backend.close(month, today, step.force);
        // A resident deleted from 居民, or an ID retyped that one of Gongfang's rows still
        // names, leaves rows with errors, which block closing.
        const errors =
          !outcome.ok &&
          (model.removed.includes(true) || !ownRowsSound(model, await backend.rows('调整')));
        expectOutcome('close', outcome, errors ? ['closeBlocked'] : []);
        if (outcome.ok) closed.add(month);
        if (outcome.ok) everClosed.add(month);
        break;
      }
      case 'correct':
        await correct(today);
        break;
      case 'reopen': {
        await sync();
        const latest = [...closed].sort().at(-1);
        const month = step.month === 'latest' ? latest : monthOf(step.month);
        if (month === undefined) break;
        const outcome = await backend.reopen(month, today);
        expectOutcome('reopen', outcome);
        if (outcome.ok) closed.delete(month);
        break;
      }
      case 'advance':
        today = TODAYS[Math.min(TODAYS.indexOf(today as never) + 1, TODAYS.length - 1)] as string;
        break;
      case 'sortClosings':
        await backend.sortClosings(step.seed);
        break;
      case 'check':
        await sync();
        await backend.check?.(today);
        break;
      case 'editOwnRow':
        await sync();
        await backend.editOwnRow?.(step.index, step.fen);
        break;
      default:
        break;
    }
  }
  // A resident deleted from 居民 is put back (staff fix the rows with errors), and IDs given up
  // come back marked 否 (as Check data asks, to correct what was paid under them), before the end.
  if (model.removed.includes(true) || model.formerIds.length > 0) {
    model.removed = model.removed.map(() => false);
    model.formerBack = true;
    dirty = true;
  }
  await sync();
  // Every change corrected, every month with rows (or closed once) closed: corrections may
  // land in one more.
  for (let round = 0; round < 4; round += 1) {
    const written = await correct(FINAL_TODAY);
    const adjustmentMonths = (await backend.rows('调整')).slice(1).map((row) => String(row[0]));
    const months = new Set([
      ...model.pieces.map((p) => monthOf(p.month)),
      ...adjustmentMonths,
      ...everClosed,
    ]);
    let closedNow = 0;
    for (const month of [...months].sort()) {
      if (closed.has(month)) continue;
      const outcome = await backend.close(month, FINAL_TODAY, true);
      expect(outcome).toEqual({ ok: true });
      closed.add(month);
      closedNow += 1;
    }
    if (written === 0 && closedNow === 0) break;
  }
  expect(await backend.correct(FINAL_TODAY)).toBe(0);
  const expected = exactPay(model);
  const paid = paidFromClosings(await backend.rows('结账'));
  expect(paid.perResident).toEqual(expected);
  expect(paid.column).toBe([...expected.values()].reduce((sum, fen) => sum + fen, 0));
}

function nextMonth(month: string): string {
  const [year = 0, m = 0] = month.split('-').map(Number);
  const index = year * 12 + m;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Sequences of 1 to `max` steps. */
export const stepsArb = (max: number) => fc.array(stepArb, { minLength: 1, maxLength: max });
/**
 * A month end as staff live it, which random steps alone seldom reach: a month closed, then
 * something changed, then Check data answered Yes.
 */
const episodeArb: fc.Arbitrary<Step[]> = fc
  .tuple(fc.nat(MONTHS.length - 1), fc.array(edgeStepArb, { minLength: 1, maxLength: 3 }))
  .map(([month, edits]) => [
    { kind: 'close' as const, month, force: true },
    ...edits,
    { kind: 'correct' as const },
  ]);

/** Sequences of 1 to about `max` steps, the edge steps and month-end episodes among them. */
export const edgeStepsArb = (max: number) =>
  fc
    .array(
      fc.oneof(
        { arbitrary: edgeStepArb.map((step) => [step]), weight: 3 },
        { arbitrary: episodeArb, weight: 1 },
      ),
      { minLength: 1, maxLength: Math.max(1, Math.round(max / 2)), size: 'max' },
    )
    .map((chunks) => chunks.flat());
