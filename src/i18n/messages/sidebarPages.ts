import { defineMessages, icu } from '../define';

/**
 * Words only the sidebars' pages show (labels, buttons, what a page says as it works): apart
 * from sidebars.ts so that Code.js leaves them out (scripts/build.mjs PAGE_MESSAGES).
 */
export const sidebarPageMessages = defineMessages(
  {
    sbLoading: '正在读取…',
    sbSearchHint: '编号、姓名或拼音（如 wxy）',
    sbAddLine: '加入列表',
    sbRemove: '删除',
    sbSubmit: '提交',
    sbSubmitAnyway: '仍然提交',
    sbUndo: '撤销这批',
    sbQueueEmpty: '还没有加入任何一行。',
    sbTotals: (p: { date: string; lines: number; accepted: number; pay: string }) =>
      `${p.date}：${p.lines} 行，合格 ${p.accepted} 件，工资 ${p.pay}`,
    sbRedated: (p: { lines: number; date: string }) =>
      `列表中的 ${p.lines} 行都改记在 ${p.date}（一批只有一个日期）。`,
    sbLine: (p: {
      resident: string;
      order: string;
      accepted: number;
      rejected: number;
      pay: string;
    }) => `${p.resident} · ${p.order}：合格 ${p.accepted}（不合格 ${p.rejected}）· ${p.pay}`,
    sbOrderOption: (p: {
      id: string;
      product: string;
      craft: string;
      rate: string;
      left: string;
      due: string;
    }) => `${p.id} ${p.product}（${p.craft}）单价 ${p.rate} · 剩余 ${p.left} · 交货 ${p.due}`,
    sbNoDue: '未定',
    sbUnlimited: '不限',
    sbInactive: '不在册',
    sbRecent: '最近',
    sbNoMatch: '没有找到。',
    sbNoMatchReopen: '没有找到。刚在表里新增的，关闭侧边栏、从菜单再打开后才会列出。',
    sbPickResident: '请先选择居民。',
    sbPickOrder: '请先选择订单。',
    sbNoOpenOrder:
      '没有进行中的订单。请用「工坊 › 新增订单…」添加，或在「订单」表把状态改回“进行中”，再点「刷新订单和居民」。',
    sbRefreshLists: '刷新订单和居民',
    sbRefreshed: '已刷新订单和居民。',
    sbOrderGone: (p: { order: string; now: string }) =>
      `订单「${p.order}」已不是进行中，已改选「${p.now}」，请先确认订单。`,
    sbCountInvalid: '完成数和不合格数须为不小于 0 的整数，不合格数不能大于完成数。',
    sbWarnInactive: (p: { resident: string }) => `${p.resident} 不在册。`,
    sbWarnOverQuantity: (p: { order: string; left: number }) =>
      `订单 ${p.order} 只剩 ${p.left} 件，这批已超过订单数量。`,
    sbRefused: '有错误，没有写入任何一行：',
    sbWarningsFound: '请确认以下提醒，然后点「仍然提交」：',
    sbWritten: (p: { count: number; rows: string; tab: string }) =>
      `已写入「${p.tab}」${p.count} 行（第 ${p.rows} 行）。`,
    sbAlreadyWritten: (p: { count: number; rows: string }) =>
      `其中 ${p.count} 行之前已经写入（第 ${p.rows} 行），没有重复写入。`,
    sbUndone: (p: { count: number }) => `已撤销：删除了这批的 ${p.count} 行。`,
    sbUndoneBefore: '这批的行已经不在表里了（可能上次撤销已完成），没有再删除。',
    sbUndoChanged: '这批中有行在写入后被改动或删除，为安全起见没有删除任何一行：',
    sbMonthPay: (p: { month: string }) => `${p.month} 至今`,
    sbAccepted: '合格件数',
    sbPiecePay: '计件工资',
    sbAdjustments: '调整',
    sbNetPay: '实发',
    sbLastMonths: '近 6 个月实发',
    sbOrdersThisMonth: '本月做过的订单',
    sbNoWork: '本月还没有计件。',
    sbShowPhone: '点击显示',
    sbActive: '在册',
    sbYes: '是',
    sbNo: '否',
    sbSave: '保存',
    sbAlreadyAll: (p: { count: number; rows: string; tab: string }) =>
      `这批 ${p.count} 行之前已经写入「${p.tab}」（第 ${p.rows} 行），没有重复写入。`,
    sbMaybeWritten:
      '没有收到 Google 的回复，这批可能已经写入。请再点「提交」：已写入的行不会重复写入。',
    sbSending: '正在提交…',
    sbSaving: '正在保存…',
    sbRetry: '重试',
    sbLoadFailed: '没能读取表格。',
    sbCountTooLarge: (p: { max: string }) => `一行的件数不能超过 ${p.max}。`,
    sbResidentsList: '匹配的居民',
    sbShowCard: '查看',
    sbQueueList: '待提交的行',
  },
  {
    sbLoading: 'Reading…',
    sbSearchHint: 'ID, name or pinyin (e.g. wxy)',
    sbAddLine: 'Add line',
    sbRemove: 'Remove',
    sbSubmit: 'Submit',
    sbSubmitAnyway: 'Submit anyway',
    sbUndo: 'Undo this batch',
    sbQueueEmpty: 'No lines yet.',
    sbTotals: icu(
      'en',
      '{date}: {lines, plural, one {# line} other {# lines}}, {accepted} accepted, pay {pay}',
    ),
    sbRedated: icu(
      'en',
      '{lines, plural, one {The line} other {All # lines}} in the list now go under {date} (one date a batch).',
    ),
    sbLine: (p: {
      resident: string;
      order: string;
      accepted: number;
      rejected: number;
      pay: string;
    }) => `${p.resident} · ${p.order}: ${p.accepted} accepted (${p.rejected} rejected) · ${p.pay}`,
    sbOrderOption: (p: {
      id: string;
      product: string;
      craft: string;
      rate: string;
      left: string;
      due: string;
    }) => `${p.id} ${p.product} (${p.craft}) rate ${p.rate} · ${p.left} left · due ${p.due}`,
    sbNoDue: 'not set',
    sbUnlimited: 'no limit',
    sbInactive: 'inactive',
    sbRecent: 'recent',
    sbNoMatch: 'Nobody found.',
    sbNoMatchReopen:
      'Nobody found. Someone just added to the sheet is listed once the sidebar is opened again from the menu.',
    sbPickResident: 'Pick a resident first.',
    sbPickOrder: 'Pick an order first.',
    sbNoOpenOrder:
      'No order is open. Add one (Gongfang › New order…) or set its Status back to open on the Orders tab, then click Refresh orders and residents.',
    sbRefreshLists: 'Refresh orders and residents',
    sbRefreshed: 'Orders and residents refreshed.',
    sbOrderGone: (p) =>
      `Order ${p.order} is no longer open; ${p.now} is picked instead. Check the order first.`,
    sbCountInvalid:
      'Completed and rejected must be whole numbers, 0 or more, and rejected no more than completed.',
    sbWarnInactive: (p: { resident: string }) => `${p.resident} is not active.`,
    sbWarnOverQuantity: icu(
      'en',
      'Order {order} has only {left, plural, one {# piece} other {# pieces}} left; this batch goes beyond its quantity.',
    ),
    sbRefused: 'There are errors; nothing was written:',
    sbWarningsFound: 'Please check these warnings, then click Submit anyway:',
    sbWritten: icu(
      'en',
      'Wrote {count, plural, one {# row to {tab} (row {rows})} other {# rows to {tab} (rows {rows})}}.',
    ),
    sbAlreadyWritten: (p: { count: number; rows: string }) =>
      `${p.count} of them had been written before (rows ${p.rows}) and were not written again.`,
    sbUndone: icu('en', "Undone: removed this batch's {count, plural, one {row} other {# rows}}."),
    sbUndoneBefore:
      "This batch's rows are gone already (an earlier Undo, perhaps); nothing more was removed.",
    sbUndoChanged:
      'Some rows of this batch were changed or removed since they were written; to be safe, nothing was removed:',
    sbMonthPay: (p: { month: string }) => `${p.month} so far`,
    sbAccepted: 'Accepted',
    sbPiecePay: 'Piece pay',
    sbAdjustments: 'Adjustments',
    sbNetPay: 'Net pay',
    sbLastMonths: 'Net pay, last 6 months',
    sbOrdersThisMonth: 'Orders this month',
    sbNoWork: 'No pieces this month yet.',
    sbShowPhone: 'click to show',
    sbActive: 'Active',
    sbYes: 'yes',
    sbNo: 'no',
    sbSave: 'Save',
    sbAlreadyAll: icu(
      'en',
      '{count, plural, one {The line of this batch had been written to {tab} before (row {rows})} other {The # lines of this batch had been written to {tab} before (rows {rows})}}; nothing was written twice.',
    ),
    sbMaybeWritten:
      'No reply came back from Google, so this batch may have been written. Click Submit again: lines already written are never written twice.',
    sbSending: 'Submitting…',
    sbSaving: 'Saving…',
    sbRetry: 'Try again',
    sbLoadFailed: 'Could not read the spreadsheet.',
    sbCountTooLarge: (p: { max: string }) => `A line can have at most ${p.max} pieces.`,
    sbResidentsList: 'Matching residents',
    sbShowCard: 'Show',
    sbQueueList: 'Lines to submit',
  },
);
