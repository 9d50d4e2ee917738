/**
 * Workbooks as people really have them, made with exceljs: a WPS-style Chinese file with text
 * dates, formulas, a staff column, merged cells and styles; an English file with serial dates.
 * Both hold the same small month whose pay is worked out by hand below.
 */
import * as path from 'node:path';
import { Workbook as ExcelWorkbook } from 'exceljs';
import type { Worksheet } from 'exceljs';
import { t } from '../../src/i18n';
import type { Lang } from '../../src/i18n';
import { EN_HEADERS, ZH_HEADERS } from '../support/ledgerSheets';

/**
 * November 2026 by hand: R001 990 × 0.015 = 14.85 and 12 × 2.5 = 30.00 → 44.85;
 * R002 6 × 2.5 = 15.00, adjustment −1.50 → 13.50. October: R001 100 × 0.015 = 1.50.
 */
export const EXPECTED_NOVEMBER = {
  residentsPaid: 2,
  acceptedPieces: 1008,
  rejectedPieces: 11,
  piecePay: 5985,
  adjustments: -150,
  netPay: 5835,
} as const;

/** Days since 1899-12-30, as Excel stores dates. */
export function serialOf(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000 + 25_569;
}

function addSheet(book: ExcelWorkbook, name: string, rows: unknown[][]): Worksheet {
  const ws = book.addWorksheet(name);
  for (const row of rows) ws.addRow(row);
  return ws;
}

/** Saved as WPS users keep it: 中文 headers, dates typed as text, counts as formulas. */
export async function writeWpsStyle(folder: string, name = 'wps.xlsx'): Promise<string> {
  const book = new ExcelWorkbook();
  addSheet(book, '居民', [
    [...ZH_HEADERS.residents, '社工跟进'],
    ['R001', '王秀英', '13800000001', '困难户', '粘钻', '2025/3/1', '是', '', '每周一次'],
    ['R002', '李桂兰', '13800000002', '退休', '刺绣', '2025年4月2日', '是', '', ''],
  ]);
  addSheet(book, '合作单位', [ZH_HEADERS.partners, ['P01', '晶彩饰品', '钱经理', '', '', '']]);
  addSheet(book, '订单', [
    ZH_HEADERS.orders,
    ['O001', 'P01', '粘钻发夹', '粘钻', 0.015, '', 5000, '2026/10/1', '2026/12/31', '进行中', ''],
    ['O002', 'P01', '刺绣香囊', '刺绣', '2.5', '', 100, '2026-10-01', '2026-12-31', '进行中', ''],
  ]);
  const pieces = addSheet(book, '计件', [
    [...ZH_HEADERS.pieces, '备忘'],
    ['2026/10/20', 'R001', 'O001', 100, 0, '李老师', '', '1', ''],
    ['2026/11/3', 'R001', 'O001', 1000, 10, '李老师', '', '2', ''],
    ['2026年11月5日', 'R001', 'O002', { formula: '10+2', result: 12 }, 0, '李老师', '', '3', ''],
    ['2026-11-06', 'R002', 'O002', 7, 1, '李老师', '', '4', ''],
  ]);
  pieces.mergeCells('I2:J3');
  pieces.getCell('I2').value = '纸条已归档';
  pieces.getCell('F2').font = { bold: true, color: { argb: 'FFFF0000' } };
  pieces.getCell('F2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  pieces.getColumn(9).width = 24;
  addSheet(book, '调整', [ZH_HEADERS.adjustments, ['2026-11', 'R002', '-1.50', '材料损耗']]);
  addSheet(book, '设置', [ZH_HEADERS.settings, ['机构名称', '幸福里手工坊'], ['货币', '¥']]);
  const file = path.join(folder, name);
  await book.xlsx.writeFile(file);
  return file;
}

/** An English workbook whose dates are plain serial numbers (as some exports leave them). */
export async function writeEnglishSerial(folder: string, name = 'english.xlsx'): Promise<string> {
  const book = new ExcelWorkbook();
  addSheet(book, 'Residents', [
    EN_HEADERS.residents,
    ['R001', 'Wang Xiuying', '', 'hardship', '', serialOf('2025-03-01'), 'yes', ''],
    ['R002', 'Li Guilan', '', 'retired', '', serialOf('2025-04-02'), 'yes', ''],
  ]);
  addSheet(book, 'Partners', [EN_HEADERS.partners, ['P01', 'Jingcai', '', '', '', '']]);
  addSheet(book, 'Orders', [
    EN_HEADERS.orders,
    [
      'O001',
      'P01',
      'Hair clips',
      'rhinestone',
      0.015,
      '',
      5000,
      serialOf('2026-10-01'),
      serialOf('2026-12-31'),
      'open',
      '',
    ],
    [
      'O002',
      'P01',
      'Sachets',
      'embroidery',
      2.5,
      '',
      100,
      serialOf('2026-10-01'),
      serialOf('2026-12-31'),
      'open',
      '',
    ],
  ]);
  addSheet(book, 'Pieces', [
    EN_HEADERS.pieces,
    [serialOf('2026-10-20'), 'R001', 'O001', 100, 0, 'Li', '', '1'],
    [serialOf('2026-11-03'), 'R001', 'O001', 1000, 10, 'Li', '', '2'],
    [serialOf('2026-11-05'), 'R001', 'O002', 12, 0, 'Li', '', '3'],
    [serialOf('2026-11-06'), 'R002', 'O002', 7, 1, 'Li', '', '4'],
  ]);
  addSheet(book, 'Adjustments', [EN_HEADERS.adjustments, ['2026-11', 'R002', -1.5, 'material']]);
  addSheet(book, 'Settings', [EN_HEADERS.settings, ['Organization', 'Xingfuli']]);
  const file = path.join(folder, name);
  await book.xlsx.writeFile(file);
  return file;
}

export interface PayoutLine {
  readonly id: string;
  readonly piecePay: number;
  readonly adjustments: number;
  readonly netPay: number;
}

const fen = (value: unknown) => Math.round(Number(value) * 100);

/** The resident lines and the totals row of a Payout tab, in fen. */
export function readPayout(ws: Worksheet, lang: Lang) {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1);
  });
  const header = rows.findIndex((r) => r?.[0] === t(lang, 'genColId') && r?.[7] !== undefined);
  const totalsAt = rows.findIndex((r, i) => i > header && r?.[0] === t(lang, 'genTotal'));
  if (header < 0 || totalsAt < 0) throw new Error('payout layout not found');
  // A page that starts inside the table starts with its header again: not a line.
  const body = rows.slice(header + 1, totalsAt).filter((r) => r?.[0] !== t(lang, 'genColId'));
  const lines: PayoutLine[] = body.map((r) => ({
    id: String(r[0]),
    piecePay: fen(r[5]),
    adjustments: fen(r[6]),
    netPay: fen(r[7]),
  }));
  const totals = rows[totalsAt] ?? [];
  return {
    lines,
    totals: { piecePay: fen(totals[5]), adjustments: fen(totals[6]), netPay: fen(totals[7]) },
  };
}
