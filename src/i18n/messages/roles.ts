import { defineMessages, icu } from '../define';

/** Roles (who may change pay) and the edit audit (who changed what): docs/roles.md. */
export const roleMessages = defineMessages(
  {
    roleRefused: (p: { operation: string; managers: string }) =>
      `只有管理员可以「${p.operation}」，本次没有做任何改动。管理员：${p.managers}（「设置」表的「管理员」一行，表格所有者也是管理员）。请其中一位来做，或请他们把你加入管理员。`,
    roleUnknownUser: (p: { operation: string }) =>
      `只有管理员可以「${p.operation}」，但 Google 没有告诉工坊你的账号（常见于域外账号），无法确认你是管理员。本次没有做任何改动。请管理员来做这一步。`,
    rolesNone:
      '提示：「设置」表还没有填写「管理员」，所以单价、设置和已结账的月份都没有保护，人人都可以改。填写管理员的邮箱后运行「工坊 › 设置工作簿」即可启用保护和审计。',
    rolesProtection: '工坊（Gongfang）：只有管理员可以修改（「设置」表的「管理员」一行）。',
    rolesApplied: (p: { places: string }) => `只有管理员可以修改：${p.places}。`,
    rolesRemoved: '「设置」表没有管理员，工坊取消了它先前设置的「仅管理员」保护，人人都可以修改。',
    rolesStaffKept: (p: { tab: string }) =>
      `「${p.tab}」已经有你们自己设置的整表保护，工坊没有改动它。`,
    rolesColumn: (p: { tab: string; column: string }) => `「${p.tab}」的「${p.column}」列`,
    rolesTab: (p: { tab: string }) => `「${p.tab}」表`,
    auditOn: (p: { owner: string }) =>
      `改动审计已开启：每次编辑、粘贴、插入或删除行都记入「审计」表（以 ${p.owner} 的账号运行）。`,
    auditOnElsewhere: (p: { owner: string }) =>
      `改动审计已由管理员 ${p.owner} 开启，继续以其账号运行。`,
    auditFailed: (p: { detail: string }) => `改动审计没有开启：${p.detail}`,
    auditUnknownUser: '未知（域外账号）',
    auditProtection: '工坊（Gongfang）的改动审计：只追加、不修改，请勿手工编辑。',
    auditGenerated: (p: { month: string; residents: number; netPay: string }) =>
      `${p.month}：${p.residents} 人，实发合计 ${p.netPay}`,
    auditClosed: (p: { month: string; residents: number; netPay: string; by: string }) =>
      `${p.month} 结账：${p.residents} 人，实发合计 ${p.netPay}；结账人 ${p.by}`,
    auditReopened: (p: { month: string; reason: string; by: string }) =>
      `撤销 ${p.month} 的结账：${p.reason}；撤销人 ${p.by}`,
    auditArchived: (p: {
      year: number;
      pieces: number;
      adjustments: number;
      carried: number;
      location: string;
    }) =>
      `归档 ${p.year} 年：移出 ${p.pieces} 行计件、${p.adjustments} 行调整，留下 ${p.carried} 行结转；归档文件：${p.location}`,
    auditCorrections: (p: { count: number }) => `写入 ${p.count} 行更正`,
    auditRecorded: (p: { count: number; entries: string }) =>
      `${p.count} 行（记录号 ${p.entries}）`,
    auditUndone: (p: { count: number; entries: string }) =>
      `撤销 ${p.count} 行（记录号 ${p.entries}）`,
    auditSetUp: (p: { managers: string }) => `管理员：${p.managers}`,
    auditWhoChanged: (p: { month: string }) => `${p.month} 结账后的改动记录（来自「审计」表）：`,
    auditWhoLine: (p: {
      at: string;
      user: string;
      action: string;
      where: string;
      change: string;
    }) => `  ${p.at} ${p.user} ${p.action} ${p.where}${p.change}`,
    auditNoTrail: (p: { month: string }) =>
      `${p.month} 结账后的改动在「审计」表中没有记录（审计开启前的改动，或在别处改的）。`,
    auditMore: (p: { count: number }) => `  ……还有 ${p.count} 条记录，见「审计」表。`,
    auditChange: (p: { before: string; after: string }) => `（${p.before} → ${p.after}）`,
    auditWas: (p: { before: string }) => `（原为：${p.before}）`,
    auditNow: (p: { after: string }) => `（新增：${p.after}）`,
  },
  {
    roleRefused: (p: { operation: string; managers: string }) =>
      `Only managers may run "${p.operation}"; nothing was changed. Managers: ${p.managers} (the Managers row of Settings; the spreadsheet's owner is one too). Ask one of them to do it, or to add you as a manager.`,
    roleUnknownUser: (p: { operation: string }) =>
      `Only managers may run "${p.operation}", and Google did not tell Gongfang who you are (as happens for accounts outside the domain), so it cannot tell whether you are one. Nothing was changed. Ask a manager to do it.`,
    rolesNone:
      'Note: Settings names no Managers, so pay rates, Settings and closed months are not protected: anyone can change them. Type the managers’ addresses there and run Gongfang › Set up workbook to turn on protection and the audit.',
    rolesProtection: 'Gongfang: only managers may change this (the Managers row of Settings).',
    rolesApplied: (p: { places: string }) => `Only managers may change: ${p.places}.`,
    rolesRemoved:
      'Settings names no Managers: Gongfang removed the managers-only protection it had set, and anyone can change everything.',
    rolesStaffKept: (p: { tab: string }) =>
      `"${p.tab}" already has a sheet protection of your own; Gongfang left it as it is.`,
    rolesColumn: (p: { tab: string; column: string }) => `${p.column} on ${p.tab}`,
    rolesTab: (p: { tab: string }) => `the ${p.tab} tab`,
    auditOn: (p: { owner: string }) =>
      `The edit audit is on: every edit, paste, and row inserted or removed is recorded on the Audit tab (it runs under ${p.owner}'s account).`,
    auditOnElsewhere: (p: { owner: string }) =>
      `The edit audit was turned on by the manager ${p.owner} and keeps running under their account.`,
    auditFailed: (p: { detail: string }) => `The edit audit could not be turned on: ${p.detail}`,
    auditUnknownUser: 'unknown (outside the domain)',
    auditProtection: "Gongfang's edit audit: rows are only ever added; do not edit by hand.",
    auditGenerated: icu(
      'en',
      '{month}: {residents, plural, one {# resident} other {# residents}}, net pay {netPay}',
    ),
    auditClosed: icu(
      'en',
      '{month} closed: {residents, plural, one {# resident} other {# residents}}, net pay {netPay}; closed by {by}',
    ),
    auditReopened: (p: { month: string; reason: string; by: string }) =>
      `${p.month} reopened: ${p.reason}; reopened by ${p.by}`,
    auditArchived: icu<{
      year: number;
      pieces: number;
      adjustments: number;
      carried: number;
      location: string;
    }>(
      'en',
      '{year} archived: {pieces, plural, one {# Pieces row} other {# Pieces rows}} and {adjustments, plural, one {# Adjustments row} other {# Adjustments rows}} moved out, {carried, plural, one {# carried-forward row} other {# carried-forward rows}} left; archive: {location}',
    ),
    auditCorrections: icu(
      'en',
      '{count, plural, one {# correction row} other {# correction rows}} written',
    ),
    auditRecorded: icu(
      'en',
      '{count, plural, one {# row (entry {entries})} other {# rows (entries {entries})}}',
    ),
    auditUndone: icu(
      'en',
      '{count, plural, one {# row removed (entry {entries})} other {# rows removed (entries {entries})}}',
    ),
    auditSetUp: (p: { managers: string }) => `Managers: ${p.managers}`,
    auditWhoChanged: (p: { month: string }) =>
      `Changes to ${p.month} after its closing (from the Audit tab):`,
    auditWhoLine: (p: {
      at: string;
      user: string;
      action: string;
      where: string;
      change: string;
    }) => `  ${p.at} ${p.user} ${p.action} ${p.where}${p.change}`,
    auditNoTrail: (p: { month: string }) =>
      `The Audit tab holds no record of the changes to ${p.month} after its closing (made before the audit was on, or elsewhere).`,
    auditMore: (p: { count: number }) => `  … and ${p.count} more on the Audit tab.`,
    auditChange: (p: { before: string; after: string }) => ` (${p.before} → ${p.after})`,
    auditWas: (p: { before: string }) => ` (was: ${p.before})`,
    auditNow: (p: { after: string }) => ` (now: ${p.after})`,
  },
);
