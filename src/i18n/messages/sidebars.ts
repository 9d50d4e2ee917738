import { defineMessages } from '../define';

/** Messages of the daily sidebars that the server shows or checks against (menu items, titles,
 *  field names, refusals): the pages' own words are in sidebarPages.ts, which Code.js leaves out. */
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
    sbDate: '日期',
    sbOrder: '订单',
    sbResident: '居民',
    sbCompleted: '完成数',
    sbRejected: '不合格数',
    sbRecordedBy: '登记人',
    sbNotes: '备注',
    sbClosedMonth: (p: { month: string }) =>
      `${p.month} 已结账，不能再登记该月的计件。请改用当前月份的日期；要更正已结账月份，请在「调整」表加调整行。`,
    sbDateInvalid: (p: { value: string }) => `日期「${p.value}」无法识别，请按 2026-11-03 填写。`,
    sbDateFromOpening: (p: { date: string; today: string }) =>
      `日期仍是打开侧边栏那天（${p.date}），今天是 ${p.today}：今天的活请先改日期。`,
    sbLineProblem: (p: { line: number; message: string }) => `第 ${p.line} 项：${p.message}`,
    sbUndoClosedMonth: (p: { month: string }) =>
      `${p.month} 已结账，不能再撤销，请在「调整」表更正。`,
    sbUndoRowChanged: (p: { row: number }) => `第 ${p.row} 行已被改动`,
    sbUndoRowMissing: (p: { entry: string }) => `记录号 ${p.entry} 的行已不存在`,
    sbNeedsSetUp: (p: { tab: string }) =>
      `「${p.tab}」缺少需要的列。请先运行菜单「工坊 › 设置工作簿」。`,
    sbPhone: '电话',
    sbCategory: '类别',
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
    sbTooLong: (p: { field: string; max: number }) => `「${p.field}」最多 ${p.max} 个字。`,
    sbBadPayload: '页面发来的内容无法读取，没有写入。请关闭侧边栏，再从菜单打开一次。',
    gErrMultipleAccounts:
      '浏览器里同时登录了多个 Google 账号，Google 不知道该用哪个账号运行工坊。请只保留一个 Google 账号，或在无痕（隐私）窗口中打开表格，再试一次。',
    gErrAuthorization:
      '工坊需要您先授权。请关闭侧边栏，从菜单「工坊」再打开一次，并按提示允许全部权限。',
    gErrQuota: 'Google 现在太忙（请求过多），请过一分钟再试。',
    gErrTimeout: 'Google 没有及时完成（超时），请稍后再试一次。',
    gErrProtectedRange: '要写入的地方受保护，您的账号不能编辑，本次没有写入。请联系表格的所有者。',
    gErrNetwork: '网络连接中断，没能收到 Google 的回复。请检查网络后再试一次。',
    gErrServer: 'Google 那边临时出了故障，请稍等片刻再试一次。',
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
    sbDate: 'Date',
    sbOrder: 'Order',
    sbResident: 'Resident',
    sbCompleted: 'Completed',
    sbRejected: 'Rejected',
    sbRecordedBy: 'Recorded by',
    sbNotes: 'Notes',
    sbClosedMonth: (p: { month: string }) =>
      `${p.month} is closed: no more pieces can be recorded in it. Use a date in the current month; to correct a closed month, add an adjustment row.`,
    sbDateInvalid: (p: { value: string }) =>
      `The date "${p.value}" cannot be read; write it like 2026-11-03.`,
    sbDateFromOpening: (p: { date: string; today: string }) =>
      `The date is still the day the sidebar opened (${p.date}); today is ${p.today}: change it for today's work.`,
    sbLineProblem: (p: { line: number; message: string }) => `Line ${p.line}: ${p.message}`,
    sbUndoClosedMonth: (p: { month: string }) =>
      `${p.month} is closed: it can no longer be undone; correct it on Adjustments.`,
    sbUndoRowChanged: (p: { row: number }) => `row ${p.row} was changed`,
    sbUndoRowMissing: (p: { entry: string }) => `the row with entry ${p.entry} is gone`,
    sbNeedsSetUp: (p: { tab: string }) =>
      `${p.tab} lacks columns this needs. Run Gongfang › Set up workbook first.`,
    sbPhone: 'Phone',
    sbCategory: 'Category',
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
    sbTooLong: (p: { field: string; max: number }) =>
      `${p.field} can be at most ${p.max} characters.`,
    sbBadPayload:
      'The page sent something the server cannot read; nothing was written. Close the sidebar and open it again from the menu.',
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
  },
);
