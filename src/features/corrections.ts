/**
 * Corrections written before the 更正月份 / Corrects month column existed. Gongfang then wrote
 * the reason `更正 2026-11（结账后数据有改动）` (or its English text) and nothing else marked the
 * row. Such a row is still read as a correction, but only when all of this holds, so words
 * staff type never count (docs/month.md, "Corrections written by earlier versions"):
 * - its Corrects month cell is empty;
 * - its reason is exactly the text Gongfang wrote, in either language, for some month M;
 * - M is earlier than the row's own month (a correction always goes into a later month).
 */
import type { Adjustment, MonthKey } from '../domain/records';

/**
 * The reasons earlier versions wrote, around the month: [before, after]. Frozen here, apart from
 * the message catalogue, so rewording today's message never changes what old rows mean.
 */
const LEGACY_REASONS: readonly (readonly [string, string])[] = [
  ['更正 ', '（结账后数据有改动）'],
  ['Correction ', ' (rows changed after closing)'],
];

/** The month a legacy correction row corrects, or null when the row is not one. */
export function legacyCorrectedMonth(a: Adjustment): MonthKey | null {
  if (a.correctsMonth) return null;
  const reason = a.reason.trim();
  for (const [before, after] of LEGACY_REASONS) {
    if (!reason.startsWith(before) || !reason.endsWith(after)) continue;
    const month = reason.slice(before.length, reason.length - after.length);
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(month) && month < a.month) return month;
  }
  return null;
}

/** The adjustments with legacy correction rows given their Corrects month. */
export function withLegacyCorrections<T extends { readonly adjustments: readonly Adjustment[] }>(
  input: T,
): T {
  if (!input.adjustments.some((a) => legacyCorrectedMonth(a) !== null)) return input;
  const adjustments = input.adjustments.map((a) => {
    const month = legacyCorrectedMonth(a);
    return month === null ? a : { ...a, correctsMonth: month };
  });
  return { ...input, adjustments };
}
