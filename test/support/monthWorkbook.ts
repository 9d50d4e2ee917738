/** Source tabs for month tests, in Chinese or English headers, as plain cell rows. */
import type { CellValue } from '../../src/workbook/cells';
import { EN_HEADERS, ZH_HEADERS } from './ledgerSheets';

export type Rows = CellValue[][];

export interface MonthSheets {
  residents: Rows;
  orders: Rows;
  pieces: Rows;
  adjustments: Rows;
  settings?: Rows;
}

const HEADERS = {
  zh: {
    ...ZH_HEADERS,
    names: {
      residents: '居民',
      partners: '合作单位',
      orders: '订单',
      pieces: '计件',
      adjustments: '调整',
      settings: '设置',
    },
  },
  en: {
    ...EN_HEADERS,
    names: {
      residents: 'Residents',
      partners: 'Partners',
      orders: 'Orders',
      pieces: 'Pieces',
      adjustments: 'Adjustments',
      settings: 'Settings',
    },
  },
} as const;

/** Tab name → rows (header first), ready for MemoryWorkbook or emulator.seed. */
export function monthTabs(sheets: MonthSheets, lang: 'zh' | 'en' = 'zh'): Record<string, Rows> {
  const h = HEADERS[lang];
  const partners: Rows = [['P1', lang === 'zh' ? '华美饰品' : 'Huamei', '', '', '', '']];
  const settings: Rows = sheets.settings ?? [
    [
      lang === 'zh' ? '机构名称' : 'Organization',
      lang === 'zh' ? '幸福社区工坊' : 'Happy Lane Workshop',
    ],
    [lang === 'zh' ? '货币' : 'Currency', '¥'],
  ];
  return {
    [h.names.residents]: [[...h.residents], ...sheets.residents],
    [h.names.partners]: [[...h.partners], ...partners],
    [h.names.orders]: [[...h.orders], ...sheets.orders],
    [h.names.pieces]: [[...h.pieces], ...sheets.pieces],
    [h.names.adjustments]: [[...h.adjustments], ...sheets.adjustments],
    [h.names.settings]: [[...h.settings], ...settings],
  };
}

export const residentRow = (
  id: string,
  name: string,
  category = '困难户',
  active: CellValue = '是',
): CellValue[] => [id, name, '', category, '', '', active, ''];

export const orderRow = (
  id: string,
  product: string,
  craft: string,
  rate: CellValue,
  extra: Partial<{
    price: CellValue;
    quantity: CellValue;
    received: CellValue;
    due: CellValue;
    status: string;
  }> = {},
): CellValue[] => [
  id,
  'P1',
  product,
  craft,
  rate,
  extra.price ?? '',
  extra.quantity ?? '',
  extra.received ?? '',
  extra.due ?? '',
  extra.status ?? '进行中',
  '',
];

export const pieceRow = (
  date: CellValue,
  resident: string,
  order: string,
  completed: CellValue,
  rejected: CellValue = 0,
  entry = '',
): CellValue[] => [date, resident, order, completed, rejected, '', '', entry];

export const adjustmentRow = (
  month: string,
  resident: string,
  amount: CellValue,
  reason = '',
): CellValue[] => [month, resident, amount, reason];

/** The hand-computed month of test/unit/payout.test.ts, as a workbook. */
export function handMonth(): MonthSheets {
  return {
    residents: [
      residentRow('R1', '王秀英', '困难户'),
      residentRow('R2', '李桂兰', '退休'),
      residentRow('R3', '张丽', '家庭主妇'),
      residentRow('007', '=HYPERLINK("http://x","y")', '困难边缘户'),
      residentRow('R5', '+86 138 0000 0000', '其他', '否'),
    ],
    orders: [
      orderRow('A', '发卡粘钻', '粘钻', 0.015),
      orderRow('B', '小挂件', '组装', 0.333),
      orderRow('C', '福字剪纸', '剪纸', 2.5),
      orderRow('D', '刺绣香包', '刺绣', 12.5),
    ],
    pieces: [
      pieceRow('2026-11-03', 'R1', 'A', 1000, 10),
      pieceRow('2026-11-04', 'R1', 'B', 7),
      pieceRow('2026-11-05', 'R2', 'C', 3, 1),
      pieceRow('2026-11-06', 'R2', 'A', 3),
      pieceRow('2026-11-30', 'R2', 'D', 1),
      pieceRow('2026-10-31', 'R1', 'D', 2),
      pieceRow('2026-11-08', '007', 'C', 2),
      pieceRow('2026-11-09', 'R5', 'C', 1),
    ],
    adjustments: [
      adjustmentRow('2026-11', 'R1', 5),
      adjustmentRow('2026-11', 'R2', -3),
      adjustmentRow('2026-11', 'R3', 20, '培训补贴'),
    ],
  };
}
