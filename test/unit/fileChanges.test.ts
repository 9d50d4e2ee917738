/**
 * The .xlsx change log's comparison (issue 20, src/features/fileChanges.ts): rows matched by
 * content, then key, then order; a row inserted above others moves them without changing them;
 * edits, additions and removals with their cells, keys and flags; entries in words. Rows are
 * compared by a 64-bit hash of their text, and only rows whose hash found no equal are read as
 * text (design B of the merge after issues 17–23: the change log must stay cheap on 100,000 rows).
 */
import fc from 'fast-check';
import {
  changeEntries,
  fileChanges,
  matchByHash,
  sameSnapshot,
  snapshotOf,
  textHash,
} from '../../src/features/fileChanges';
import type { CellValue } from '../../src/workbook/cells';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { ORDER_HEADER, PIECE_HEADER, RESIDENT_HEADER } from '../support/ledgerSheets';

const day = (iso: string): Date => new Date(`${iso}T00:00:00+08:00`);
const piece = (date: string, resident: string, completed: number, entry = ''): CellValue[] => [
  day(date),
  resident,
  'O1',
  completed,
  0,
  '李',
  '',
  entry,
];

function snapshot(tabs: Record<string, CellValue[][]>) {
  return snapshotOf(new MemoryWorkbook(tabs));
}

const context = {
  closedMonths: new Set(['2026-10']),
  timeZone: 'Asia/Shanghai',
  lang: 'zh-CN' as const,
};

const basePieces = [
  PIECE_HEADER,
  piece('2026-10-05', 'R1', 10),
  piece('2026-10-06', 'R2', 20),
  piece('2026-11-03', 'R1', 30),
];

it('sees no change when rows only moved, as a row inserted above them moves them', () => {
  const before = snapshot({ 计件: basePieces });
  const after = snapshot({
    计件: [basePieces[0]!, piece('2026-11-20', 'R3', 5), ...basePieces.slice(1)],
  });
  const changes = fileChanges(before, after, context);
  expect(changes.map((c) => [c.kind, c.row])).toEqual([['added', 2]]);
  expect(changes[0]?.cells.map((c) => [c.header, c.after])).toContainEqual(['居民编号', 'R3']);
});

it('reports an edited cell with old and new values, and flags a closed month', () => {
  const before = snapshot({ 计件: basePieces });
  const edited = basePieces.map((row) => [...row]);
  edited[2]![3] = 22;
  const changes = fileChanges(before, snapshot({ 计件: edited }), context);
  expect(changes).toEqual([
    expect.objectContaining({
      kind: 'changed',
      row: 3,
      cells: [{ column: 4, header: '完成数', before: '20', after: '22' }],
      flags: ['closedMonth'],
      closedMonths: ['2026-10'],
    }),
  ]);
  const [entry] = changeEntries(changes, {
    at: '2026-11-20 10:05:00',
    user: '王（文件记录）',
    details: '',
  });
  expect(entry).toMatchObject({
    action: 'fileChanged',
    range: 'D3',
    before: '20',
    after: '22',
    tab: '计件',
  });
});

it('matches rows by their key, so an edited row and a removed one are told apart', () => {
  const before = snapshot({
    居民: [RESIDENT_HEADER, ['R1', '王秀英'], ['R2', '李桂兰'], ['R3', '张丽']],
  });
  const after = snapshot({ 居民: [RESIDENT_HEADER, ['R1', '王秀英'], ['R3', '张莉']] });
  const changes = fileChanges(before, after, context);
  expect(changes.map((c) => [c.kind, c.record, c.row])).toEqual([
    ['changed', 'R3', 3],
    ['removed', 'R2', 3],
  ]);
  const entries = changeEntries(changes, { at: 'x', user: 'y', details: '' });
  expect(entries[1]).toMatchObject({ action: 'fileRemoved', range: '3:3', after: '' });
  expect(entries[1]?.before).toContain('李桂兰');
});

it('flags a pay rate and a partner price changed on Orders; several cells read as pairs', () => {
  const order = ['O1', 'P1', '窗花', '剪纸', 0.5, 0.8, 100, '', '', '进行中', ''];
  const before = snapshot({ 订单: [ORDER_HEADER, order] });
  const after = snapshot({
    订单: [ORDER_HEADER, ['O1', 'P1', '窗花', '剪纸', 0.6, 0.9, 100, '', '', '进行中', '']],
  });
  const [change] = fileChanges(before, after, context);
  expect(change?.flags).toEqual(['payRate', 'partnerPrice']);
  const [entry] = changeEntries([change!], { at: 'x', user: 'y', details: '' });
  expect(entry).toMatchObject({ range: 'E2:F2', before: '计件单价: 0.5; 合同单价: 0.8' });
});

it('hashes a row as its joined text, trailing blanks cut; empty rows are left out', () => {
  const { tabs } = snapshot({
    计件: [...basePieces, ['', '', '', '', '', '', '', ''], piece('2026-11-04', 'R2', 5)],
  });
  const pieces = tabs.pieces!;
  expect([...pieces.rows]).toEqual([2, 3, 4, 6]);
  const text = ['2026-10-05', 'R1', 'O1', '10', '0', '李'].join('\u001f');
  expect(pieces.text(0)).toBe(text);
  expect([...pieces.hashes.slice(0, 2)]).toEqual(textHash(text));
});

it('a row hashes as textHash of its text, whatever its cells (property)', () => {
  const cell = fc.oneof(
    fc.constantFrom('', ' ', '\u3000', '\u00a0李\u3000', '\ufeff', 'x\u2028', ' R1', '李 '),
    fc.string({ maxLength: 4, unit: 'binary' }),
    fc.string({ maxLength: 6 }),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
    fc.boolean(),
    fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
  );
  fc.assert(
    fc.property(fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 6 }), (rows) => {
      const { tabs } = snapshot({ 计件: [PIECE_HEADER, ...(rows as CellValue[][])] });
      const pieces = tabs.pieces!;
      for (let i = 0; i < pieces.rows.length; i += 1) {
        expect([...pieces.hashes.slice(2 * i, 2 * i + 2)]).toEqual(textHash(pieces.text(i)));
        expect(pieces.text(i)).not.toBe('');
      }
    }),
  );
});

it('reads the text of the changed rows only: an unchanged row is compared by its hash', () => {
  const many = [
    PIECE_HEADER,
    ...Array.from({ length: 1000 }, (_, i) => piece('2026-11-03', `R${i}`, i, String(i + 1))),
  ];
  const before = counted(snapshot({ 计件: many }));
  const edited = many.map((row) => [...row]);
  edited[500]![3] = 9999;
  const after = counted(snapshot({ 计件: edited }));
  const changes = fileChanges(before.snapshot, after.snapshot, context);
  expect(changes.map((c) => [c.kind, c.row, c.record])).toEqual([['changed', 501, '500']]);
  expect(before.read).toEqual([499]);
  expect(after.read).toEqual([499]);
  expect(sameSnapshot(before.snapshot, after.snapshot)).toBe(false);
  expect(sameSnapshot(before.snapshot, snapshot({ 计件: many }))).toBe(true);
});

it('pairs equal rows as a multiset: a row repeated twice before and once now leaves one over', () => {
  const hashes = (...pairs: number[]) => ({ hashes: Int32Array.from(pairs) });
  expect(matchByHash(hashes(1, 1, 2, 2, 1, 1), hashes(1, 1, 3, 3))).toEqual({
    paired: Int32Array.from([0, -1]),
    unmatchedOld: [1, 2],
    unmatchedNew: [1],
  });
  // Same first 53 bits, another last 11: not the same row.
  expect(matchByHash(hashes(7, 0x800), hashes(7, 0x801))).toEqual({
    paired: Int32Array.from([-1]),
    unmatchedOld: [0],
    unmatchedNew: [0],
  });
});

/** The snapshot, recording which rows' text was asked for. */
function counted(taken: ReturnType<typeof snapshot>) {
  const read: number[] = [];
  const pieces = taken.tabs.pieces!;
  return {
    read,
    snapshot: {
      tabs: {
        pieces: {
          ...pieces,
          text: (index: number) => {
            read.push(index);
            return pieces.text(index);
          },
        },
      },
    },
  };
}

it('a column removed or moved: cells compared under their headers; a column gone keeps its own', () => {
  const before = snapshot({ 计件: basePieces });
  // 登记人 (F) removed; 备注 moved in front of 完成数; one count changed, in a closed month.
  const move = (row: readonly CellValue[]): CellValue[] => [
    row[0] as CellValue,
    row[1] as CellValue,
    row[2] as CellValue,
    row[6] as CellValue,
    row[3] as CellValue,
    row[4] as CellValue,
    row[7] as CellValue,
  ];
  const rows = basePieces.map(move);
  rows[2] = move(piece('2026-10-06', 'R2', 25));
  const changes = fileChanges(before, snapshot({ 计件: rows }), context);
  // Every row lost its 登记人 (a real change); only row 3's count changed besides.
  expect(
    changes.map((c) => [c.row, c.cells.map((cell) => [cell.header, cell.before, cell.after])]),
  ).toEqual([
    [2, [['登记人', '李', '']]],
    [
      3,
      [
        ['完成数', '20', '25'],
        ['登记人', '李', ''],
      ],
    ],
    [4, [['登记人', '李', '']]],
  ]);
  expect(changes[1]?.cells.map((c) => c.column)).toEqual([5, 6]);
  expect(changes[1]?.closedMonths).toEqual(['2026-10']);
});
