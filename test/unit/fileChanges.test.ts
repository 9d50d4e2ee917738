/**
 * The .xlsx change log's comparison (issue 20, src/features/fileChanges.ts): rows matched by
 * content, then key, then order; a row inserted above others moves them without changing them;
 * edits, additions and removals with their cells, keys and flags; entries in words.
 */
import { changeEntries, fileChanges, snapshotOf } from '../../src/features/fileChanges';
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

it('keeps a snapshot small: one joined string a row', () => {
  const { tabs } = snapshot({ 计件: basePieces });
  expect(tabs.pieces?.rows[0]).toEqual([
    2,
    ['2026-10-05', 'R1', 'O1', '10', '0', '李'].join('\u001f'),
  ]);
});
