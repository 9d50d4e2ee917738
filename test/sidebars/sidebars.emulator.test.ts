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
import { loadLedger } from '../../src/features/loadLedger';
import { SheetsWorkbook } from '../../src/apps-script/sheetsWorkbook';
import manifest from '../../appsscript.json';

const NOW = new Date('2026-11-20T02:00:00Z');
/**
 * Measured; each the same on 1,000 and 100,000 Pieces rows. See docs/sidebars.md. Through the
 * Sheets advanced service (enabled in appsscript.json): active spreadsheet, getId,
 * Spreadsheets.get, one Values.batchGet, and for submit and undo the lock (2) and one
 * batchUpdate; the actions that use Pieces also the document cache (getDocumentCache, getAll)
 * for the tally of Pieces, and putAll when they change it (submit, undo). The menu item reads
 * no tab. With the tally kept (an earlier action made it): issue 10 allows open ≤ 8,
 * submit ≤ 10, look-up ≤ 8.
 */
const BUDGET = {
  menu: 6,
  recordInfo: 6,
  submit: 10,
  undo: 10,
  lookUpInfo: 4,
  card: 6,
  newResidentInfo: 4,
  saveResident: 7,
  newOrderInfo: 4,
  saveOrder: 7,
};
/**
 * Without the advanced service (not enabled): SpreadsheetApp, two calls a tab, as before.
 * Issue 18's tally of Pieces in the document cache (constant-size reads of Pieces): open +2,
 * submit +3, undo +7, card +2. Issue 20: one more for each write (submit, undo, New resident,
 * New order), looking for the audit's inbox in which it logs itself. Undo reads Closings too (2),
 * so that a batch whose month was closed since is not undone.
 */
const FALLBACK = {
  menu: 6,
  recordInfo: 12,
  submit: 24,
  undo: 19,
  lookUpInfo: 6,
  card: 14,
  newResidentInfo: 6,
  saveResident: 16,
  newOrderInfo: 8,
  saveOrder: 14,
};
/** Issue 18: cell data one sidebar action may read, at 1,000 and at 100,000 Pieces rows. */
const MAX_BYTES = 256 * 1024;
/** The repository's manifest without its advanced service: `Sheets` is then undefined. */
const WITHOUT_SHEETS_API = { oauthScopes: manifest.oauthScopes };

let emulator: Emulator;
let uninstall: () => void;

function install(pieces: unknown[][], withApi = true): void {
  const installed = installEmulator({
    locale: 'zh_CN',
    htmlFiles: { 'record-pieces': '<p>page</p>' },
    ...(withApi ? {} : { manifest: WITHOUT_SHEETS_API }),
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
    expect(again.value.earlier.map((l) => l.row)).toEqual([before + 1, before + 2]);
    expect(again.value.earlier[0]).toMatchObject({ residentId: 'R1', completed: 12, rejected: 1 });
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
    // Undo again (its reply lost, say): every row is gone already; nothing removed, said so.
    const again = run(() => undoPiecesBatch(lines));
    expect(again.ok && again.value).toEqual({ kind: 'undone', lang: 'zh-CN', count: 0 });
    expect(pieces()).toEqual(after);
  });

  it("Undo refuses a batch whose month was closed since: the month's pay stands as closed", () => {
    const written = run(() => submitPiecesBatch(batch([['R1', 'O1', '3', '0']])));
    if (!written.ok || written.value.kind !== 'written') throw new Error('not written');
    const { lines } = written.value;
    const before = pieces();
    // A manager closes November while the sidebar still offers Undo.
    emulator.seed('结账', [
      ['月份', '结账时间', '结账人', '人数', '实发合计', '指纹', '明细'],
      ['2026-11', '2026-11-20 10:00', 'li@example.org', 3, 100, 'abc', ''],
    ]);
    const reply = run(() => undoPiecesBatch(lines));
    // Before: the row left the closed month, unsaid ({ kind: 'undone', count: 1 }).
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.message).toBe('2026-11 已结账，不能再撤销，请在「调整」表更正。');
    expect(pieces()).toEqual(before);
  });

  it('rejects payloads that do not parse, naming a field that is too long', () => {
    const reply = run(() => submitPiecesBatch({ lines: 'x' } as unknown as PiecesBatch));
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.message).toBe(
      '页面发来的内容无法读取，没有写入。请关闭侧边栏，再从菜单打开一次。',
    );
    const long = batch([['R1', 'O1', '3', '0']]);
    const tooLong = run(() =>
      submitPiecesBatch({ ...long, lines: [{ ...long.lines[0]!, notes: 'x'.repeat(600) }] }),
    );
    expect(!tooLong.ok && tooLong.message).toBe('「备注」最多 500 个字。');
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
    // The same save again (its reply lost, say) finds its row and writes nothing.
    const again = run(() => saveNewResident({ ...input, acceptWarnings: true }));
    expect(again.ok && again.value.kind === 'saved' && again.value.row).toBe(5);
    expect(emulator.peek('居民')).toHaveLength(5);
    const taken = run(() => saveNewResident({ ...input, name: '钱红', acceptWarnings: true }));
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

  it("a colleague's resident or order saved meanwhile under the same ID is not taken for this save", () => {
    // Two staff open New resident at once, both offered R4, each for a 王芳 of their own.
    const resident = {
      id: 'R4',
      name: '王芳',
      phone: '13900000001',
      category: 'retired',
      skills: '',
      joined: '2026-11-20',
      active: true,
      notes: '',
      acceptWarnings: false,
    };
    run(() => saveNewResident(resident));
    const other = run(() => saveNewResident({ ...resident, phone: '13700000002' }));
    // Before: "R4 已经在「居民」第 5 行（内容相同），没有重复写入。", and the second 王芳 was never saved.
    expect(other.ok && other.value.kind === 'refused' && other.value.problems[0]).toContain('R5');
    const resent = run(() => saveNewResident({ ...resident, phone: '' }));
    expect(resent.ok && resent.value.kind).toBe('refused');
    // The same save sent again is still found on its row.
    const again = run(() => saveNewResident(resident));
    expect(again.ok && again.value.kind === 'saved' && again.value.row).toBe(5);
    expect(emulator.peek('居民')).toHaveLength(5);

    const order = {
      id: 'O3',
      partnerId: 'P1',
      product: '中国结',
      craft: '组装',
      payRate: '0.5',
      partnerPrice: '',
      quantity: '',
      received: '',
      due: '',
      status: 'open',
      notes: '',
      acceptWarnings: true,
    };
    run(() => saveNewOrder(order));
    const dearer = run(() => saveNewOrder({ ...order, payRate: '0.8' }));
    expect(dearer.ok && dearer.value.kind === 'refused' && dearer.value.problems[0]).toContain(
      'O4',
    );
    const elsewhere = run(() => saveNewOrder({ ...order, partnerId: '' }));
    expect(elsewhere.ok && elsewhere.value.kind).toBe('refused');
    const orderAgain = run(() => saveNewOrder({ ...order, payRate: '0.50' }));
    expect(orderAgain.ok && orderAgain.value.kind).toBe('saved');
    expect(emulator.peek('订单')).toHaveLength(4);
  });
});

/**
 * Every endpoint once, as the pages call them, each its own execution: what each cost and what
 * it answered (the card's and the lists' contents, the rows written and undone).
 */
function everyEndpoint(): {
  calls: typeof BUDGET;
  bytes: Record<string, number>;
  replies: Record<string, unknown>;
} {
  const replies: Record<string, unknown> = {};
  const bytes: Record<string, number> = {};
  // The tally of Pieces is made once (the whole tab read), then kept: what every day looks like.
  run(() => recordPiecesInfo());
  const measure = (name: string, fn: () => unknown): number => {
    const calls = callsOf(emulator, () => {
      replies[name] = run(fn);
      bytes[name] = emulator.calls.bytes();
    }).total;
    return calls;
  };
  const calls = {
    menu: measure('menu', () => showRecordPiecesSidebar()),
    recordInfo: measure('recordInfo', () => recordPiecesInfo()),
    submit: 0,
    undo: 0,
    lookUpInfo: measure('lookUpInfo', () => residentLookupInfo()),
    card: measure('card', () => residentCard('R1')),
    newResidentInfo: 0,
    saveResident: 0,
    newOrderInfo: 0,
    saveOrder: 0,
  };
  calls.submit = measure('submit', () =>
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
  const submitted = replies.submit as ReturnType<typeof submitPiecesBatch>;
  const lines = submitted.ok && submitted.value.kind === 'written' ? submitted.value.lines : [];
  expect(lines).toHaveLength(2);
  replies.afterSubmit = pieces().slice(-3);
  calls.undo = measure('undo', () => undoPiecesBatch(lines));
  replies.afterUndo = pieces().slice(-3);
  calls.newResidentInfo = measure('newResidentInfo', () => newResidentInfo());
  calls.saveResident = measure('saveResident', () =>
    saveNewResident({
      id: 'R4',
      name: '赵兰',
      phone: '',
      category: 'retired',
      skills: '',
      joined: '2026-11-20',
      active: true,
      notes: '',
      acceptWarnings: false,
    }),
  );
  replies.residents = emulator.peek('居民');
  calls.newOrderInfo = measure('newOrderInfo', () => newOrderInfo());
  calls.saveOrder = measure('saveOrder', () =>
    saveNewOrder({
      id: 'O3',
      partnerId: 'P1',
      product: '中国结',
      craft: '组装',
      payRate: '0.015',
      partnerPrice: '',
      quantity: '500',
      received: '2026-11-20',
      due: '2026-12-31',
      status: 'open',
      notes: '',
      acceptWarnings: false,
    }),
  );
  replies.orders = emulator.peek('订单');
  return { calls, bytes, replies };
}

const measured: Record<number, Record<string, number>> = {};

describe.each([1_000, 100_000])('service calls on %i Pieces rows', (count) => {
  it('stays within the budgets through the Sheets advanced service, and reads ≤ 256 KB an action', () => {
    install(pieceRows(count));
    const { calls, bytes } = everyEndpoint();
    expect(calls).toEqual(BUDGET);
    for (const [action, read] of Object.entries(bytes)) {
      expect([action, read <= MAX_BYTES]).toEqual([action, true]);
    }
    measured[count] = bytes;
    if (measured[1_000] && measured[100_000]) {
      // The same at both sizes: only the digits of the rows read at the end differ.
      for (const [action, small] of Object.entries(measured[1_000])) {
        const large = measured[100_000][action] ?? 0;
        expect([action, large <= small * 1.25 + 1024]).toEqual([action, true]);
      }
    }
  }, 120_000);

  it('reads the whole tab once to make the tally, when none is kept', () => {
    install(pieceRows(count));
    const cold = callsOf(emulator, () => run(() => recordPiecesInfo()));
    expect(cold.total).toBe(7);
    expect(cold.byMethod).toMatchObject({ 'Cache.getAll': 1, 'Cache.putAll': 1 });
  }, 120_000);
});

describe('without the Sheets advanced service', () => {
  it('answers and writes exactly as with it, through SpreadsheetApp (two calls a tab)', () => {
    install(pieceRows(1_000));
    const withApi = everyEndpoint();
    uninstall();
    install(pieceRows(1_000), false);
    expect(globalThis).not.toHaveProperty('Sheets');
    const without = everyEndpoint();
    expect(without.calls).toEqual(FALLBACK);
    expect(without.replies).toEqual(withApi.replies);
  }, 120_000);

  it('falls back to SpreadsheetApp when the API refuses (Sheets API off in the Cloud project)', () => {
    install(pieceRows(20));
    const refusing = () => {
      throw new Error(
        'API call to sheets.spreadsheets.get failed with error: Sheets API has not been used',
      );
    };
    const real = (globalThis as { Sheets?: unknown }).Sheets;
    (globalThis as { Sheets?: unknown }).Sheets = { Spreadsheets: { get: refusing } };
    try {
      const reply = run(() => recordPiecesInfo());
      expect(reply.ok && reply.value.orders.map((o) => o.id)).toEqual(['O1', 'O2']);
      const written = run(() => submitPiecesBatch(batch([['R1', 'O1', '3', '0']])));
      expect(written.ok && written.value.kind).toBe('written');
      expect(pieces()[21]?.slice(1, 5)).toEqual(['R1', 'O1', 3, 0]);
    } finally {
      (globalThis as { Sheets?: unknown }).Sheets = real;
    }
  });

  it('reads each tab through SpreadsheetApp when the batch read fails', () => {
    install(pieceRows(20));
    const real = (globalThis as { Sheets?: GoogleAppsScript.Sheets }).Sheets;
    const failingRead = {
      Spreadsheets: {
        get: (id: string, options: object) => real?.Spreadsheets?.get(id, options),
        Values: {
          batchGet: () => {
            throw new Error('API call to sheets.spreadsheets.values.batchGet failed');
          },
        },
      },
    };
    (globalThis as { Sheets?: unknown }).Sheets = failingRead;
    try {
      const calls = callsOf(emulator, () => {
        const reply = run(() => residentCard('R1'));
        expect(reply.ok && reply.value.card?.adjustmentsText).toBe('¥20.00');
      });
      expect(calls.byMethod['Sheet.getSheetValues']).toBe(5);
    } finally {
      (globalThis as { Sheets?: unknown }).Sheets = real;
    }
  });
});

describe('reading through the Sheets API', () => {
  /** Date cells as Sheets holds them (a serial with a date format), not the seeded text. */
  function withDateCells(rows: unknown[][], columns: readonly number[]): unknown[][] {
    return rows.map((row, i) =>
      i === 0
        ? row
        : row.map((cell, c) =>
            columns.includes(c) && typeof cell === 'string' && cell !== ''
              ? new Date(`${cell}T00:00:00+08:00`)
              : cell,
          ),
    );
  }

  it('decodes every tab to the same ledger as SpreadsheetApp (dates as serial numbers)', () => {
    install(pieceRows(200));
    emulator.seed('居民', withDateCells(emulator.peek('居民'), [5]));
    emulator.seed('订单', withDateCells(emulator.peek('订单'), [7, 8]));
    emulator.seed('计件', withDateCells(emulator.peek('计件'), [0]));
    emulator.seed('合作单位', [...emulator.peek('合作单位'), ['007', '', '', '', '', '']]);
    expect(emulator.spreadsheet.getSheetByName('计件')?.getRange('A2').getValue()).toBeInstanceOf(
      Date,
    );
    const ledgerOf = (workbook: SheetsWorkbook) =>
      run(() => {
        workbook.prefetch(
          ['设置', '居民', '合作单位', '订单', '计件', '调整'].map((name) => ({ names: [name] })),
        );
        const { tabs: _raw, ...decoded } = loadLedger(workbook, { today: '2026-11-20' });
        return decoded;
      });
    const spreadsheet = () => emulator.spreadsheet;
    let viaApi: unknown;
    let viaSpreadsheetApp: unknown;
    const apiCalls = callsOf(emulator, () => {
      viaApi = ledgerOf(new SheetsWorkbook(spreadsheet(), { sheetsApi: true }));
    });
    expect(apiCalls.byMethod).toMatchObject({ 'Sheets.Spreadsheets.Values.batchGet': 1 });
    expect(apiCalls.byMethod['Sheet.getSheetValues']).toBeUndefined();
    const calls = callsOf(emulator, () => {
      viaSpreadsheetApp = ledgerOf(new SheetsWorkbook(spreadsheet()));
    });
    expect(calls.byMethod['Sheets.Spreadsheets.Values.batchGet']).toBeUndefined();
    const ledger = viaApi as ReturnType<typeof loadLedger>;
    expect(ledger.pieces).toHaveLength(200);
    expect(ledger.pieces[0]?.date).toBe('2026-01-01');
    expect(ledger.residents[0]?.joined).toBe('2026-01-05');
    expect(viaApi).toEqual(viaSpreadsheetApp);
  });

  it('appends text as text, dates as dates, and reads its own append back in the next call', () => {
    install(pieceRows(20));
    const lines = batch([
      ['R1', 'O1', '3', '0'],
      ['R2', 'O2', '2', '0'],
    ]);
    const reply = run(() =>
      submitPiecesBatch({
        ...lines,
        recordedBy: '=HYPERLINK("x")',
        lines: lines.lines.map((line, i) => ({ ...line, notes: i === 0 ? '007' : '+86 138' })),
      }),
    );
    if (!reply.ok || reply.value.kind !== 'written') throw new Error(JSON.stringify(reply));
    expect(reply.value.lines.map((l) => l.row)).toEqual([22, 23]);
    expect(emulator.cell('计件', 'A22').displayValue).toBe('2026-11-20');
    expect(emulator.cell('计件', 'A22').numberFormat).toBe('yyyy-mm-dd');
    expect(emulator.cell('计件', 'F22')).toMatchObject({ value: '=HYPERLINK("x")', formula: '' });
    expect(emulator.cell('计件', 'G22').value).toBe('007');
    expect(emulator.cell('计件', 'G23').value).toBe('+86 138');
    expect(emulator.cell('计件', 'D22').value).toBe(3);
    const again = run(() => submitPiecesBatch(lines));
    expect(
      again.ok && again.value.kind === 'written' && again.value.earlier.map((l) => l.row),
    ).toEqual([22, 23]);
  });
});
