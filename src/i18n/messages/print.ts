import { defineMessages } from '../define';

/** Messages of the printed pages: payslip strips, page footers, statements' title blocks. */
export const printMessages = defineMessages(
  {
    printPage: '第 {page} 页',
    slipTitle: (p: { month: string }) => `工资条 ${p.month}`,
    slipRounding: '四舍五入（计件工资每人每月合计后取整一次）',
    slipNoReason: '（未填事由）',
    slipSignHere: '本人签名',
  },
  {
    printPage: 'Page {page}',
    slipTitle: (p) => `Payslip ${p.month}`,
    slipRounding: 'Rounding (piece pay is rounded once a month)',
    slipNoReason: '(no reason given)',
    slipSignHere: 'Signature',
  },
);
