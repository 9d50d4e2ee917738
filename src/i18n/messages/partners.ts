import { defineMessages, icu } from '../define';

/** Messages of the partner reports: the partner's Progress and Statement tabs, the by-partner
 *  section of our own Summary, the Sheets menu item and the `gongfang partners` command. */
export const partnerMessages = defineMessages(
  {
    ptFileName: (p: { organization: string; partner: string }) =>
      `${p.organization ? `${p.organization} · ` : ''}${p.partner} 订单进度`,
    ptProgressTab: '进度',
    ptStatementTab: (p: { month: string }) => `对账 ${p.month}`,
    ptProgressTitle: (p: { partner: string }) => `${p.partner} · 订单进度`,
    ptStatementTitle: (p: { partner: string; month: string }) => `${p.partner} · 对账单 ${p.month}`,
    ptWorkshop: '承接单位',
    ptPartner: '合作单位',
    ptAsOf: '统计截至',
    ptMonth: '月份',
    ptGeneratedAt: '生成时间',
    ptStatus: '状态',
    ptFinal: '已结账（定稿）',
    ptDraft: '草稿（本月未结账，数字可能变动）',
    ptColOrder: '订单编号',
    ptColProduct: '产品',
    ptColCraft: '工艺',
    ptColQuantity: '数量',
    ptColDue: '交货日期',
    ptColAccepted: '累计合格',
    ptColRejected: '累计不合格',
    ptColRejectRate: '不合格率',
    ptColRemaining: '剩余',
    ptColDaysLeft: '剩余天数',
    ptColNeeded: '每日需完成',
    ptColPace: '近14天日均',
    ptColResidents: '参与人数',
    ptColFlag: '进度',
    ptColAcceptedMonth: '本月合格数',
    ptColRejectedMonth: '本月不合格数',
    ptColPrice: '合同单价',
    ptColAmount: '金额',
    ptFlagOnTrack: '正常',
    ptFlagAtRisk: '有风险',
    ptFlagLate: '已逾期',
    ptFlagDone: '已完成',
    ptFewResidents: '<5',
    ptTotal: '合计',
    ptNoOrders: '暂无进行中的订单。',
    ptNoLines: '本月没有交件。',
    ptPriceMissing: '未定价',
    ptUnpricedNote: (p: { count: number }) =>
      `有 ${p.count} 个订单未填合同单价，未计入合计，请与工坊确认。`,
    ptProtection: '由工坊（Gongfang）生成，每次更新都会整表重建。',
    // Our own Summary: by partner
    ptSectionByPartner: '按合作单位（仅供内部）',
    ptColPartner: '合作单位',
    ptColBilled: '应收金额',
    ptColResidentPay: '计件工资（已定价订单）',
    ptColDifference: '差额（应收减计件工资，负为补贴）',
    ptNoPartner: '（未填合作单位）',
    // Sheets: Update partner reports
    ptReportsTitle: '更新合作单位报表',
    ptReportsManagersOnly: (p: { managers: string }) =>
      `合作单位报表没有更新：只有管理员可以更新。管理员：${p.managers}。`,
    ptNoneWanted: '没有需要报表的合作单位：请在「合作单位」表的「进度表」列填“是”。',
    ptCreated: (p: { partner: string; url: string }) => `新建：${p.partner} ${p.url}`,
    ptUpdated: (p: { partner: string; url: string }) => `更新：${p.partner} ${p.url}`,
    ptShared: (p: { partner: string; emails: string }) =>
      `已共享（只读）给 ${p.partner}：${p.emails}`,
    ptUnshared: (p: { partner: string; emails: string }) =>
      `已取消 ${p.partner} 的共享：${p.emails}`,
    ptOpenFailed: (p: { partner: string; detail: string }) =>
      `${p.partner} 的报表已不存在或在回收站中（${p.detail}），已新建一份。`,
    ptNoAccess: (p: { partner: string; url: string }) =>
      `${p.partner} 的报表文件还在，但您的 Google 账号不能编辑它（它在同事的云端硬盘里）。为免合作单位收到两份报表，没有新建。请让文件的所有者把它共享给您（编辑者），或请他运行本项：${p.url}`,
    ptColleagues: (p: { partner: string; emails: string }) =>
      `${p.partner} 的报表已共享给本表格的编辑者（可编辑），同事以后也能更新它：${p.emails}`,
    ptShareFailed: (p: { partner: string; detail: string }) =>
      `${p.partner} 的报表已写好，链接已保存，但共享没有完成（${p.detail}）。请检查「共享邮箱」，或请管理员允许对外共享，然后再运行一次。`,
    ptSummaryLine: (p: { month: string; count: number }) =>
      `${p.month} 合作单位报表：${p.count} 份。链接已写入「合作单位」表的「进度表链接」列。`,
    ptBadEmails: (p: { partner: string }) =>
      `${p.partner}：「共享邮箱」中有无法识别的地址，本次未改动共享，请先更正。`,
    ptGenerateOption: '生成后更新合作单位报表',
    menuPartners: '更新合作单位报表',
    // CLI
    cliPartnersUsage: [
      '用法：gongfang partners 文件.xlsx --month YYYY-MM --out-dir 目录 [--force] [--json]',
      '',
      '为「合作单位」表中「进度表」为“是”的每个合作单位，写一个只含其订单进度和本月对账单的 .xlsx（不含任何居民个人信息）。',
      '目录里同名的文件只在它是 gongfang 为该合作单位写出、且之后没人改过的报表时才会被替换。',
      '  --force  仍然替换同名的其他文件（别人改过的报表、不是 gongfang 写的文件）',
    ].join('\n'),
    cliPartnersMissingOutDir: '请用 --out-dir 指定输出目录。',
    cliPartnersNone: '没有需要报表的合作单位：请在「合作单位」表的「进度表」列填“是”。',
    cliPartnersExcluded: (p: { count: number; first: string; command: string }) =>
      `没有写出任何合作单位报表：「合作单位」表有 ${p.count} 行有错误，这些合作单位被跳过（第一处：${p.first}）。` +
      `请改正后再运行；${p.command} 会列出所有问题。`,
    cliPartnersSkippedRows: (p: { count: number; first: string; command: string }) =>
      `注意：「合作单位」表有 ${p.count} 行有错误，这些合作单位没有报表（第一处：${p.first}）。运行 ${p.command} 查看并改正。`,
    cliPartnersOutDirNotFolder: (p: { dir: string }) =>
      `--out-dir 给的「${p.dir}」是一个文件，不是文件夹，没有写出任何报表。请换一个文件夹名（不存在时会自动创建）。`,
    cliPartnersSomeFailed: (p: { failed: number; total: number }) =>
      `${p.total} 份报表中有 ${p.failed} 份没有写出，原因见上；其余的已写出。`,
    filePartnerReportForeign: (p: { file: string }) =>
      `没有写「${p.file}」：同名的文件已经存在，但它不是 gongfang 写出的合作单位报表（可能是台账或别的文件），没有覆盖它。` +
      `请把它移走或改名，然后再运行；若确定要替换它，请加 --force。`,
    filePartnerReportEdited: (p: { file: string }) =>
      `没有写「${p.file}」：这份报表在 gongfang 写出后被改过（例如加了备注，或在 Excel / WPS 中另存过），没有覆盖它。` +
      `要保留改动，请把它移走或改名后再运行；若确定要用新报表替换它，请加 --force。`,
    filePartnerReportOtherPartner: (p: { file: string; partnerId: string; other: string }) =>
      `没有写「${p.file}」：同名的文件是另一个合作单位（${p.other}）的报表，不是 ${p.partnerId} 的，没有覆盖它。` +
      `两个合作单位的文件名相同时，请在「合作单位」表中改一下其中一个的编号或名称，然后再运行。`,
    cliPartnersWrote: (p: { month: string; count: number; dir: string }) =>
      `已为 ${p.count} 个合作单位写出 ${p.month} 报表，目录：${p.dir}`,
  },
  {
    ptFileName: (p) => `${p.organization ? `${p.organization} · ` : ''}${p.partner} order progress`,
    ptProgressTab: 'Progress',
    ptStatementTab: (p) => `Statement ${p.month}`,
    ptProgressTitle: (p) => `${p.partner} · order progress`,
    ptStatementTitle: (p) => `${p.partner} · statement ${p.month}`,
    ptWorkshop: 'Workshop',
    ptPartner: 'Partner',
    ptAsOf: 'As of',
    ptMonth: 'Month',
    ptGeneratedAt: 'Generated at',
    ptStatus: 'Status',
    ptFinal: 'Closed (final)',
    ptDraft: 'Draft (month not closed; figures may change)',
    ptColOrder: 'Order',
    ptColProduct: 'Product',
    ptColCraft: 'Craft',
    ptColQuantity: 'Quantity',
    ptColDue: 'Due',
    ptColAccepted: 'Accepted to date',
    ptColRejected: 'Rejected to date',
    ptColRejectRate: 'Reject rate',
    ptColRemaining: 'Remaining',
    ptColDaysLeft: 'Days left',
    ptColNeeded: 'Needed a day',
    ptColPace: 'Pace (14 days)',
    ptColResidents: 'Residents',
    ptColFlag: 'Progress',
    ptColAcceptedMonth: 'Accepted',
    ptColRejectedMonth: 'Rejected',
    ptColPrice: 'Partner price',
    ptColAmount: 'Amount',
    ptFlagOnTrack: 'on track',
    ptFlagAtRisk: 'at risk',
    ptFlagLate: 'late',
    ptFlagDone: 'done',
    ptFewResidents: '<5',
    ptTotal: 'Total',
    ptNoOrders: 'No open orders.',
    ptNoLines: 'No pieces were handed in this month.',
    ptPriceMissing: 'no price',
    ptUnpricedNote: icu(
      'en',
      '{count, plural, one {# order has} other {# orders have}} no partner price and {count, plural, one {is} other {are}} not in the total; please check with the workshop.',
    ),
    ptProtection: 'Written by Gongfang; rebuilt whole on every update.',
    ptSectionByPartner: 'By partner (internal)',
    ptColPartner: 'Partner',
    ptColBilled: 'To bill',
    ptColResidentPay: 'Piece pay, priced orders',
    ptColDifference: 'Difference (to bill − piece pay; − is a subsidy)',
    ptNoPartner: '(no partner)',
    ptReportsTitle: 'Update partner reports',
    ptReportsManagersOnly: (p) =>
      `Partner reports were not updated: only managers may update them. Managers: ${p.managers}.`,
    ptNoneWanted: 'No partner wants a report: put "yes" in the Report column of the Partners tab.',
    ptCreated: (p) => `Created: ${p.partner} ${p.url}`,
    ptUpdated: (p) => `Updated: ${p.partner} ${p.url}`,
    ptShared: (p) => `Shared (view only) for ${p.partner} with: ${p.emails}`,
    ptUnshared: (p) => `Sharing removed for ${p.partner}: ${p.emails}`,
    ptOpenFailed: (p) =>
      `${p.partner}'s report is gone or in the bin (${p.detail}); a new one was created.`,
    ptNoAccess: (p) =>
      `${p.partner}'s report still exists, but your Google account cannot edit it (it is in a colleague's Drive). No second file was made, so the partner does not get two. Ask its owner to share it with you as an editor, or to run this: ${p.url}`,
    ptColleagues: (p) =>
      `${p.partner}'s report is shared with this spreadsheet's editors (can edit), so colleagues can update it too: ${p.emails}`,
    ptShareFailed: (p) =>
      `${p.partner}'s report is written and its link saved, but sharing did not finish (${p.detail}). Check Share emails, or ask your administrator to allow sharing outside, then run this again.`,
    ptSummaryLine: (p) =>
      `${p.month} partner reports: ${p.count}. The links are in the Report link column of Partners.`,
    ptBadEmails: (p) =>
      `${p.partner}: Share emails holds something that is not an address; sharing was left as it was. Please correct it.`,
    ptGenerateOption: 'Update partner reports afterwards',
    menuPartners: 'Update partner reports',
    cliPartnersUsage: [
      'Usage: gongfang partners FILE.xlsx --month YYYY-MM --out-dir DIR [--force] [--json]',
      '',
      "Writes one .xlsx for each partner whose Report is yes on the Partners tab, holding only that partner's order progress and the month's statement (no personal data about residents).",
      'A file of the same name in DIR is replaced only when it is the report gongfang wrote for that partner and nobody changed it since.',
      '  --force  replace other files of the same name too (reports someone changed, files gongfang did not write)',
    ].join('\n'),
    cliPartnersMissingOutDir: 'Say where to write the reports with --out-dir.',
    cliPartnersNone:
      'No partner wants a report: put "yes" in the Report column of the Partners tab.',
    cliPartnersExcluded: icu(
      'en',
      'No partner report was written: {count, plural, one {# row of the Partners tab has errors, so that partner was left out} other {# rows of the Partners tab have errors, so those partners were left out}} (first: {first}). ' +
        'Correct {count, plural, one {it} other {them}}, then run the command again; {command} lists every problem.',
    ),
    cliPartnersSkippedRows: icu(
      'en',
      'Note: {count, plural, one {# row of the Partners tab has errors, and that partner got no report} other {# rows of the Partners tab have errors, and those partners got no report}} (first: {first}). Run {command} to see and correct {count, plural, one {it} other {them}}.',
    ),
    cliPartnersOutDirNotFolder: (p) =>
      `--out-dir "${p.dir}" is a file, not a folder; no report was written. Give a folder name (it is created if it does not exist).`,
    cliPartnersSomeFailed: icu(
      'en',
      '{total, plural, one {The report was not written, for the reason above.} other {{failed} of # reports {failed, plural, one {was} other {were}} not written, for the reasons above; the others were.}}',
    ),
    filePartnerReportForeign: (p) =>
      `"${p.file}" was not written: a file of that name is already there and is not a partner report gongfang wrote (perhaps a ledger or another file), so it was not overwritten. ` +
      `Move or rename it, then run the command again; to replace it all the same, add --force.`,
    filePartnerReportEdited: (p) =>
      `"${p.file}" was not written: that report was changed after gongfang wrote it (notes added, or saved again in Excel or WPS), so it was not overwritten. ` +
      `To keep the changes, move or rename it, then run the command again; to replace it with the new report, add --force.`,
    filePartnerReportOtherPartner: (p) =>
      `"${p.file}" was not written: the file of that name is the report of another partner (${p.other}), not ${p.partnerId}'s, so it was not overwritten. ` +
      `Two partners get the same file name: change the ID or name of one of them on the Partners tab, then run the command again.`,
    cliPartnersWrote: icu(
      'en',
      'Wrote {month} reports for {count, plural, one {# partner} other {# partners}} in {dir}',
    ),
  },
);
