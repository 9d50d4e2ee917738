import { defineMessages, icu } from '../define';

/** Messages of the daily sidebars: Record pieces, Look up a resident, New resident, New order. */
export const sidebarMessages = defineMessages(
  {
    menuRecordPieces: '记件…',
    menuLookUp: '查居民…',
    menuNewResident: '新增居民…',
    menuNewOrder: '新增订单…',
    sbRecordTitle: '记件',
    sbLookUpTitle: '查居民',
    sbNewResidentTitle: '新增居民',
    sbNewOrderTitle: '新增订单',
    sbLoading: '正在读取…',
    sbDate: '日期',
    sbOrder: '订单',
    sbResident: '居民',
    sbSearchHint: '编号、姓名或拼音（如 wxy）',
    sbCompleted: '完成数',
    sbRejected: '不合格数',
    sbRecordedBy: '登记人',
    sbNotes: '备注',
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
    sbCountInvalid: '完成数和不合格数须为不小于 0 的整数，不合格数不能大于完成数。',
    sbWarnInactive: (p: { resident: string }) => `${p.resident} 不在册。`,
    sbWarnOverQuantity: (p: { order: string; left: number }) =>
      `订单 ${p.order} 只剩 ${p.left} 件，这批已超过订单数量。`,
    sbClosedMonth: (p: { month: string }) =>
      `${p.month} 已结账，不能再登记该月的计件。请改用当前月份的日期；要更正已结账月份，请在「调整」表加调整行。`,
    sbDateInvalid: (p: { value: string }) => `日期「${p.value}」无法识别，请按 2026-11-03 填写。`,
    sbDateFromOpening: (p: { date: string; today: string }) =>
      `日期仍是打开侧边栏那天（${p.date}），今天是 ${p.today}：今天的活请先改日期。`,
    sbLineProblem: (p: { line: number; message: string }) => `第 ${p.line} 项：${p.message}`,
    sbRefused: '有错误，没有写入任何一行：',
    sbWarningsFound: '请确认以下提醒，然后点「仍然提交」：',
    sbWritten: (p: { count: number; rows: string; tab: string }) =>
      `已写入「${p.tab}」${p.count} 行（第 ${p.rows} 行）。`,
    sbAlreadyWritten: (p: { count: number; rows: string }) =>
      `其中 ${p.count} 行之前已经写入（第 ${p.rows} 行），没有重复写入。`,
    sbUndone: (p: { count: number }) => `已撤销：删除了这批的 ${p.count} 行。`,
    sbUndoneBefore: '这批的行已经不在表里了（可能上次撤销已完成），没有再删除。',
    sbUndoClosedMonth: (p: { month: string }) =>
      `${p.month} 已结账，不能再撤销，请在「调整」表更正。`,
    sbUndoChanged: '这批中有行在写入后被改动或删除，为安全起见没有删除任何一行：',
    sbUndoRowChanged: (p: { row: number }) => `第 ${p.row} 行已被改动`,
    sbUndoRowMissing: (p: { entry: string }) => `记录号 ${p.entry} 的行已不存在`,
    sbNeedsSetUp: (p: { tab: string }) =>
      `「${p.tab}」缺少需要的列。请先运行菜单「工坊 › 设置工作簿」。`,
    sbMonthPay: (p: { month: string }) => `${p.month} 至今`,
    sbAccepted: '合格件数',
    sbPiecePay: '计件工资',
    sbAdjustments: '调整',
    sbNetPay: '实发',
    sbLastMonths: '近 6 个月实发',
    sbOrdersThisMonth: '本月做过的订单',
    sbNoWork: '本月还没有计件。',
    sbPhone: '电话',
    sbShowPhone: '点击显示',
    sbCategory: '类别',
    sbActive: '在册',
    sbYes: '是',
    sbNo: '否',
    sbId: '编号',
    sbName: '姓名',
    sbSkills: '技能',
    sbJoined: '加入日期',
    sbPartner: '合作单位',
    sbProduct: '产品',
    sbCraft: '工艺',
    sbPayRate: '计件单价',
    sbPartnerPrice: '合同单价',
    sbQuantity: '数量',
    sbReceived: '接单日期',
    sbDue: '交货日期',
    sbSave: '保存',
    sbStatus: '状态',
    sbRequired: (p: { field: string }) => `请填写「${p.field}」。`,
    sbIdTaken: (p: { id: string; next: string }) =>
      `编号 ${p.id} 已被使用（可能是同事刚刚新增的），建议改用 ${p.next}。`,
    sbSameNamePhone: (p: { id: string; name: string }) =>
      `已有同名同电话的居民：${p.id} ${p.name}。确定是另一个人吗？`,
    sbSaved: (p: { id: string; tab: string; row: number }) =>
      `已保存 ${p.id}（「${p.tab}」第 ${p.row} 行）。`,
    sbSavedBefore: (p: { id: string; tab: string; row: number }) =>
      `${p.id} 已经在「${p.tab}」第 ${p.row} 行（内容相同），没有重复写入。`,
    sbAlreadyAll: (p: { count: number; rows: string; tab: string }) =>
      `这批 ${p.count} 行之前已经写入「${p.tab}」（第 ${p.rows} 行），没有重复写入。`,
    sbMaybeWritten:
      '没有收到 Google 的回复，这批可能已经写入。请再点「提交」：已写入的行不会重复写入。',
    sbSending: '正在提交…',
    sbSaving: '正在保存…',
    sbRetry: '重试',
    sbLoadFailed: '没能读取表格。',
    sbTooLong: (p: { field: string; max: number }) => `「${p.field}」最多 ${p.max} 个字。`,
    sbCountTooLarge: (p: { max: string }) => `一行的件数不能超过 ${p.max}。`,
    sbBadPayload: '页面发来的内容无法读取，没有写入。请关闭侧边栏，再从菜单打开一次。',
    sbResidentsList: '匹配的居民',
    sbShowCard: '查看',
    sbQueueList: '待提交的行',
    gErrMultipleAccounts:
      '浏览器里同时登录了多个 Google 账号，Google 不知道该用哪个账号运行工坊。请只保留一个 Google 账号，或在无痕（隐私）窗口中打开表格，再试一次。',
    gErrAuthorization:
      '工坊需要您先授权。请关闭侧边栏，从菜单「工坊」再打开一次，并按提示允许全部权限。',
    gErrQuota: 'Google 现在太忙（请求过多），请过一分钟再试。',
    gErrTimeout: 'Google 没有及时完成（超时），请稍后再试一次。',
    gErrProtectedRange: '要写入的地方受保护，您的账号不能编辑，本次没有写入。请联系表格的所有者。',
    gErrNetwork: '网络连接中断，没能收到 Google 的回复。请检查网络后再试一次。',
    gErrServer: 'Google 那边临时出了故障，请稍等片刻再试一次。',
    gErrOther: (p: { detail: string }) => `出了问题：${p.detail}`,
  },
  {
    menuRecordPieces: 'Record pieces…',
    menuLookUp: 'Look up a resident…',
    menuNewResident: 'New resident…',
    menuNewOrder: 'New order…',
    sbRecordTitle: 'Record pieces',
    sbLookUpTitle: 'Look up a resident',
    sbNewResidentTitle: 'New resident',
    sbNewOrderTitle: 'New order',
    sbLoading: 'Reading…',
    sbDate: 'Date',
    sbOrder: 'Order',
    sbResident: 'Resident',
    sbSearchHint: 'ID, name or pinyin (e.g. wxy)',
    sbCompleted: 'Completed',
    sbRejected: 'Rejected',
    sbRecordedBy: 'Recorded by',
    sbNotes: 'Notes',
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
    sbCountInvalid:
      'Completed and rejected must be whole numbers, 0 or more, and rejected no more than completed.',
    sbWarnInactive: (p: { resident: string }) => `${p.resident} is not active.`,
    sbWarnOverQuantity: icu(
      'en',
      'Order {order} has only {left, plural, one {# piece} other {# pieces}} left; this batch goes beyond its quantity.',
    ),
    sbClosedMonth: (p: { month: string }) =>
      `${p.month} is closed: no more pieces can be recorded in it. Use a date in the current month; to correct a closed month, add an adjustment row.`,
    sbDateInvalid: (p: { value: string }) =>
      `The date "${p.value}" cannot be read; write it like 2026-11-03.`,
    sbDateFromOpening: (p: { date: string; today: string }) =>
      `The date is still the day the sidebar opened (${p.date}); today is ${p.today}: change it for today's work.`,
    sbLineProblem: (p: { line: number; message: string }) => `Line ${p.line}: ${p.message}`,
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
    sbUndoClosedMonth: (p: { month: string }) =>
      `${p.month} is closed: it can no longer be undone; correct it on Adjustments.`,
    sbUndoChanged:
      'Some rows of this batch were changed or removed since they were written; to be safe, nothing was removed:',
    sbUndoRowChanged: (p: { row: number }) => `row ${p.row} was changed`,
    sbUndoRowMissing: (p: { entry: string }) => `the row with entry ${p.entry} is gone`,
    sbNeedsSetUp: (p: { tab: string }) =>
      `${p.tab} lacks columns this needs. Run Gongfang › Set up workbook first.`,
    sbMonthPay: (p: { month: string }) => `${p.month} so far`,
    sbAccepted: 'Accepted',
    sbPiecePay: 'Piece pay',
    sbAdjustments: 'Adjustments',
    sbNetPay: 'Net pay',
    sbLastMonths: 'Net pay, last 6 months',
    sbOrdersThisMonth: 'Orders this month',
    sbNoWork: 'No pieces this month yet.',
    sbPhone: 'Phone',
    sbShowPhone: 'click to show',
    sbCategory: 'Category',
    sbActive: 'Active',
    sbYes: 'yes',
    sbNo: 'no',
    sbId: 'ID',
    sbName: 'Name',
    sbSkills: 'Skills',
    sbJoined: 'Joined',
    sbPartner: 'Partner',
    sbProduct: 'Product',
    sbCraft: 'Craft',
    sbPayRate: 'Pay rate',
    sbPartnerPrice: 'Partner price',
    sbQuantity: 'Quantity',
    sbReceived: 'Received',
    sbDue: 'Due',
    sbSave: 'Save',
    sbStatus: 'Status',
    sbRequired: (p: { field: string }) => `Fill in ${p.field}.`,
    sbIdTaken: (p: { id: string; next: string }) =>
      `ID ${p.id} is taken (perhaps a colleague just added it); use ${p.next} instead.`,
    sbSameNamePhone: (p: { id: string; name: string }) =>
      `A resident with the same name and phone exists: ${p.id} ${p.name}. Is this someone else?`,
    sbSaved: (p: { id: string; tab: string; row: number }) =>
      `Saved ${p.id} (${p.tab}, row ${p.row}).`,
    sbSavedBefore: (p: { id: string; tab: string; row: number }) =>
      `${p.id} is already on ${p.tab}, row ${p.row}, with the same details: nothing was written twice.`,
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
    sbTooLong: (p: { field: string; max: number }) =>
      `${p.field} can be at most ${p.max} characters.`,
    sbCountTooLarge: (p: { max: string }) => `A line can have at most ${p.max} pieces.`,
    sbBadPayload:
      'The page sent something the server cannot read; nothing was written. Close the sidebar and open it again from the menu.',
    sbResidentsList: 'Matching residents',
    sbShowCard: 'Show',
    sbQueueList: 'Lines to submit',
    gErrMultipleAccounts:
      'You are signed in to several Google accounts in this browser, and Google cannot tell which one runs Gongfang. Use one Google account, or open the spreadsheet in a private (incognito) window, and try again.',
    gErrAuthorization:
      'Gongfang needs your permission first. Close the sidebar, open it again from the Gongfang menu and allow everything Google asks for.',
    gErrQuota: 'Google is busy (too many requests). Try again in a minute.',
    gErrTimeout: 'Google did not finish in time (timeout). Try again in a moment.',
    gErrProtectedRange:
      'The place to write is protected and your account cannot edit it; nothing was written. Ask the spreadsheet owner.',
    gErrNetwork:
      'The connection broke and no reply came back from Google. Check the network and try again.',
    gErrServer: 'Google had a passing fault on its side. Wait a moment and try again.',
    gErrOther: (p: { detail: string }) => `Something went wrong: ${p.detail}`,
  },
);
