/**
 * "Resident not active" and "order done or cancelled" are for rows of months still open: rows of
 * a closed month were checked when it closed, so they no longer warn.
 */
import { validateLedger } from '../../src/domain/validation';
import type { CellValue } from '../../src/workbook/cells';
import type { CodecContext } from '../../src/workbook/codecs';
import { ORDERS, PIECES, RESIDENTS, type TabSpec } from '../../src/workbook/layout';
import { orderDraft, pieceDraft, readTable, residentDraft } from '../../src/workbook/tables';

const context: CodecContext = { timeZone: 'Asia/Shanghai', lang: 'zh-CN' };
const R = ['编号', '姓名', '在册'];
const O = ['编号', '计件单价', '数量', '接单日期', '状态'];
const P = ['日期', '居民编号', '订单编号', '完成数', '不合格数'];

const residents: CellValue[][] = [R, ['R001', '王秀英', ''], ['R002', '李桂兰', '否']];
const orders: CellValue[][] = [
  O,
  ['O1', 0.015, 10, '2026-10-05', '进行中'],
  ['O2', 2.5, '', '', '已完成'],
  ['O3', 1, '', '', '已取消'],
];

function validate(pieces: CellValue[][], closedMonths?: ReadonlySet<string>) {
  const table = (spec: TabSpec, name: string, values: CellValue[][]) =>
    readTable(spec, { name, values }, context);
  const r = table(RESIDENTS, '居民', residents);
  const o = table(ORDERS, '订单', orders);
  const p = table(PIECES, '计件', [P, ...pieces]);
  const absent = { found: false } as const;
  return validateLedger({
    today: '2026-11-28',
    ...(closedMonths ? { closedMonths } : {}),
    tabs: {
      residents: r.state,
      partners: absent,
      orders: o.state,
      pieces: p.state,
      adjustments: absent,
    },
    residents: r.rows.map(residentDraft),
    partners: [],
    orders: o.rows.map(orderDraft),
    pieces: p.rows.map(pieceDraft),
    adjustments: [],
  });
}

/** Pieces problems as "row column code". */
const piecesProblems = (result: ReturnType<typeof validate>): string[] =>
  result.problems
    .filter((problem) => problem.tab === 'pieces')
    .map((problem) => `${problem.row} ${problem.column ?? '-'} ${problem.code}`);

const october = new Set(['2026-10']);

describe('warnings about inactive residents and finished orders', () => {
  const rows: CellValue[][] = [
    ['2026-10-12', 'R002', 'O1', 1, 0],
    ['2026-10-31', 'R001', 'O2', 1, 0],
    ['2026-10-01', 'R001', 'O3', 1, 0],
    ['2026-11-02', 'R002', 'O1', 1, 0],
    ['2026-11-01', 'R001', 'O2', 1, 0],
    ['2026-11-03', 'R002', 'O3', 1, 0],
  ];

  it('are raised on every row while no month is closed', () => {
    expect(piecesProblems(validate(rows))).toEqual([
      '2 resident residentInactive',
      '3 order orderClosed',
      '4 order orderClosed',
      '5 resident residentInactive',
      '6 order orderClosed',
      '7 resident residentInactive',
      '7 order orderClosed',
    ]);
  });

  it('are not raised on rows of a closed month, and still raised on rows of open months', () => {
    const result = validate(rows, october);
    expect(piecesProblems(result)).toEqual([
      '5 resident residentInactive',
      '6 order orderClosed',
      '7 resident residentInactive',
      '7 order orderClosed',
    ]);
    // Warnings keep rows either way.
    expect(result.pieces.map((piece) => piece.row)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('depend on the month of the row, not of the order or of today', () => {
    const novemberClosed = validate(rows, new Set(['2026-11', '2026-09']));
    expect(piecesProblems(novemberClosed)).toEqual([
      '2 resident residentInactive',
      '3 order orderClosed',
      '4 order orderClosed',
    ]);
  });
});

describe('rows of a closed month', () => {
  it('still raise every other warning', () => {
    const result = validate(
      [
        ['2026-10-01', 'R001', 'O1', 1, 0], // before the order was received
        ['2026-10-10', 'R002', 'O1', 8, 0],
        ['2026-10-10', 'R002', 'O1', 8, 0], // looks like row 3, and crosses the quantity 10
      ],
      october,
    );
    expect(piecesProblems(result)).toEqual([
      '2 date dateBeforeReceived',
      '4 - looksDuplicate',
      '4 completed quantityExceeded',
    ]);
  });

  it('still raise errors, and a row whose date cannot be read is in no closed month', () => {
    const result = validate(
      [
        ['2026-10-12', 'R002', 'O2', 1, 2],
        ['2026-10-12', 'R009', 'O2', 1, 0],
        ['', 'R002', 'O2', 1, 0],
      ],
      october,
    );
    expect(piecesProblems(result)).toEqual([
      '2 rejected rejectedOverCompleted',
      '3 resident residentUnknown',
      '4 date dateMissing',
      '4 resident residentInactive',
      '4 order orderClosed',
    ]);
    expect(result.pieces).toEqual([]);
  });
});
