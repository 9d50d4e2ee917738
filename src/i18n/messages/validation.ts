import { defineMessages } from '../define';
import type { ProblemParams } from '../../domain/problems';
import type { ValidationCode } from '../../domain/validation/codes';

/** What a problem message may use: the problem's parameters plus where it is, in words. */
export interface ProblemMessageParams extends ProblemParams {
  /** The tab's name as the workbook shows it. */
  readonly tab: string;
  /** The column's header, or '' for a whole-row or whole-tab problem. */
  readonly column: string;
  /** The tabs a reference is looked up on, as the workbook names them (so a Chinese message
   *  about an English workbook quotes "Residents", not 居民); absent: the usual names. */
  readonly residentsTab?: string;
  readonly ordersTab?: string;
  readonly partnersTab?: string;
}

type ProblemMessages = Readonly<Record<ValidationCode, (p: ProblemMessageParams) => string>>;

const v = (p: ProblemMessageParams): string => p.value ?? '';
const other = (p: ProblemMessageParams): string => p.other ?? '';

const zh: ProblemMessages = {
  errorValue: (p) => `单元格显示错误值 ${v(p)}，请修正公式或直接填写内容`,
  idUnreadable: (p) => `编号「${v(p)}」无法识别，请填写文字或数字编号`,
  notWholeNumber: (p) => `「${v(p)}」不是数量，请填写整数（如 12）`,
  negativeNumber: (p) => `数量不能为负数（${v(p)}）`,
  decimalNumber: (p) => `数量必须是整数，不能有小数（${v(p)}）`,
  rateNegative: (p) => `单价不能为负数（${v(p)}）`,
  rateTooManyDecimals: (p) => `单价最多 4 位小数（${v(p)}）`,
  rateUnreadable: (p) => `单价「${v(p)}」无法识别，请填写以元为单位的数字（如 0.015）`,
  amountTooManyDecimals: (p) => `金额最多 2 位小数（${v(p)}）`,
  amountUnreadable: (p) => `金额「${v(p)}」无法识别，请填写以元为单位的数字（如 -12.50）`,
  dateUnreadable: (p) => `日期「${v(p)}」无法识别，请按 2026-11-03 的格式填写`,
  dateImpossible: (p) => `日期「${v(p)}」不存在，请检查月和日`,
  monthUnreadable: (p) => `月份「${v(p)}」无法识别，请按 2026-11 的格式填写`,
  categoryUnknown: (p) =>
    `类别「${v(p)}」不在可选范围内（困难户、困难边缘户、退休、家庭主妇、其他），暂按未分类处理`,
  statusUnknown: (p) => `状态「${v(p)}」无法识别（进行中、已完成、已取消），暂按进行中处理`,
  activeUnknown: (p) => `在册「${v(p)}」无法识别（是 / 否），暂按在册处理`,
  emailInvalid: (p) => `邮箱「${v(p)}」格式不正确，暂不向该单位共享`,
  missingTab: (p) => `找不到「${p.tab}」工作表。请运行菜单「工坊 › 设置工作簿」。`,
  noHeaderRow: (p) =>
    `「${p.tab}」第 1 行没有可识别的表头，本表内容未读取。请运行菜单「工坊 › 设置工作簿」。`,
  missingColumn: (p) =>
    `「${p.tab}」缺少「${p.column}」列，本表内容未读取。请运行菜单「工坊 › 设置工作簿」补上。`,
  idMissing: () => '缺少编号，本行不计入',
  duplicateId: (p) => `编号「${v(p)}」重复（另见第 ${other(p)} 行），这几行都不计入`,
  duplicateEntry: (p) => `记录号「${v(p)}」重复（另见第 ${other(p)} 行），这几行都不计入`,
  countMissing: () => '缺少完成数',
  rateMissing: () => '缺少计件单价，该订单的计件都不能计算工资',
  amountMissing: () => '缺少金额',
  dateMissing: () => '缺少日期',
  monthMissing: () => '缺少月份',
  residentMissing: () => '缺少居民编号',
  residentUnknown: (p) => `「${p.residentsTab ?? '居民'}」表中没有编号为「${v(p)}」的居民`,
  residentInvalid: (p) =>
    `居民「${v(p)}」在「${p.residentsTab ?? '居民'}」表中的那一行有错误，请先改正那一行`,
  residentInactive: (p) => `居民「${v(p)}」已不在册`,
  orderMissing: () => '缺少订单编号',
  orderUnknown: (p) => `「${p.ordersTab ?? '订单'}」表中没有编号为「${v(p)}」的订单`,
  orderInvalid: (p) =>
    `订单「${v(p)}」在「${p.ordersTab ?? '订单'}」表中的那一行有错误，请先改正那一行`,
  orderClosed: (p) => `订单「${v(p)}」${other(p) === 'done' ? '已完成' : '已取消'}`,
  partnerUnknown: (p) => `「${p.partnersTab ?? '合作单位'}」表中没有编号为「${v(p)}」的单位`,
  rejectedOverCompleted: (p) => `不合格数（${v(p)}）大于完成数（${other(p)}）`,
  countTooLarge: (p) => `数量 ${v(p)} 超过一行的上限 ${other(p)} 件，是否误扫了条码？本行未计入`,
  rateTooLarge: (p) => `单价 ${v(p)} 元超过上限 ${other(p)} 元，请检查`,
  amountTooLarge: (p) => `金额 ${v(p)} 元超过上限 ${other(p)} 元，请检查`,
  rowPayTooLarge: (p) => `本行计件工资 ${v(p)} 元超过上限 ${other(p)} 元，请检查数量和单价`,
  dateInFuture: (p) => `日期 ${v(p)} 晚于今天（${other(p)}）`,
  dateBeforeReceived: (p) => `日期 ${v(p)} 早于订单的接单日期（${other(p)}）`,
  dueBeforeReceived: (p) => `交货日期 ${v(p)} 早于接单日期（${other(p)}）`,
  quantityExceeded: (p) => `到本行为止合格件数累计 ${v(p)}，超过订单数量 ${other(p)}`,
  looksDuplicate: (p) => `与第 ${other(p)} 行的日期、居民、订单和数量都相同，是否重复登记？`,
  settingUnknown: (p) => `设置项「${v(p)}」无法识别（可用：机构名称、货币、语言）`,
  languageUnknown: (p) => `语言「${v(p)}」无法识别，请填写 zh-CN 或 en`,
  switchUnknown: (p) => `「${v(p)}」无法识别，请填写「开」或「关」`,
  managerInvalid: (p) =>
    `管理员「${v(p)}」不是邮箱地址，不算管理员。请填写 Google 账号邮箱，多个用逗号隔开`,
};

const en: ProblemMessages = {
  errorValue: (p) => `The cell shows the error ${v(p)}; fix the formula or type the value`,
  idUnreadable: (p) => `"${v(p)}" cannot be used as an ID; type text or a number`,
  notWholeNumber: (p) => `"${v(p)}" is not a count; type a whole number such as 12`,
  negativeNumber: (p) => `A count cannot be negative (${v(p)})`,
  decimalNumber: (p) => `A count must be a whole number, without decimals (${v(p)})`,
  rateNegative: (p) => `A rate cannot be negative (${v(p)})`,
  rateTooManyDecimals: (p) => `A rate has at most 4 decimals (${v(p)})`,
  rateUnreadable: (p) => `"${v(p)}" is not a rate; type yuan as a number such as 0.015`,
  amountTooManyDecimals: (p) => `An amount has at most 2 decimals (${v(p)})`,
  amountUnreadable: (p) => `"${v(p)}" is not an amount; type yuan as a number such as -12.50`,
  dateUnreadable: (p) => `"${v(p)}" is not a date; type it like 2026-11-03`,
  dateImpossible: (p) => `${v(p)} is not a real date; check the month and day`,
  monthUnreadable: (p) => `"${v(p)}" is not a month; type it like 2026-11`,
  categoryUnknown: (p) =>
    `"${v(p)}" is not a category (hardship, near-hardship, retired, homemaker, other); left uncategorised`,
  statusUnknown: (p) =>
    `"${v(p)}" is not a status (open, done, cancelled); the order is treated as open`,
  activeUnknown: (p) => `"${v(p)}" is not yes or no; the resident is treated as active`,
  emailInvalid: (p) => `"${v(p)}" is not an email address; nothing is shared with this partner`,
  missingTab: (p) => `The "${p.tab}" tab is missing. Run Gongfang › Set up workbook.`,
  noHeaderRow: (p) =>
    `Row 1 of "${p.tab}" has no header Gongfang recognises, so the tab was not read. Run Gongfang › Set up workbook.`,
  missingColumn: (p) =>
    `"${p.tab}" has no "${p.column}" column, so the tab was not read. Run Gongfang › Set up workbook to add it.`,
  idMissing: () => 'The ID is missing; the row is left out',
  duplicateId: (p) =>
    `ID "${v(p)}" is used more than once (also row ${other(p)}); all these rows are left out`,
  duplicateEntry: (p) =>
    `Entry "${v(p)}" is used more than once (also row ${other(p)}); all these rows are left out`,
  countMissing: () => 'Completed is missing',
  rateMissing: () => 'The pay rate is missing, so no pieces of this order can be paid',
  amountMissing: () => 'The amount is missing',
  dateMissing: () => 'The date is missing',
  monthMissing: () => 'The month is missing',
  residentMissing: () => 'The resident ID is missing',
  residentUnknown: (p) =>
    `There is no resident "${v(p)}" on the ${p.residentsTab ?? 'Residents'} tab`,
  residentInvalid: (p) =>
    `Resident "${v(p)}" has an error on the ${p.residentsTab ?? 'Residents'} tab; fix that row first`,
  residentInactive: (p) => `Resident "${v(p)}" is no longer active`,
  orderMissing: () => 'The order ID is missing',
  orderUnknown: (p) => `There is no order "${v(p)}" on the ${p.ordersTab ?? 'Orders'} tab`,
  orderInvalid: (p) =>
    `Order "${v(p)}" has an error on the ${p.ordersTab ?? 'Orders'} tab; fix that row first`,
  orderClosed: (p) => `Order "${v(p)}" is ${other(p) === 'done' ? 'done' : 'cancelled'}`,
  partnerUnknown: (p) => `There is no partner "${v(p)}" on the ${p.partnersTab ?? 'Partners'} tab`,
  rejectedOverCompleted: (p) => `Rejected (${v(p)}) is more than Completed (${other(p)})`,
  countTooLarge: (p) =>
    `${v(p)} pieces is more than one row may hold (${other(p)}): a scanned barcode? The row is left out`,
  rateTooLarge: (p) => `Rate ${v(p)} yuan is above the limit of ${other(p)} yuan`,
  amountTooLarge: (p) => `Amount ${v(p)} yuan is above the limit of ${other(p)} yuan`,
  rowPayTooLarge: (p) =>
    `This row's pay, ${v(p)} yuan, is above the limit of ${other(p)} yuan: check the count and the rate`,
  dateInFuture: (p) => `The date ${v(p)} is after today (${other(p)})`,
  dateBeforeReceived: (p) => `The date ${v(p)} is before the order was received (${other(p)})`,
  dueBeforeReceived: (p) => `The due date ${v(p)} is before the received date (${other(p)})`,
  quantityExceeded: (p) =>
    `With this row, accepted pieces reach ${v(p)}, more than the order quantity ${other(p)}`,
  looksDuplicate: (p) => `Same date, resident, order and counts as row ${other(p)}: entered twice?`,
  settingUnknown: (p) => `"${v(p)}" is not a setting (Organization, Currency, Language)`,
  languageUnknown: (p) => `"${v(p)}" is not a language; type zh-CN or en`,
  switchUnknown: (p) => `"${v(p)}" is neither on nor off; type on or off`,
  managerInvalid: (p) =>
    `Manager "${v(p)}" is not an email address and is not a manager; type Google account addresses, separated by commas`,
};

/** Where a problem is: the whole tab, a row, or a cell. */
const zhPlaces = {
  problemAtTab: (p: { tab: string }) => `「${p.tab}」`,
  problemAtRow: (p: { tab: string; row: number }) => `「${p.tab}」第 ${p.row} 行`,
  problemAtCell: (p: { tab: string; row: number; column: string }) =>
    `「${p.tab}」第 ${p.row} 行「${p.column}」`,
};

const enPlaces: typeof zhPlaces = {
  problemAtTab: (p) => `${p.tab}`,
  problemAtRow: (p) => `${p.tab}, row ${p.row}`,
  problemAtCell: (p) => `${p.tab}, row ${p.row}, ${p.column}`,
};

/**
 * One message per validation code, in both languages (a missing code fails to compile), and
 * the words for where a problem is.
 */
export const validationMessages = defineMessages({ ...zh, ...zhPlaces }, { ...en, ...enPlaces });
