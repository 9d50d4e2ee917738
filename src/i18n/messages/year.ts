import { defineMessages, icu } from '../define';

const ZH_MONTHS = [
  '1月',
  '2月',
  '3月',
  '4月',
  '5月',
  '6月',
  '7月',
  '8月',
  '9月',
  '10月',
  '11月',
  '12月',
];
const EN_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** Messages of the year end: the Year, Statements and Impact tabs, Archive year, the menu items
 *  and the `gongfang year` / `gongfang archive` commands. */
export const yearMessages = defineMessages(
  {
    menuYear: '年度报表…',
    menuArchive: '归档一年…',
    yrPromptTitle: '年度报表',
    yrPrompt: (p: { year: number }) =>
      `生成哪一年的年度报表？请填写年份（留空为 ${p.year}）。\n将生成「年度」「收入明细」「成效」三张表；未结账的月份只作草稿。`,
    yrCancelled: '已取消，未作改动。',
    arPromptTitle: '归档一年',
    arPrompt: (p: { year: number }) =>
      `把哪一年移到归档文件？请填写年份（留空为 ${p.year}）。\n这一年的每个月都要已结账。工坊会新建一个归档表格，写好并核对后，才从台账的「计件」「调整」中移走这一年的行，留下结转行，以后的各项数字不变。`,
    arDone: (p: {
      year: number;
      pieces: number;
      adjustments: number;
      carried: number;
      location: string;
    }) =>
      `已把 ${p.year} 年的 ${p.pieces} 行计件和 ${p.adjustments} 行调整移到归档文件：\n${p.location}\n台账中留下 ${p.carried} 行结转；「设置」的「归档」行记下了归档文件的位置。`,
    yrMonthShort: (p: { month: number }) => ZH_MONTHS[p.month - 1] ?? String(p.month),
    yrListSeparator: '、',
    // 年度 YYYY
    yrYearTitle: (p: { year: number }) => `年度收入汇总 ${p.year}`,
    yrYear: '年度',
    yrStatus: '状态',
    yrStatusAllClosed: (p: { count: number }) => `${p.count} 个月已结账`,
    yrStatusWithDrafts: (p: { count: number; drafts: string }) =>
      `${p.count} 个月已结账；${p.drafts} 未结账，列在下方草稿中，不计入合计`,
    yrStatusNoneClosed: '本年还没有结账的月份：下方只有草稿',
    yrThreshold: '月收入提醒线',
    yrThresholdText: (p: { threshold: string }) =>
      `${p.threshold}：实发超过此数的月份已标出，供申报个人所得税时参考。工坊不计算税款。`,
    yrColTotal: '全年合计',
    yrColMonthsWorked: '交件月数',
    yrColAboveThreshold: '超过提醒线的月份',
    yrTotalRow: '合计',
    yrNoResidents: '本年没有发放工资的记录。',
    yrDraftTitle: '草稿：未结账月份（数字可能变动，不计入合计）',
    yrColDraftTotal: '草稿合计',
    yrClosedOnly: '合计只含已结账月份：结账时发放的实发工资（计件工资加减调整）。',
    yrProtection: '由工坊（Gongfang）生成，每次“生成年度报表”都会整表重建，手工修改会被覆盖。',
    // 收入明细 YYYY
    stTitle: (p: { year: number }) => `年度收入明细 ${p.year}`,
    stResidentId: '居民编号',
    stName: '姓名',
    stCategory: '类别',
    stColMonth: '月份',
    stColAccepted: '合格件数',
    stColNetPay: '实发工资',
    stColStatus: '状态',
    stColNote: '说明',
    stClosed: '已结账',
    stDraft: '未结账（草稿）',
    stAboveThreshold: '超过提醒线',
    stTotal: '合计（已结账月份）',
    stNote1: '实发工资为每月结账时发放的金额：计件工资加减调整（奖励、扣款、更正）。',
    stNote2: (p: { threshold: string }) =>
      `标“超过提醒线”的月份实发超过 ${p.threshold}，供申报个人所得税参考；工坊不计算税款。`,
    stNote3: '未结账月份为草稿，以结账后的数字为准。',
    stSignResident: '居民签名：',
    stSignStaff: '经办人签名：',
    stSignDate: '日期：',
    stSeal: '单位盖章：',
    // 成效 YYYY
    imTitle: (p: { year: number }) => `年度成效 ${p.year}`,
    imScope: '统计范围',
    imScopeClosed: (p: { count: number }) => `已结账的 ${p.count} 个月`,
    imScopeDrafts: (p: { count: number; drafts: string }) =>
      `已结账的 ${p.count} 个月；${p.drafts} 未结账，不计入`,
    imPrivacy: '说明',
    imPrivacyText:
      '本表不含姓名、编号等个人信息；人数少于 5 人显示为“<5”，不足 5 人时不显示平均数。',
    imColFigure: '指标',
    imColChange: '变化',
    imResidentsEarned: '带动就业人数（有收入的居民）',
    imOfCategory: (p: { category: string }) => `其中：${p.category}`,
    imCategoryNotSet: '未填类别',
    imPreviousYear: (p: { year: number; months: number }) =>
      p.months === 12 ? String(p.year) : `${p.year}（${p.months} 个月）`,
    imNewThisYear: '今年新加入',
    imSixMonths: '交件满 6 个月及以上',
    imAverage: '月均实发（有交件的月份）',
    imMedian: '月实发中位数',
    imAccepted: '合格件数',
    imRejectRate: '不合格率',
    imOrders: '服务订单数',
    imPartners: '合作单位数',
    imTotalPaid: '实发工资合计',
    imQuarters: '按季度',
    imColQuarter: '季度',
    imColMonthsCounted: '已结账月数',
    imColResidentsEarned: '有收入的居民',
    imColAccepted: '合格件数',
    imColTotalPaid: '实发合计',
    imQuarter: (p: { quarter: number }) =>
      `第${['一', '二', '三', '四'][p.quarter - 1] ?? p.quarter}季度`,
    imWholeYear: '全年',
    imSource: '数据来源：工坊台账中已结账月份的工资（计件工资加减调整），由工坊（Gongfang）汇总。',
    imChartTitle: (p: { year: number }) => `${p.year} 年各季度实发工资`,
    imProtection: '由工坊（Gongfang）生成，每次“生成年度报表”都会整表重建，手工修改会被覆盖。',
    // 归档 / Archive a year
    arTitle: (p: { organization: string; year: number }) =>
      `${p.organization ? `${p.organization} ` : ''}${p.year} 年归档`,
    arProtection: '工坊（Gongfang）归档的数据，请勿修改。',
    arRecordedBy: '工坊结转',
    arCarriedNote: (p: { year: number; rows: number }) =>
      p.rows > 0 ? `${p.year} 年归档结转（合并 ${p.rows} 行）` : `${p.year} 年归档结转（续）`,
    arSettingValue: (p: { year: number; location: string }) => `${p.year}：${p.location}`,
    arAlready: (p: { year: number; location: string }) =>
      `${p.year} 年已经归档过（${p.location}）。`,
    arCarriedInYear: (p: { year: number }) =>
      `「计件」或「调整」里有 ${p.year} 年的结转行：这一年似乎已经归档过，但「设置」里没有它的「归档」行。请从版本记录恢复「设置」中的那一行后再试。`,
    arNoSettings: (p: { tab: string }) =>
      `找不到带表头的「${p.tab}」工作表：归档要在那里记下归档文件的位置。请先运行「设置工作簿」。`,
    arNothing: (p: { year: number }) => `${p.year} 年没有计件或调整行，无需归档。`,
    arNotClosed: (p: { year: number; months: string }) =>
      `${p.year} 年还有月份没有结账：${p.months}。每个月都结账后才能归档。`,
    arBlocked: (p: { year: number; count: number }) =>
      `${p.year} 年有 ${p.count} 行有错误，归档前请先改正（运行「检查数据」查看）：`,
    arChanged: (p: { year: number; months: string }) =>
      `${p.year} 年已结账的月份有改动：${p.months}。请先运行「检查数据」写入更正，再归档。`,
    arReadBackFailed: (p: { tab: string }) =>
      `归档文件写好后读回时「${p.tab}」与台账不一致，台账没有任何改动。请再试一次；仍不行请联系维护人员。`,
    arWriteFailed: (p: { detail: string }) => `归档文件没能写好（${p.detail}），台账没有任何改动。`,
    // Refusals and results
    yrYearInvalid: (p: { value: string }) =>
      `「${p.value}」不是年份，请填写四位数的年份，如 2026。`,
    yrNothing: (p: { year: number }) =>
      `${p.year} 年没有已结账的月份，也没有可计工资的计件或调整行，没有生成年度报表。请检查年份是否输错。`,
    yrArchived: (p: { year: number; location: string }) =>
      `${p.year} 年已归档（${p.location}），它的年度、收入明细和成效表在归档文件里。`,
    monthArchived: (p: { month: string; location: string }) =>
      `${p.month} 所在的年份已归档（${p.location}）：这个月的计件和调整行已移到归档文件里，台账中不能再生成、结账或撤销结账。`,
    yrDone: (p: { year: number; residents: number; total: string; tabs: string }) =>
      `已生成 ${p.year} 年的年度报表：${p.residents} 位居民，已结账月份实发合计 ${p.total}。工作表：${p.tabs}。`,
    yrDraftsNote: (p: { drafts: string }) => `${p.drafts} 未结账：列为草稿，不计入合计和成效。`,
  },
  {
    menuYear: 'Year report…',
    menuArchive: 'Archive a year…',
    yrPromptTitle: 'Year report',
    yrPrompt: (p: { year: number }) =>
      `Which year? Type the year (empty: ${p.year}).\nThis writes the Year, Statements and Impact tabs; months not closed are drafts only.`,
    yrCancelled: 'Cancelled; nothing was changed.',
    arPromptTitle: 'Archive a year',
    arPrompt: (p: { year: number }) =>
      `Which year goes to an archive? Type the year (empty: ${p.year}).\nEvery month of it must be closed. Gongfang makes a new archive spreadsheet, writes and checks it, and only then moves the year's rows out of Pieces and Adjustments, leaving carried-forward rows so every later figure stays the same.`,
    arDone: icu<{
      year: number;
      pieces: number;
      adjustments: number;
      carried: number;
      location: string;
    }>(
      'en',
      'Moved {pieces, plural, one {# Pieces row} other {# Pieces rows}} and {adjustments, plural, one {# Adjustments row} other {# Adjustments rows}} of {year} to the archive:\n{location}\n{carried, plural, one {# carried-forward row stays} other {# carried-forward rows stay}} in the ledger; the Archive row of Settings records where the archive is.',
    ),
    yrMonthShort: (p: { month: number }) => EN_MONTHS[p.month - 1] ?? String(p.month),
    yrListSeparator: ', ',
    yrYearTitle: (p: { year: number }) => `Net pay ${p.year}`,
    yrYear: 'Year',
    yrStatus: 'Status',
    yrStatusAllClosed: icu<{ count: number }>(
      'en',
      '{count, plural, one {# month} other {# months}} closed',
    ),
    yrStatusWithDrafts: icu<{ count: number; drafts: string }>(
      'en',
      '{count, plural, one {# month} other {# months}} closed; {drafts} not closed: shown below as drafts, not in the totals',
    ),
    yrStatusNoneClosed: 'No month of the year is closed yet: only drafts below',
    yrThreshold: 'Monthly pay threshold',
    yrThresholdText: (p: { threshold: string }) =>
      `${p.threshold}: months whose net pay is above it are flagged, for the income tax declaration. Gongfang does not compute tax.`,
    yrColTotal: 'Year total',
    yrColMonthsWorked: 'Months worked',
    yrColAboveThreshold: 'Months over threshold',
    yrTotalRow: 'Total',
    yrNoResidents: 'Nobody was paid this year.',
    yrDraftTitle: 'Drafts: months not closed (figures may change; not in the totals)',
    yrColDraftTotal: 'Draft total',
    yrClosedOnly:
      'Totals hold closed months only: the net pay handed out at closing (piece pay plus adjustments).',
    yrProtection: 'Rebuilt by Gongfang on every Year report; edits are overwritten.',
    stTitle: (p: { year: number }) => `Statement of earnings ${p.year}`,
    stResidentId: 'Resident ID',
    stName: 'Name',
    stCategory: 'Category',
    stColMonth: 'Month',
    stColAccepted: 'Accepted pieces',
    stColNetPay: 'Net pay',
    stColStatus: 'Status',
    stColNote: 'Note',
    stClosed: 'closed',
    stDraft: 'not closed (draft)',
    stAboveThreshold: 'over threshold',
    stTotal: 'Total (closed months)',
    stNote1:
      'Net pay is what was handed out when the month closed: piece pay plus adjustments (bonuses, deductions, corrections).',
    stNote2: (p: { threshold: string }) =>
      `Months marked "over threshold" paid more than ${p.threshold}, for the income tax declaration; Gongfang does not compute tax.`,
    stNote3: 'Months not closed are drafts: the figures at closing are final.',
    stSignResident: 'Resident signature:',
    stSignStaff: 'Staff signature:',
    stSignDate: 'Date:',
    stSeal: 'Stamp:',
    imTitle: (p: { year: number }) => `Impact ${p.year}`,
    imScope: 'Counted',
    imScopeClosed: icu<{ count: number }>(
      'en',
      '{count, plural, one {the closed month} other {the # closed months}}',
    ),
    imScopeDrafts: icu<{ count: number; drafts: string }>(
      'en',
      '{count, plural, one {the closed month} other {the # closed months}}; {drafts} not closed, not counted',
    ),
    imPrivacy: 'Note',
    imPrivacyText:
      'No names, IDs or other personal data; fewer than 5 residents show as "<5", and no average is shown for fewer than 5.',
    imColFigure: 'Figure',
    imColChange: 'Change',
    imResidentsEarned: 'Residents who earned',
    imOfCategory: (p: { category: string }) => `of them ${p.category}`,
    imCategoryNotSet: 'category not set',
    imPreviousYear: icu<{ year: number; months: number }>(
      'en',
      '{months, plural, =12 {{year}} one {{year} (# month)} other {{year} (# months)}}',
    ),
    imNewThisYear: 'New this year',
    imSixMonths: 'Worked 6 months or more',
    imAverage: 'Average monthly net pay (months worked)',
    imMedian: 'Median monthly net pay',
    imAccepted: 'Accepted pieces',
    imRejectRate: 'Reject rate',
    imOrders: 'Orders served',
    imPartners: 'Partners served',
    imTotalPaid: 'Total net pay',
    imQuarters: 'By quarter',
    imColQuarter: 'Quarter',
    imColMonthsCounted: 'Closed months',
    imColResidentsEarned: 'Residents who earned',
    imColAccepted: 'Accepted pieces',
    imColTotalPaid: 'Net pay',
    imQuarter: (p: { quarter: number }) => `Q${p.quarter}`,
    imWholeYear: 'Year',
    imSource:
      "Source: the workshop's ledger, pay of the closed months (piece pay plus adjustments), totalled by Gongfang.",
    imChartTitle: (p: { year: number }) => `Net pay by quarter, ${p.year}`,
    imProtection: 'Rebuilt by Gongfang on every Year report; edits are overwritten.',
    arTitle: (p: { organization: string; year: number }) =>
      `${p.organization ? `${p.organization} ` : ''}archive ${p.year}`,
    arProtection: 'Archived by Gongfang; do not edit.',
    arRecordedBy: 'Gongfang (carried forward)',
    arCarriedNote: icu<{ year: number; rows: number }>(
      'en',
      'Carried forward from the {year} archive ({rows, plural, =0 {continued} one {# row} other {# rows}})',
    ),
    arSettingValue: (p: { year: number; location: string }) => `${p.year}: ${p.location}`,
    arAlready: (p: { year: number; location: string }) =>
      `${p.year} is archived already (${p.location}).`,
    arCarriedInYear: (p: { year: number }) =>
      `Pieces or Adjustments hold rows carried forward from ${p.year}: the year looks archived, but Settings has no Archive row for it. Restore that Settings row from the version history, then try again.`,
    arNoSettings: (p: { tab: string }) =>
      `There is no "${p.tab}" tab with its headers: the archive records where it went there. Run Set up workbook first.`,
    arNothing: (p: { year: number }) =>
      `${p.year} has no Pieces or Adjustments rows: nothing to archive.`,
    arNotClosed: (p: { year: number; months: string }) =>
      `Months of ${p.year} are not closed: ${p.months}. Close every month before archiving the year.`,
    arBlocked: icu<{ year: number; count: number }>(
      'en',
      '{year} has {count, plural, one {# row with errors; fix it} other {# rows with errors; fix them}} before archiving (Check data lists {count, plural, one {it} other {them}}):',
    ),
    arChanged: (p: { year: number; months: string }) =>
      `Closed months of ${p.year} changed: ${p.months}. Run Check data and add the corrections first.`,
    arReadBackFailed: (p: { tab: string }) =>
      `The archive read back differently ("${p.tab}"), so the ledger was not changed. Try again; if it happens again, contact whoever maintains Gongfang.`,
    arWriteFailed: (p: { detail: string }) =>
      `The archive could not be written (${p.detail}); the ledger was not changed.`,
    yrYearInvalid: (p: { value: string }) =>
      `"${p.value}" is not a year; type four digits, such as 2026.`,
    yrNothing: (p: { year: number }) =>
      `${p.year} has no closed month and no Pieces or Adjustments rows to pay: no year report was written. Check the year for a typo.`,
    yrArchived: (p: { year: number; location: string }) =>
      `${p.year} is archived (${p.location}): its Year, Statements and Impact tabs are in the archive.`,
    monthArchived: (p: { month: string; location: string }) =>
      `The year of ${p.month} is archived (${p.location}): its Pieces and Adjustments rows are in the archive, and the month can no longer be generated, closed or reopened here.`,
    yrDone: icu<{ year: number; residents: number; total: string; tabs: string }>(
      'en',
      'Year report for {year}: {residents, plural, one {# resident} other {# residents}}, {total} net pay in closed months. Tabs: {tabs}.',
    ),
    yrDraftsNote: (p: { drafts: string }) =>
      `${p.drafts} not closed: shown as drafts, not in the totals or the Impact.`,
  },
);
