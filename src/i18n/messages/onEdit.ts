import { defineMessages, icu } from '../define';

/** Messages of the checks made while typing (the onEdit trigger, docs/validation.md). */
export const onEditMessages = defineMessages(
  {
    editClosedMonth: (p: { value?: string }) =>
      `${p.value ?? ''} 已结账：此改动将在检查数据时作为更正处理`,
    editArchived: (p: { value: string }) =>
      `${p.value} 已归档：不计入工资，请在未结账的月份用调整支付`,
    editAutoCorrected: (p: { original: string }) => `已自动更正，原为「${p.original}」`,
    editOutOfDate: (p: { when: string }) =>
      `数据已于 ${p.when} 改动，本表已过时，请重新生成（工坊 › 生成月度工资与汇总…）`,
    editTooManyRows: (p: { count: number; limit: number }) =>
      `这次改动了 ${p.count} 行，超过即时检查的上限 ${p.limit} 行；请运行「工坊 › 检查数据」。`,
    editToastTitle: '工坊',
  },
  {
    editClosedMonth: (p: { value?: string }) =>
      `${p.value ?? ''} is closed: this change becomes a correction when you run Check data`,
    editArchived: (p: { value: string }) =>
      `${p.value} is archived: not paid; pay it as an adjustment of an open month`,
    editAutoCorrected: (p: { original: string }) => `auto-corrected, was "${p.original}"`,
    editOutOfDate: (p: { when: string }) =>
      `Data changed on ${p.when}: this tab is out of date; generate it again (Gongfang › Generate month)`,
    editTooManyRows: icu(
      'en',
      'This change touched {count, plural, one {# row} other {# rows}}, more than the {limit} checked while typing; run Gongfang › Check data.',
    ),
    editToastTitle: 'Gongfang',
  },
);
