/** A small, valid workshop ledger as cell values, in Chinese headers, for tests to vary. */
import type { CellValue } from '../../src/workbook/cells';

export type Sheet = CellValue[][];

export const RESIDENT_HEADER = ['编号', '姓名', '电话', '类别', '技能', '加入日期', '在册', '备注'];
export const PARTNER_HEADER = ['编号', '名称', '联系人', '共享邮箱', '进度表', '备注'];
export const ORDER_HEADER = [
  '编号',
  '合作单位',
  '产品',
  '工艺',
  '计件单价',
  '合同单价',
  '数量',
  '接单日期',
  '交货日期',
  '状态',
  '备注',
];
export const PIECE_HEADER = [
  '日期',
  '居民编号',
  '订单编号',
  '完成数',
  '不合格数',
  '登记人',
  '备注',
  '记录号',
];
export const ADJUSTMENT_HEADER = ['月份', '居民编号', '金额', '事由'];
export const SETTING_HEADER = ['项目', '值'];

/**
 * The same headers in English. Written out here, once for all tests, rather than derived from
 * src/workbook/layout.ts, so that an accidental change to the layout fails the tests.
 */
export const EN_HEADERS = {
  residents: ['ID', 'Name', 'Phone', 'Category', 'Skills', 'Joined', 'Active', 'Notes'],
  partners: ['ID', 'Name', 'Contact', 'Share emails', 'Report', 'Notes'],
  orders: [
    'ID',
    'Partner',
    'Product',
    'Craft',
    'Pay rate',
    'Partner price',
    'Quantity',
    'Received',
    'Due',
    'Status',
    'Notes',
  ],
  pieces: ['Date', 'Resident', 'Order', 'Completed', 'Rejected', 'Recorded by', 'Notes', 'Entry'],
  adjustments: ['Month', 'Resident', 'Amount', 'Reason'],
  settings: ['Setting', 'Value'],
};

export const ZH_HEADERS = {
  residents: RESIDENT_HEADER,
  partners: PARTNER_HEADER,
  orders: ORDER_HEADER,
  pieces: PIECE_HEADER,
  adjustments: ADJUSTMENT_HEADER,
  settings: SETTING_HEADER,
};

export function sampleSheets(): Record<string, Sheet> {
  return {
    居民: [
      RESIDENT_HEADER,
      ['R001', '王秀英', 13800138000, '困难户', '剪纸', '2026-03-01', true, ''],
      ['R002', '李桂兰', '', '退休', '刺绣', '', true, ''],
      ['R003', '张凤', '', '家庭主妇', '', '', false, '已搬走'],
    ],
    合作单位: [PARTNER_HEADER, ['P01', '红星文创', '刘经理', 'a@x.cn', '', '']],
    订单: [
      ORDER_HEADER,
      ['O-1', 'P01', '窗花', '剪纸', 0.015, 0.03, 1000, '2026-10-20', '2026-12-01', '进行中', ''],
      ['O-2', 'P01', '香包', '刺绣', 2.5, '', '', '2026-10-01', '', '已完成', ''],
    ],
    计件: [
      PIECE_HEADER,
      ['2026-11-03', 'R001', 'O-1', 100, 2, '小陈', '', 'E1'],
      ['2026-11-04', 'R002', 'O-2', 10, 0, '小陈', '', 'E2'],
    ],
    调整: [ADJUSTMENT_HEADER, ['2026-11', 'R001', -5, '材料费']],
    设置: [SETTING_HEADER, ['机构名称', '幸福社区工坊'], ['货币', '¥']],
  };
}
