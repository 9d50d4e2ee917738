import { defineMessages, icu } from '../define';

/**
 * Messages of month end (issue 17): the next step a refusal names, months out of reach, one tab
 * per role, what was paid at each closing, and what reopening does with corrections.
 */
export const monthMessages = defineMessages(
  {
    nextStepMenu: (p: { item: string; month: string }) =>
      p.month === ''
        ? `下一步：菜单「工坊」›「${p.item}」。`
        : `下一步：菜单「工坊」›「${p.item}」，选择 ${p.month}。`,
    nextStepCorrectMenu: '下一步：菜单「工坊」›「检查数据」，问是否写入更正行时选“是”。',
    monthBeforeFirstYear: (p: { month: string; firstYear: number }) =>
      `${p.month} 早于 ${p.firstYear} 年，不会是工坊账本中的月份；请检查月份是否输错。`,
    monthAfterNextYear: (p: { month: string; lastYear: number }) =>
      `${p.month} 晚于 ${p.lastYear} 年，还远没有到；请检查月份是否输错。`,
    monthFarFromRows: (p: { month: string; from: string; to: string }) =>
      `${p.month} 没有任何计件或调整行，也不在账本的月份附近（${p.from} 至 ${p.to}），没有可生成或结账的内容；请选这段时间里的月份。`,
    genClosedSamePay: '该月已结账；此后有行改动，但每人实发不变，已按现在的行重新生成，无需更正。',
    genClosedCorrected: (p: { month: string; closedAt: string; carriedIn: string }) =>
      `${p.month} 已于 ${p.closedAt} 结账；此后的改动已作为更正记入 ${p.carriedIn} 的「调整」表，随 ${p.carriedIn} 发放。${p.month} 的工资表保持结账时的样子，不再重新生成。`,
    unreadColumn: (p: { tab: string; column: string; renamed: string }) =>
      `「${p.tab}」缺少「${p.column}」列，这张表一行也没有读到，什么也没有写。${p.renamed ? `请把改过的表头「${p.renamed}」改回「${p.column}」` : '请运行「工坊 › 设置工作簿」补上这一列并填好'}，再试一次。`,
    tabRenamed: (p: { tab: string; renamed: string }) =>
      `没有「${p.tab}」表，「${p.renamed}」像是它改了名字。请改回「${p.tab}」，再试一次。`,
    titleRow: (p: { tab: string; row: number }) =>
      `「${p.tab}」的表头在第 ${p.row} 行，不在第 1 行，一行也没有读到。请删掉上面的行，再试一次。`,
    tabRolesClash: (p: { value?: string; other?: string }) =>
      `「${(p.value ?? '').split('\n').join('」「')}」都可当作「${(p.other ?? '').split('\n')[0] ?? ''}」表（名称只差大小写、空格、全角半角，或是别名，隐藏的表也算）。工坊不猜用哪一张：请把不用的那张改名（例如加“旧”字）或删除，再运行。`,
    genSettlementTitle: (p: { month: string }) =>
      `${p.month} 曾经结账发放过：请按“本次应发”发放，已发的部分不要重复发放`,
    closePaysNow: (p: { month: string; paid: string }) =>
      `${p.month} 曾经结账发放过：这次结账只发放还没发的 ${p.paid}（工资表和工资条上的“本次应发”）。`,
    genColEarlierPaid: '此前已发',
    genColCorrectedElsewhere: '已在他月更正',
    genColToPayNow: '本次应发',
    correctionWithdrawnReason: (p: { month: string }) =>
      `撤回 ${p.month} 的更正（${p.month} 已撤销结账，重新结账时一并发放）`,
    reopenWithdraws: (p: { month: string; count: number }) =>
      `撤销后，已为 ${p.month} 写入以后月份的 ${p.count} 笔更正将被撤回（在同一月份写入金额相反的调整行），改由 ${p.month} 重新结账时发放：`,
    reopenWithdrawLine: (p: {
      month: string;
      id: string;
      name: string;
      amount: string;
      rows: string;
    }) => `${p.month} ${p.id} ${p.name} ${p.amount}（「调整」第 ${p.rows} 行）`,
    reopenWithdrawnRecord: (p: { lines: string }) => `撤回的更正：${p.lines}`,
    reopenDoneWithdrawn: (p: { count: number }) =>
      `已在「调整」表写入 ${p.count} 行，撤回了这些更正。`,
    reopenCorrectionsPaid: (p: { month: string }) =>
      `${p.month} 的以下更正已随已结账的月份发放；撤销 ${p.month} 会重复发放：`,
  },
  {
    nextStepMenu: (p: { item: string; month: string }) =>
      p.month === ''
        ? `Next: menu Gongfang › ${p.item}.`
        : `Next: menu Gongfang › ${p.item}, and choose ${p.month}.`,
    nextStepCorrectMenu:
      'Next: menu Gongfang › Check data, and answer Yes when asked to write the correction rows.',
    monthBeforeFirstYear: (p: { month: string; firstYear: number }) =>
      `${p.month} is before ${p.firstYear}; no month of a Gongfang ledger is. Check the month for a typo.`,
    monthAfterNextYear: (p: { month: string; lastYear: number }) =>
      `${p.month} is after ${p.lastYear}, far in the future. Check the month for a typo.`,
    monthFarFromRows: (p: { month: string; from: string; to: string }) =>
      `${p.month} has no Pieces or Adjustments rows and is not near the ledger's months (${p.from} to ${p.to}): nothing in it to generate or close. Choose a month in that range.`,
    genClosedSamePay:
      "This month is closed; its rows changed since but no one's net pay did, so it was rebuilt from them. Nothing to correct.",
    genClosedCorrected: (p: { month: string; closedAt: string; carriedIn: string }) =>
      `${p.month} was closed on ${p.closedAt}; the changes since are corrections in ${p.carriedIn} (Adjustments), paid with ${p.carriedIn}. The payout of ${p.month} stays as it was closed and is not rebuilt.`,
    unreadColumn: (p: { tab: string; column: string; renamed: string }) =>
      `"${p.tab}" has no "${p.column}" column: none of its rows were read, and nothing was written. ${p.renamed ? `Change the header "${p.renamed}" back to "${p.column}"` : 'Run Gongfang › Set up workbook to add the column and fill it in'}, then try again.`,
    tabRenamed: (p: { tab: string; renamed: string }) =>
      `No "${p.tab}" tab: "${p.renamed}" seems to be it, renamed. Rename it back to "${p.tab}", then try again.`,
    titleRow: (p: { tab: string; row: number }) =>
      `The headers of "${p.tab}" are in row ${p.row}, not row 1: no row was read. Delete the rows above them, then try again.`,
    tabRolesClash: (p: { value?: string; other?: string }) =>
      `"${(p.value ?? '').split('\n').join('", "')}" could each be the ${(p.other ?? '').split('\n')[1] ?? ''} tab (their names differ only in case, spaces or width, or one is an alias; hidden tabs count too). Gongfang does not guess which: rename the one not in use (e.g. add "old") or delete it, then run again.`,
    genSettlementTitle: (p: { month: string }) =>
      `${p.month} was paid at an earlier closing: hand out "To pay now"; what was paid earlier is not paid again`,
    closePaysNow: (p: { month: string; paid: string }) =>
      `${p.month} was paid at an earlier closing: this closing hands out only what is still owed, ${p.paid} ("To pay now" on the payout and payslips).`,
    genColEarlierPaid: 'Paid earlier',
    genColCorrectedElsewhere: 'Corrected in other months',
    genColToPayNow: 'To pay now',
    correctionWithdrawnReason: (p: { month: string }) =>
      `Withdrawn: correction of ${p.month} (${p.month} reopened; paid when it is closed again)`,
    reopenWithdraws: (p: { month: string; count: number }) =>
      p.count === 1
        ? `Reopening withdraws the correction of ${p.month} written into a later month (an adjustment row of the opposite amount in the same month); ${p.month} pays it when it is closed again:`
        : `Reopening withdraws the ${p.count} corrections of ${p.month} written into later months (an adjustment row of the opposite amount in the same month each); ${p.month} pays them when it is closed again:`,
    reopenWithdrawLine: (p: {
      month: string;
      id: string;
      name: string;
      amount: string;
      rows: string;
    }) => `${p.month} ${p.id} ${p.name} ${p.amount} (Adjustments row ${p.rows})`,
    reopenWithdrawnRecord: (p: { lines: string }) => `Corrections withdrawn: ${p.lines}`,
    reopenDoneWithdrawn: icu(
      'en',
      '{count, plural, one {# row written to Adjustments withdraws that correction.} other {# rows written to Adjustments withdraw those corrections.}}',
    ),
    reopenCorrectionsPaid: (p: { month: string }) =>
      `These corrections of ${p.month} were paid with a closed month; reopening ${p.month} would pay them twice:`,
  },
);
