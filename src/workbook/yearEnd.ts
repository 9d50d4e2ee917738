/**
 * The year-end's part of the workbook contract: the tabs Year writes (年度 YYYY, 收入明细 YYYY,
 * 成效 YYYY), the column Archive year adds to 计件 / Pieces and 调整 / Adjustments to mark the
 * rows it carries forward, and the audit tab it copies whole when there is one.
 */
import type { Lang } from '../i18n/lang';
import type { ColumnSpec } from './layout';

/** Year-end tabs; the year follows the prefix, e.g. 年度 2026. */
export const YEAR_TAB_PREFIXES = {
  year: { zh: '年度', en: 'Year' },
  statements: { zh: '收入明细', en: 'Statements' },
  impact: { zh: '成效', en: 'Impact' },
} as const;
export type YearTabKind = keyof typeof YEAR_TAB_PREFIXES;

export function yearTabName(kind: YearTabKind, year: number, lang: Lang): string {
  const prefix = YEAR_TAB_PREFIXES[kind];
  return `${lang === 'zh-CN' ? prefix.zh : prefix.en} ${year}`;
}

/** Both languages' names of a year-end tab, for finding it whatever the sheet's language. */
export function yearTabNames(kind: YearTabKind, year: number): string[] {
  const prefix = YEAR_TAB_PREFIXES[kind];
  return [`${prefix.zh} ${year}`, `${prefix.en} ${year}`];
}

/**
 * 结转 / Carried forward: filled by Archive year, with the year archived, on the rows it writes
 * in place of the rows it moved out. Only this column (never a reason's or a note's words)
 * marks a row as carried forward. Staff never type in it; rows without it are staff's own.
 */
export const CARRIED_FORWARD: ColumnSpec = {
  key: 'carriedForward',
  zh: '结转',
  en: 'Carried forward',
  aliases: ['结转年度'],
  kind: 'text',
};

/**
 * 审计 / Audit: the record of who changed what, kept by another part of Gongfang where it is
 * installed. Archive year copies it whole, by name, when the workbook has one.
 */
export const AUDIT_TAB_NAMES = ['审计', 'Audit'] as const;
