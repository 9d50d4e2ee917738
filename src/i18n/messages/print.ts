import { defineMessages, icu } from '../define';

/** Messages of the printed pages: payslip strips, page footers, statements' title blocks. */
export const printMessages = defineMessages(
  {
    printPage: '第 {page} 页',
    slipTitle: (p: { month: string }) => `工资条 ${p.month}`,
    slipRounding: '四舍五入（计件工资每人每月合计后取整一次）',
    slipNoReason: '（未填事由）',
    slipSignHere: '本人签名',
    slipAdjustment: '调整',
    trendTitle: icu<{ months: number }>('zh-CN', '{months, plural, =1 {本月} other {近 # 个月}}'),
    trendChartNetPay: icu<{ months: number }>(
      'zh-CN',
      '{months, plural, =1 {本月} other {近 # 个月}}实发合计',
    ),
    trendChartAccepted: icu<{ months: number }>(
      'zh-CN',
      '{months, plural, =1 {本月} other {近 # 个月}}合格件数',
    ),
    figUnpricedPiecePay: '未定价订单的计件工资',
    payoutColOrderProduct: '订单 产品',
    ptPeriod: '对账期间',
    ptPeriodValue: (p: { first: string; last: string }) => `${p.first} 至 ${p.last}`,
    ptProgressNotes:
      '说明：合格数 = 完成数 − 不合格数。“每日需完成”为剩余数量 ÷ 剩余天数（向上取整）。“近14天日均”为截至统计日前14天的日均合格数。本表不含任何个人信息。',
    ptStatementNotes:
      '说明：合格数 = 完成数 − 不合格数。金额 = 本月合格数 × 合同单价，每行四舍五入到分（0.005 元进为 0.01 元），合计为各行金额之和。未定价的订单不计入合计。参与人数少于5人时显示“<5”。本表不含任何个人信息。',
    ptColUnpricedPay: '计件工资（未定价订单）',
  },
  {
    printPage: 'Page {page}',
    slipTitle: (p) => `Payslip ${p.month}`,
    slipRounding: 'Rounding (piece pay is rounded once a month)',
    slipNoReason: '(no reason given)',
    slipSignHere: 'Signature',
    slipAdjustment: 'Adjustment',
    trendTitle: icu('en', '{months, plural, one {This month} other {Last # months}}'),
    trendChartNetPay: icu(
      'en',
      'Net pay, {months, plural, one {this month} other {last # months}}',
    ),
    trendChartAccepted: icu(
      'en',
      'Accepted pieces, {months, plural, one {this month} other {last # months}}',
    ),
    figUnpricedPiecePay: 'Piece pay, unpriced orders',
    payoutColOrderProduct: 'Order, product',
    ptPeriod: 'Period',
    ptPeriodValue: (p) => `${p.first} to ${p.last}`,
    ptProgressNotes:
      'Notes: accepted = completed − rejected. "Needed a day" is the remaining quantity ÷ the days left, rounded up. "Pace (14 days)" is the accepted pieces a day over the 14 days up to the as-of date. This report holds no personal data.',
    ptStatementNotes:
      'Notes: accepted = completed − rejected. Amount = accepted this month × partner price, each line rounded half up to the fen (0.005 yuan becomes 0.01); the total is the sum of the lines. Orders without a partner price are not in the total. Fewer than 5 residents are shown as "<5". This report holds no personal data.',
    ptColUnpricedPay: 'Piece pay, unpriced orders',
  },
);
