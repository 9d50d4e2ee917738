/**
 * The sidebars' tally of Pieces (src/features/piecesTally.ts) stays true: whatever happens to the
 * tab between two sidebar actions — rows typed below, a count changed by hand, a row deleted, a
 * resident added whose ID was already used, a rate changed, a row pasted with an old entry ID,
 * Undo — the next action answers exactly as if it had read the whole tab (a fresh read with no
 * tally kept), and it reads the whole tab again only when it has to.
 */
import type { Emulator } from '../emulator';
import { onEdit } from '../../src/apps-script/onEdit';
import {
  recordPiecesInfo,
  residentCard,
  submitPiecesBatch,
  undoPiecesBatch,
} from '../../src/apps-script/sidebars';
import { PIECES_EDITED_KEY, TALLY_KEY, TALLY_STAMP_KEY } from '../../src/apps-script/sidebarMemory';
import type { PiecesBatch } from '../../src/features/recordPieces';
import { callsOf, installEmulator, pieceRows, seedWorkshop } from '../apps-script/support';

const NOW = new Date('2026-11-20T02:00:00Z');
let emulator: Emulator;
let uninstall: () => void;

beforeEach(() => {
  jest.useFakeTimers({
    now: NOW,
    doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout'],
  });
  const installed = installEmulator({ locale: 'zh_CN' });
  emulator = installed.emulator;
  uninstall = installed.uninstall;
  // This month's rows at the top, so the card has work in rows the tail never reads.
  const thisMonth = Array.from({ length: 30 }, (_, i) => [
    '2026-11-02',
    `R${1 + (i % 3)}`,
    i % 2 === 0 ? 'O1' : 'O2',
    10 + i,
    i % 3,
    '王老师',
    '',
    `NOV${i}`,
  ]);
  seedWorkshop(emulator, [...thisMonth, ...pieceRows(1_000)]);
  emulator.simpleTriggers({ onEdit });
});
afterEach(() => {
  uninstall();
  jest.useRealTimers();
});

/** Each action its own execution, ten seconds after the one before (the clock is frozen else). */
const run = <T>(fn: () => T): T => {
  jest.setSystemTime(Date.now() + 10_000);
  return emulator.execution(fn);
};
const pieces = () => emulator.peek('计件');

/** Record pieces' view and four cards; `viewBytes` gets the cell data the view read. */
function answers(read: { viewBytes?: number } = {}): unknown {
  emulator.calls.reset();
  const view = run(() => recordPiecesInfo());
  read.viewBytes = emulator.calls.bytes();
  return { view, cards: ['R1', 'R2', 'R3', 'R9'].map((id) => run(() => residentCard(id))) };
}

function forgetTally(): void {
  const cache = CacheService.getDocumentCache();
  cache?.removeAll([
    TALLY_STAMP_KEY,
    PIECES_EDITED_KEY,
    ...Array.from({ length: 16 }, (_, i) => `${TALLY_KEY}:${i}`),
  ]);
}

/** Cell data of the tab's last 200 rows and the small tabs, with room to spare. */
const TAIL_BYTES = 30_000;

/**
 * The answers with the tally kept, the same answers afresh, and whether the first kept answer
 * had to read the whole tab (more cell data than the tail; the others then find it kept).
 */
function keptAndFresh(): { kept: unknown; fresh: unknown; wholeReads: number } {
  const read: { viewBytes?: number } = {};
  const kept = answers(read);
  const wholeReads = (read.viewBytes ?? 0) > TAIL_BYTES ? 1 : 0;
  forgetTally();
  const fresh = answers();
  return { kept, fresh, wholeReads };
}

function batch(entryKey: string, lines: [string, string, string, string][]): PiecesBatch {
  return {
    date: '2026-11-20',
    recordedBy: '王老师',
    acceptWarnings: true,
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

const card = (id: string) => {
  const reply = run(() => residentCard(id));
  if (!reply.ok || reply.value.card === null) throw new Error(JSON.stringify(reply));
  return reply.value.card;
};

it('answers as a whole read does after a sidebar submit, with only the end of the tab read', () => {
  answers(); // makes the tally
  run(() => submitPiecesBatch(batch('AAAAAAAA', [['R1', 'O1', '5', '1']])));
  emulator.calls.reset();
  const kept = answers();
  expect(emulator.calls.bytes()).toBeLessThan(64 * 1024);
  forgetTally();
  expect(kept).toEqual(answers());
});

it('counts a count changed by hand higher up (onEdit notes it once) ', () => {
  answers();
  const before = card('R1').acceptedPieces;
  // Row 2 is this month's first row: R1, O1, 10 completed, 0 rejected.
  jest.setSystemTime(Date.now() + 10_000);
  const first = callsOf(emulator, () => emulator.userEdit('计件', 'D2', '25'));
  const second = callsOf(emulator, () => emulator.userEdit('计件', 'D5', '20'));
  // The first edit after the tally was read leaves its note (one putAll); the next ones do not.
  expect(first.byMethod['Cache.putAll']).toBe(1);
  expect(second.byMethod['Cache.putAll']).toBeUndefined();
  expect(second.total).toBe(7);
  const { kept, fresh, wholeReads } = keptAndFresh();
  expect(kept).toEqual(fresh);
  expect(wholeReads).toBe(1);
  expect(card('R1').acceptedPieces).toBe(before + 15 + (20 - 13));
});

it('adds rows typed below by hand without reading the whole tab again', () => {
  answers();
  const next = pieces().length + 1;
  emulator.spreadsheet.getSheetByName('计件')?.insertRowsAfter(next - 1, 10);
  jest.setSystemTime(Date.now() + 10_000);
  emulator.userEdit('计件', `A${next}`, [['2026-11-19', 'R2', 'O2', '7', '1', '王老师', '', '']]);
  const { kept, fresh, wholeReads } = keptAndFresh();
  expect(kept).toEqual(fresh);
  expect(wholeReads).toBe(0);
});

it('reads the whole tab again after rows were deleted by hand (no edit event)', () => {
  answers();
  emulator.spreadsheet.getSheetByName('计件')?.deleteRows(3, 2);
  const { kept, fresh, wholeReads } = keptAndFresh();
  expect(kept).toEqual(fresh);
  expect(wholeReads).toBe(1);
});

it('counts rows of a resident added after them, and follows a changed pay rate', () => {
  emulator.seed('计件', [...pieces(), ['2026-11-18', 'R9', 'O1', 8, 0, '王老师', '', 'LATE1']]);
  answers(); // R9 unknown: the row is not counted
  emulator.seed('居民', [
    ...emulator.peek('居民'),
    ['R9', '赵新', '', '其他', '', '2026-11-01', '是', ''],
  ]);
  let { kept, fresh } = keptAndFresh();
  expect(kept).toEqual(fresh);
  expect(card('R9').acceptedPieces).toBe(8);
  emulator.spreadsheet.getSheetByName('订单')?.getRange('E2').setValue(0.7);
  ({ kept, fresh } = keptAndFresh());
  expect(kept).toEqual(fresh);
});

it('reads the whole tab again for a row below carrying an entry ID used higher up', () => {
  answers();
  const copy = [...(pieces()[1] as unknown[])];
  emulator.seed('计件', [...pieces(), copy]);
  const { kept, fresh, wholeReads } = keptAndFresh();
  expect(kept).toEqual(fresh);
  expect(wholeReads).toBe(1);
});

it('Undo keeps the tally true, and a retry looks through the whole tab for lines gone far up', () => {
  answers();
  const written = run(() =>
    submitPiecesBatch(
      batch('BBBBBBBB', [
        ['R1', 'O1', '3', '0'],
        ['R2', 'O2', '4', '1'],
      ]),
    ),
  );
  if (!written.ok || written.value.kind !== 'written') throw new Error('not written');
  const lines = written.value.lines;
  run(() => undoPiecesBatch(lines));
  let { kept, fresh } = keptAndFresh();
  expect(kept).toEqual(fresh);
  // A batch written, then 300 rows by colleagues: its lines are far above the tail.
  const lost = batch('CCCCCCCC', [['R3', 'O1', '2', '0']]);
  run(() => submitPiecesBatch(lost));
  for (let i = 0; i < 3; i += 1) {
    const many = Array.from(
      { length: 100 },
      (_, j) => ['R1', 'O2', String(j + 1), '0'] as [string, string, string, string],
    );
    run(() => submitPiecesBatch(batch(`D${i}DDDDDDD`, many)));
  }
  const before = pieces().length;
  const retried = run(() => submitPiecesBatch({ ...lost, retry: true }));
  expect(retried.ok && retried.value.kind === 'written' && retried.value.earlier.length).toBe(1);
  expect(pieces().length).toBe(before);
  ({ kept, fresh } = keptAndFresh());
  // "Recent" residents are those of the rows read, the last 200: here all R1's.
  const withoutRecent = (answers: unknown) =>
    JSON.parse(JSON.stringify(answers, (key, value: unknown) => (key === 'recent' ? [] : value)));
  expect(withoutRecent(kept)).toEqual(withoutRecent(fresh));
  expect((kept as { view: { value: { recent: string[] } } }).view.value.recent).toEqual(['R1']);
});

it('is made afresh from the whole tab at least hourly', () => {
  answers();
  let { wholeReads } = keptAndFresh();
  expect(wholeReads).toBe(0);
  jest.setSystemTime(Date.now() + 61 * 60 * 1000);
  ({ wholeReads } = keptAndFresh());
  expect(wholeReads).toBe(1);
});
