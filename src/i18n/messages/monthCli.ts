import { defineMessages, icu } from '../define';

/**
 * The command line's messages of month end: `gongfang close`, `reopen` and `partners`. Apart
 * from the areas' own files so that Code.js and the pages leave them out (scripts/build.mjs).
 */
export const monthCliMessages = defineMessages(
  {
    cliMissingReason: '请用 --reason 说明撤销结账的原因。',
    cliBlankBy: '--by 后面没有姓名。请写上结账或撤销结账的人，或不写 --by（将记录系统用户名）。',
    cliReopenWhichMonth: (p: { latest: string; command: string }) =>
      `请用 --month YYYY-MM 指定要撤销结账的月份：只能撤销最近一次结账的月份，即 ${p.latest}。\n下一步：${p.command}`,
    cliReopenUsage: [
      '用法：gongfang reopen 文件 --month YYYY-MM --reason 原因 [--by 姓名] [--force] [--json]',
      '',
      '撤销最近一次结账的月份：「结账」表保留原记录，并新增一行写明撤销时间、撤销人和原因；',
      '该月的工作表重新生成为草稿，之后可以修改、重新生成并再次结账。',
      '  --reason 原因  为什么撤销（必填）',
      '  --by 姓名      谁撤销（默认：系统用户名）',
      '  --force        已为该月写入以后月份的更正要撤回时，确认撤回（不加则只列出，不改动）',
    ].join('\n'),
    cliCloseForceHint: '确认无误后，加 --force 再运行一次即可结账。',
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
    cliPartnersAllFailed: (p: { total: number }) => `${p.total} 份报表都没有写出，原因见上。`,
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
    cliPartnersFormerName: (p: { file: string; partnerId: string }) =>
      `文件夹中还有「${p.file}」：以前运行时按 ${p.partnerId} 的旧名称写的报表，没有删除。`,
    nextStepCommand: (p: { command: string }) => `下一步：${p.command}`,
    nextStepReasonPlaceholder: '原因',
    defaultMonthSkipsClosed: (p: { closed: string; month: string }) =>
      `${p.closed} 已结账，默认改为下一个未结账的月份 ${p.month}。`,
    reopenNeedsConfirm: (p: { month: string }) => `撤销 ${p.month} 的结账会改动「调整」表：`,
    nextStepFilePlaceholder: '文件',
  },
  {
    cliMissingReason: 'Give the reason for reopening with --reason.',
    cliBlankBy:
      '--by has no name after it. Give who closes or reopens the month, or leave --by out to record your system user name.',
    cliReopenWhichMonth: (p: { latest: string; command: string }) =>
      `Say which month to reopen with --month YYYY-MM: only the latest closed month can be reopened, ${p.latest}.\nNext: ${p.command}`,
    cliReopenUsage: [
      'Usage: gongfang reopen FILE --month YYYY-MM --reason TEXT [--by NAME] [--force] [--json]',
      '',
      'Reopens the latest closed month: the Closings tab keeps the closing and gains a row with',
      "when, by whom and why it was reopened; the month's tabs are rebuilt as a draft, and it",
      'can then be changed, generated and closed again.',
      '  --reason TEXT  why it is reopened (required)',
      '  --by NAME      who reopens it (default: the system user name)',
      '  --force        withdraw the corrections of the month written into later months',
      '                 (without it they are listed and nothing is changed)',
    ].join('\n'),
    cliCloseForceHint: 'When you have checked, run it again with --force to close.',
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
    cliPartnersAllFailed: icu(
      'en',
      '{total, plural, one {The report was not written, for the reason above.} other {None of the # reports was written, for the reasons above.}}',
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
    cliPartnersFormerName: (p) =>
      `Also in the folder: "${p.file}", ${p.partnerId}'s report from an earlier run, under the partner's former name (not deleted).`,
    nextStepCommand: (p: { command: string }) => `Next: ${p.command}`,
    nextStepReasonPlaceholder: 'TEXT',
    defaultMonthSkipsClosed: (p: { closed: string; month: string }) =>
      `${p.closed} is closed; taking the next month not closed, ${p.month}.`,
    reopenNeedsConfirm: (p: { month: string }) =>
      `Reopening ${p.month} changes the Adjustments tab:`,
    nextStepFilePlaceholder: 'FILE',
  },
);
