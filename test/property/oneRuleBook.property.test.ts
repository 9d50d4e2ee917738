/**
 * One rule book: for random rows, the checks while typing (features/editCheck.ts, one edited
 * row at a time) and Check data (validateLedgerTabs over the whole tab) find the same problems,
 * every one, except those only the whole tab can decide (TAB_WIDE_CODES). And tidying never
 * changes what Check data concludes: the tidied rows give the same problems as the typed ones.
 */
import fc from 'fast-check';
import { isTabWide } from '../../src/domain/validation';
import type { Problem } from '../../src/domain/problems';
import {
  type EditContext,
  type LedgerTabKey,
  buildEditContext,
  checkEdit,
} from '../../src/features/editCheck';
import type { CellValue } from '../../src/workbook/cells';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { validateSheets } from '../support/validate';
import {
  ADJUSTMENT_HEADER,
  ORDER_HEADER,
  PARTNER_HEADER,
  PIECE_HEADER,
  RESIDENT_HEADER,
} from '../support/ledgerSheets';
import { anyCell } from './arbitraries';

const TODAY = '2026-11-20';
const RESIDENTS: CellValue[][] = [
  RESIDENT_HEADER,
  ['R1', '王', '', '困难户', '', '', '是', ''],
  ['R2', '李', '', '退休', '', '', '否', ''],
  ['R3', '张', '', 'nobody', '', '', '是', ''],
  ['', '无编号', '', '', '', '', '', ''],
];
const PARTNERS: CellValue[][] = [PARTNER_HEADER, ['P1', '华美', '', '', '', '']];
const ORDERS: CellValue[][] = [
  ORDER_HEADER,
  ['O1', 'P1', '窗花', '剪纸', 0.5, '', 100, '2026-03-01', '', '进行中', ''],
  ['O2', 'P1', '香囊', '刺绣', 2.5, '', '', '2026-10-01', '', '已完成', ''],
  ['O3', 'P9', '挂件', '组装', '', '', '', '', '', '', ''],
];

/** Cells staff type, tidyable ones included, and anything a backend may hand over. */
const typed = (...likely: CellValue[]): fc.Arbitrary<CellValue> =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...likely) }, { weight: 1, arbitrary: anyCell });
const date = typed(
  '2026-11-03',
  '２０２６年１１月３日',
  '2026/11/3',
  '2026-12-30',
  '2026-02-01',
  '',
  'x',
);
const resident = typed('R1', 'r1 ', 'Ｒ２', 'R3', 'R9', '');
const order = typed('O1', 'o2', 'O3', 'O9', '');
const count = typed(3, '３０', '1，000', '12', '', -1, 2.5, 'ten');
const month = typed('2026-11', '2026年11月', '２０２６-１０', '', 'soon');
const money = typed(12.5, '１２.５', '¥1,000.00', '(3.50)', '', 'fifty');
const rate = typed(0.5, '０.５', '0.015元/件', '', -1, '0.12345');

const pieceRows = fc.array(
  fc.tuple(
    date,
    resident,
    order,
    count,
    count,
    typed('王老师', ''),
    typed(''),
    typed('E1', 'E2', ''),
  ),
  { minLength: 1, maxLength: 12 },
);
const adjustmentRows = fc.array(fc.tuple(month, resident, money, typed('奖励', '')), {
  minLength: 1,
  maxLength: 8,
});
const orderRows = fc.array(
  fc.tuple(
    typed('O7', 'O8', ''),
    typed('P1', 'p1', 'P9', ''),
    typed('产品'),
    typed('剪纸', 'embroidery', ''),
    rate,
    rate,
    count,
    date,
    date,
    typed('进行中', 'done', '??', ''),
    typed(''),
  ),
  { minLength: 1, maxLength: 8 },
);

function contextOf(tabs: Record<string, CellValue[][]>, autoCorrect: boolean): EditContext {
  const settings = [
    ['项目', '值'],
    ['自动更正', autoCorrect ? '开' : '关'],
  ];
  const workbook = new MemoryWorkbook({ ...tabs, 设置: settings });
  return buildEditContext(
    {
      workbook,
      headerOf: (names) => {
        const found = workbook.readTab(names);
        return found && { name: found.name, values: found.values.slice(0, 1) };
      },
      tabNames: () => workbook.tabs.map((tab) => tab.name),
    },
    TODAY,
    0,
  );
}

const comparable = (problems: readonly Problem[]) =>
  problems
    .filter((p) => !isTabWide(p.code) && p.row >= 2)
    .map(({ severity, tab, row, column, code, params }) => ({
      severity,
      tab,
      row,
      column,
      code,
      params,
    }));

/** Each row edited alone, as the trigger sees it. */
function editedOneByOne(
  context: EditContext,
  tab: LedgerTabKey,
  rows: readonly CellValue[][],
): { problems: Problem[]; tidiedRows: CellValue[][] } {
  const problems: Problem[] = [];
  const tidiedRows = rows.map((cells, i) => {
    const answer = checkEdit(
      context,
      {
        tab,
        firstRow: i + 2,
        values: [cells],
        notes: [cells.map(() => '')],
        editedColumns: { first: 1, last: cells.length },
      },
      TODAY,
    );
    problems.push(...answer.problems);
    const tidied = [...cells];
    for (const cell of answer.tidied) tidied[cell.column - 1] = cell.value.value;
    return tidied;
  });
  return { problems, tidiedRows };
}

const SHEETS = { residents: RESIDENTS, partners: PARTNERS, orders: ORDERS };
const NAMES = { 居民: RESIDENTS, 合作单位: PARTNERS, 订单: ORDERS };

describe('one rule book for Check data and the checks while typing', () => {
  const cases = [
    { tab: 'pieces' as const, name: '计件', header: PIECE_HEADER, rows: pieceRows },
    { tab: 'adjustments' as const, name: '调整', header: ADJUSTMENT_HEADER, rows: adjustmentRows },
    { tab: 'orders' as const, name: '订单', header: ORDER_HEADER, rows: orderRows },
  ];
  it.each(cases)(
    'agree on every problem and every tidied value ($tab)',
    ({ tab, name, header, rows }) => {
      fc.assert(
        fc.property(rows, fc.boolean(), (generated, autoCorrect) => {
          const typedRows = generated.map((row) => [...row] as CellValue[]);
          // Orders edited are checked against the fixed ones (their partners and IDs).
          const own = tab === 'orders' ? [...ORDERS, ...typedRows] : [header, ...typedRows];
          const sheets = { ...SHEETS, [tab]: own };
          const context = contextOf(
            {
              ...NAMES,
              计件: [PIECE_HEADER],
              调整: [ADJUSTMENT_HEADER],
              [name]: own.slice(0, tab === 'orders' ? ORDERS.length : 1),
            },
            autoCorrect,
          );
          const offset = tab === 'orders' ? ORDERS.length - 1 : 0;
          const checkData = comparable(validateSheets(sheets, TODAY).problems).filter(
            (p) => p.tab === tab && p.row > offset + 1,
          );
          const edited = editedOneByOne(context, tab, typedRows);
          const whileTyping = comparable(edited.problems).map((p) => ({
            ...p,
            row: p.row + offset,
          }));
          expect(whileTyping).toEqual(checkData);
          // Check data over the tidied rows concludes exactly what it did over the typed ones.
          const tidiedSheets = {
            ...SHEETS,
            [tab]:
              tab === 'orders' ? [...ORDERS, ...edited.tidiedRows] : [header, ...edited.tidiedRows],
          };
          expect(validateSheets(tidiedSheets, TODAY).problems).toEqual(
            validateSheets(sheets, TODAY).problems,
          );
          if (!autoCorrect) expect(edited.tidiedRows).toEqual(typedRows);
        }),
        { numRuns: 150 },
      );
    },
  );
});
