/**
 * The sidebars' endpoints over the emulated Apps Script: what they write, that a retried or
 * repeated submit writes nothing twice, Undo, closed months, and their service-call budgets on
 * 1,000 and 100,000 Pieces rows (each endpoint call is one execution, as google.script.run runs it).
 */
import type { Emulator } from '../emulator';
import {
  recordPiecesInfo,
  residentCard,
  residentLookupInfo,
  saveNewOrder,
  saveNewResident,
  newResidentInfo,
  newOrderInfo,
  submitPiecesBatch,
  undoPiecesBatch,
  showRecordPiecesSidebar,
} from '../../src/apps-script/sidebars';
import { callsOf, installEmulator, pieceRows, seedWorkshop } from '../apps-script/support';
import type { PiecesBatch } from '../../src/features/recordPieces';

const NOW = new Date('2026-11-20T02:00:00Z');
/** Measured; each the same on 1,000 and 100,000 Pieces rows. See docs/sidebars.md. */
const BUDGET = { menu: 6, recordInfo: 4, submit: 7, undo: 7, lookUpInfo: 4, card: 4 };

let emulator: Emulator;
let uninstall: () => void;

function install(pieces: unknown[][]): void {
  const installed = installEmulator({
    locale: 'zh_CN',
    htmlFiles: { 'record-pieces': '<p>page</p>' },
  });
  emulator = installed.emulator;
  uninstall = installed.uninstall;
  seedWorkshop(emulator, pieces);
}

beforeEach(() => {
  jest.useFakeTimers({
    now: NOW,
    doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout'],
  });
});
afterEach(() => {
  uninstall?.();
  jest.useRealTimers();
});

function batch(
  lines: [string, string, string, string][],
  entryKey = 'ABCDEFGH',
  acceptWarnings = false,
): PiecesBatch {
  return {
    date: '2026-11-20',
    recordedBy: '王老师',
    acceptWarnings,
    lines: lines.map(([residentId, orderId, completed, rejected], i) => ({
      entry: `${entryKey}-${i + 1}`,
      residentId,
      orderId,
      completed,
      rejected,
      notes: '',
    })),
  };
}

const run = <T>(fn: () => T): T => emulator.execution(fn);
const pieces = () => emulator.peek('计件');

describe('Record pieces', () => {
  beforeEach(() => install(pieceRows(20)));

  it('offers open orders with what is left, residents, recent ones and the last order', () => {
    const reply = run(() => recordPiecesInfo());
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.value.today).toBe('2026-11-20');
    expect(reply.value.orders.map((o) => o.id)).toEqual(['O1', 'O2']);
    expect(reply.value.orders[0]?.payRateText).toBe('¥0.50');
    expect(reply.value.residents.map((r) => r.name)).toEqual(['王秀英', '李桂兰', '张凤']);
    expect(reply.value.recent[0]).toBe('R2');
    expect(reply.value.lastOrder).toBe('O2');
  });

  it('writes a batch in one append, full-width digits read, and a retry writes nothing twice', () => {
    const before = pieces().length;
    const first = run(() =>
      submitPiecesBatch(
        batch([
          ['R1', 'O1', '１２', '1'],
          ['R3', 'O2', '5', ''],
        ]),
      ),
    );
    if (!first.ok || first.value.kind !== 'written') throw new Error(JSON.stringify(first));
    expect(first.value.lines.map((l) => l.row)).toEqual([before + 1, before + 2]);
    const rows = pieces();
    expect(rows.length).toBe(before + 2);
    expect(rows[before]?.slice(1, 5)).toEqual(['R1', 'O1', 12, 1]);
    expect(rows[before]?.[7]).toBe('ABCDEFGH-1');
    expect(emulator.cell('计件', `A${before + 1}`).displayValue).toBe('2026-11-20');
    // The same batch again (a double click, a retry after a network failure): nothing new.
    const again = run(() =>
      submitPiecesBatch(
        batch([
          ['R1', 'O1', '１２', '1'],
          ['R3', 'O2', '5', ''],
        ]),
      ),
    );
    if (!again.ok || again.value.kind !== 'written') throw new Error(JSON.stringify(again));
    expect(again.value.lines).toEqual([]);
    expect(again.value.alreadyWritten).toEqual([before + 1, before + 2]);
    expect(pieces().length).toBe(before + 2);
  });

  it('refuses errors from the same validation as Check data and writes nothing', () => {
    const before = pieces().length;
    const reply = run(() =>
      submitPiecesBatch(
        batch([
          ['R9', 'O1', '3', '0'],
          ['R1', 'O1', '2', '5'],
        ]),
      ),
    );
    if (!reply.ok || reply.value.kind !== 'refused') throw new Error(JSON.stringify(reply));
    expect(reply.value.problems.join('\n')).toMatch(/第 1 项.*R9/);
    expect(reply.value.problems.join('\n')).toMatch(/第 2 项/);
    expect(pieces().length).toBe(before);
  });

  it('shows warnings first and writes only when they are accepted', () => {
    emulator.spreadsheet.getSheetByName('居民')?.getRange('G4').setValue('否');
    const warned = run(() => submitPiecesBatch(batch([['R3', 'O1', '3', '0']])));
    if (!warned.ok || warned.value.kind !== 'warnings') throw new Error(JSON.stringify(warned));
    expect(warned.value.warnings.join('')).toContain('R3');
    const accepted = run(() =>
      submitPiecesBatch(batch([['R3', 'O1', '3', '0']], 'ABCDEFGH', true)),
    );
    expect(accepted.ok && accepted.value.kind).toBe('written');
  });

  it('refuses a date in a closed month, with the reason', () => {
    emulator.seed('结账', [
      ['月份', '结账时间', '结账人', '人数', '实发合计', '指纹', '明细'],
      ['2026-10', '2026-11-03 10:00', 'staff@example.org', 3, 100, 'abc', ''],
    ]);
    const reply = run(() =>
      submitPiecesBatch({ ...batch([['R1', 'O1', '3', '0']]), date: '2026-10-31' }),
    );
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.message).toContain('2026-10 已结账');
  });

  it('says busy while a colleague holds the lock, and writes nothing', () => {
    const release = emulator.holdDocumentLock();
    const before = pieces().length;
    const reply = run(() => submitPiecesBatch(batch([['R1', 'O1', '3', '0']])));
    release();
    expect(reply.ok === false && reply.busy).toBe(true);
    expect(pieces().length).toBe(before);
  });

  it('Undo removes exactly the batch, or nothing when a row changed since', () => {
    const original = pieces();
    const written = run(() =>
      submitPiecesBatch(
        batch([
          ['R1', 'O1', '3', '0'],
          ['R2', 'O2', '4', '1'],
        ]),
      ),
    );
    if (!written.ok || written.value.kind !== 'written') throw new Error('not written');
    const lines = written.value.lines;
    // A colleague appends after the batch; then someone edits the batch's second row.
    run(() => submitPiecesBatch(batch([['R3', 'O1', '1', '0']], 'COLLEAGUE')));
    emulator.spreadsheet.getSheetByName('计件')?.getRange(`D${lines[1]?.row}`).setValue(40);
    const refused = run(() => undoPiecesBatch(lines));
    if (!refused.ok || refused.value.kind !== 'changed') throw new Error(JSON.stringify(refused));
    expect(refused.value.details).toEqual([`第 ${lines[1]?.row} 行已被改动`]);
    emulator.spreadsheet.getSheetByName('计件')?.getRange(`D${lines[1]?.row}`).setValue(4);
    const undone = run(() => undoPiecesBatch(lines));
    expect(undone.ok && undone.value).toEqual({ kind: 'undone', lang: 'zh-CN', count: 2 });
    const after = pieces();
    expect(after.length).toBe(original.length + 1);
    expect(after.slice(0, original.length)).toEqual(original);
    expect(after[original.length]?.[7]).toBe('COLLEAGUE-1');
  });

  it('rejects payloads that do not parse', () => {
    const reply = run(() => submitPiecesBatch({ lines: 'x' } as unknown as PiecesBatch));
    expect(reply.ok).toBe(false);
    expect(pieces().length).toBe(21);
  });
});

describe('Look up, New resident, New order', () => {
  beforeEach(() => install(pieceRows(20)));

  it("shows the month's pay as the payout computes it, and six months back", () => {
    const list = run(() => residentLookupInfo());
    expect(list.ok && list.value.residents.length).toBe(3);
    const reply = run(() => residentCard('r1'));
    if (!reply.ok || reply.value.card === null) throw new Error(JSON.stringify(reply));
    const card = reply.value.card;
    expect(card.id).toBe('R1');
    expect(card.phone).toBe('13800138000');
    expect(card.month).toBe('2026-11');
    expect(card.adjustmentsText).toBe('¥20.00');
    expect(card.lastMonths.map((m) => m.month)).toEqual([
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
  });

  it('adds a resident with the next ID, warns about the same name and phone', () => {
    const info = run(() => newResidentInfo());
    expect(info.ok && info.value.nextId).toBe('R4');
    const input = {
      id: 'R4',
      name: '王秀英',
      phone: '13800138000',
      category: 'retired',
      skills: '',
      joined: '2026-11-20',
      active: true,
      notes: '=1+1',
      acceptWarnings: false,
    };
    const warned = run(() => saveNewResident(input));
    expect(warned.ok && warned.value.kind).toBe('warnings');
    const saved = run(() => saveNewResident({ ...input, acceptWarnings: true }));
    expect(saved.ok && saved.value.kind).toBe('saved');
    const rows = emulator.peek('居民');
    expect(rows[4]?.slice(0, 4)).toEqual(['R4', '王秀英', '13800138000', '退休']);
    expect(emulator.cell('居民', 'H5').formula).toBe('');
    expect(rows[4]?.[7]).toBe('=1+1');
    const taken = run(() => saveNewResident({ ...input, acceptWarnings: true }));
    expect(taken.ok && taken.value.kind === 'refused' && taken.value.problems[0]).toContain('R5');
  });

  it('adds an order; a bad pay rate is refused by the same rules as Check data', () => {
    const info = run(() => newOrderInfo());
    expect(info.ok && info.value.nextId).toBe('O3');
    const order = {
      id: 'O3',
      partnerId: 'P1',
      product: '中国结',
      craft: '组装',
      payRate: '0.01234',
      partnerPrice: '',
      quantity: '５００',
      received: '2026-11-20',
      due: '2026-12-31',
      status: 'open',
      notes: '',
      acceptWarnings: false,
    };
    const refused = run(() => saveNewOrder(order));
    expect(refused.ok && refused.value.kind).toBe('refused');
    const saved = run(() => saveNewOrder({ ...order, payRate: '0.015' }));
    expect(saved.ok && saved.value.kind).toBe('saved');
    expect(emulator.peek('订单')[3]?.slice(0, 7)).toEqual([
      'O3',
      'P1',
      '中国结',
      '组装',
      0.015,
      '',
      500,
    ]);
  });
});

describe.each([1_000, 100_000])('service calls on %i Pieces rows', (count) => {
  beforeEach(() => install(pieceRows(count)));

  it('stays within the budgets', () => {
    const calls = {
      menu: callsOf(emulator, () => run(() => showRecordPiecesSidebar())).total,
      recordInfo: callsOf(emulator, () => run(() => recordPiecesInfo())).total,
      submit: 0,
      undo: 0,
      lookUpInfo: callsOf(emulator, () => run(() => residentLookupInfo())).total,
      card: callsOf(emulator, () => run(() => residentCard('R1'))).total,
    };
    let lines: { entry: string }[] = [];
    calls.submit = callsOf(emulator, () => {
      const reply = run(() =>
        submitPiecesBatch(
          batch(
            [
              ['R1', 'O1', '3', '0'],
              ['R2', 'O2', '2', '0'],
            ],
            'BUDGETXX',
          ),
        ),
      );
      if (reply.ok && reply.value.kind === 'written') lines = reply.value.lines;
    }).total;
    expect(lines).toHaveLength(2);
    calls.undo = callsOf(emulator, () => run(() => undoPiecesBatch(lines as never))).total;
    expect(calls).toEqual(BUDGET);
  }, 120_000);
});
