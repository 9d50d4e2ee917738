import { defineMessages, icu } from '../define';

/** Messages of trusted closing: guards, lost Closings, reopening, who closed, negative pay. */
export const closingMessages = defineMessages(
  {
    closingsNotRecognised: (p: { tab: string }) =>
      `「${p.tab}」工作表的前几行里没有 gongfang 认得的结账记录表头（可能是同事自己建的表），` +
      `而 gongfang 要在这个表里记录每次结账。请把这个工作表改名（例如「结账备注」），让 gongfang 新建自己的「${p.tab}」，然后再运行。`,
    closingsLost: (p: { tab: string; rows: number }) =>
      `「${p.tab}」结账记录读不到了（工作表被删除、清空，或前 ${p.rows} 行中找不到表头），为免把已结账月份当作未结账，暂停生成、结账和撤销结账。请从版本历史恢复该表（或撤销改名），然后再试。`,
    closingsProtection: '由工坊（Gongfang）记录的结账与撤销结账，请勿手工修改。',
    closeFutureMonth: (p: { month: string; today: string }) =>
      `${p.month} 还没有到（今天是 ${p.today}），不能结账。`,
    closeWarnEarly: (p: { month: string; lastDay: string }) =>
      `${p.month} 还没有结束（最后一天是 ${p.lastDay}），之后登记的计件将成为对已结账月份的更正。`,
    closeWarnEmpty: (p: { month: string }) => `${p.month} 没有任何计件或调整行。`,
    closeNeedsConfirm: (p: { month: string }) =>
      `结账 ${p.month} 前请确认以下情况；确认无误后再结账：`,
    closeNameMissing: '请填写结账人姓名。',
    reopenMenu: '撤销结账…',
    reopenTitle: '撤销结账',
    reopenNothing: '没有已结账的月份可以撤销。',
    reopenNotClosed: (p: { month: string }) => `${p.month} 没有结账，无需撤销。`,
    reopenNotLatest: (p: { month: string; latest: string }) =>
      `只能撤销最近一次结账的月份（${p.latest}）；${p.month} 之后还有已结账的月份，请先撤销后面的月份。`,
    reopenReasonMissing: '请填写撤销结账的原因。',
    reopenPrompt: (p: { month: string; closedAt: string; closedBy: string; plan: string }) =>
      `撤销 ${p.month} 的结账（${p.closedAt} 由 ${p.closedBy} 结账）？\n撤销后该月可以重新生成和结账，结账记录保留并注明撤销。\n${p.plan}请填写撤销原因：`,
    reopenDone: (p: { month: string }) =>
      `已撤销 ${p.month} 的结账。「结账」表保留了原记录和撤销记录；该月现在可以重新生成并再次结账。`,
    reopenCancelled: '已取消，未作改动。',
    netPayNegative: (p: { month: string; id: string; name: string; amount: string }) =>
      `${p.month} ${p.id} ${p.name} 的实发为负数（${p.amount}），请检查调整行。`,
    payoutNegativeNote: (p: { count: number }) => `注意：${p.count} 人实发为负数，请检查调整行。`,
  },
  {
    closingsNotRecognised: (p) =>
      `The first rows of the "${p.tab}" tab hold no header of Gongfang's closing records (perhaps a colleague made the tab), and Gongfang keeps the record of every closing there. ` +
      `Rename that tab (for example to "Closing notes") so that Gongfang makes its own "${p.tab}", then run it again.`,
    closingsLost: icu<{ tab: string; rows: number }>(
      'en',
      'The closing record "{tab}" can no longer be read (the tab was deleted or emptied, or no header is in its {rows, plural, one {first row} other {first # rows}}). So that closed months are not taken for open ones, Generate, Close and Reopen are paused. Restore the tab from the version history (or undo the rename), then try again.',
    ),
    closingsProtection: 'Closings and reopenings recorded by Gongfang; do not edit by hand.',
    closeFutureMonth: (p: { month: string; today: string }) =>
      `${p.month} has not come yet (today is ${p.today}); it cannot be closed.`,
    closeWarnEarly: (p: { month: string; lastDay: string }) =>
      `${p.month} is not over yet (its last day is ${p.lastDay}); pieces recorded later become corrections of a closed month.`,
    closeWarnEmpty: (p: { month: string }) =>
      `${p.month} has no Pieces or Adjustments rows at all.`,
    closeNeedsConfirm: (p: { month: string }) =>
      `Before closing ${p.month}, please confirm the following:`,
    closeNameMissing: 'Please type the name of who closes the month.',
    reopenMenu: 'Reopen month…',
    reopenTitle: 'Reopen month',
    reopenNothing: 'No month is closed, so there is nothing to reopen.',
    reopenNotClosed: (p: { month: string }) =>
      `${p.month} is not closed; there is nothing to reopen.`,
    reopenNotLatest: (p: { month: string; latest: string }) =>
      `Only the latest closed month (${p.latest}) can be reopened; months after ${p.month} are closed, so reopen those first.`,
    reopenReasonMissing: 'Please give the reason for reopening.',
    reopenPrompt: (p: { month: string; closedAt: string; closedBy: string; plan: string }) =>
      `Reopen ${p.month} (closed ${p.closedAt} by ${p.closedBy})?\nThe month can then be generated and closed again; its closing stays recorded, marked reopened.\n${p.plan}Reason for reopening:`,
    reopenDone: (p: { month: string }) =>
      `${p.month} is reopened. The Closings tab keeps the closing and records the reopening; the month can now be generated and closed again.`,
    reopenCancelled: 'Cancelled; nothing was changed.',
    netPayNegative: (p: { month: string; id: string; name: string; amount: string }) =>
      `${p.month} ${p.id} ${p.name}: net pay is negative (${p.amount}); check the adjustments.`,
    payoutNegativeNote: icu(
      'en',
      'Note: {count, plural, one {# resident has} other {# residents have}} a negative net pay; check the adjustments.',
    ),
  },
);
