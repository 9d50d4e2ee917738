/** A month's key figures as a two-column table for the terminal. */
import type { KeyFigures } from '../domain/summary';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import type { Workbook } from '../workbook/port';
import { DEFAULT_CURRENCY, SETTINGS, SETTING_KEYS, findTerm, namesOf } from '../workbook/layout';
import { formatCount, formatMoney, formatPercent, formatTable } from './output';

/** The Settings currency sign, read from the small Settings tab alone. */
export function currencyOf(workbook: Workbook): string {
  const settings = workbook.readTab(namesOf(SETTINGS));
  const currencyKey = SETTING_KEYS.filter((key) => key.key === 'currency');
  for (const [key, value] of settings?.values.slice(1) ?? []) {
    if (typeof key === 'string' && findTerm(currencyKey, key) && typeof value === 'string') {
      if (value.trim() !== '') return value.trim();
    }
  }
  return DEFAULT_CURRENCY;
}

export function figuresTable(figures: KeyFigures, lang: Lang, currency: string): string {
  const money = (fen: number | null) => (fen === null ? '—' : formatMoney(fen, currency));
  const rows: [string, string][] = [
    [t(lang, 'cliFigureResidentsPaid'), formatCount(figures.residentsPaid)],
    [t(lang, 'cliFigureHardship'), formatCount(figures.hardshipResidents)],
    [t(lang, 'cliFigureNearHardship'), formatCount(figures.nearHardshipResidents)],
    [t(lang, 'cliFigureAccepted'), formatCount(figures.acceptedPieces)],
    [t(lang, 'cliFigureRejected'), formatCount(figures.rejectedPieces)],
    [
      t(lang, 'cliFigureRejectRate'),
      figures.rejectRate === null ? '—' : formatPercent(figures.rejectRate),
    ],
    [t(lang, 'cliFigurePiecePay'), money(figures.piecePay)],
    [t(lang, 'cliFigureAdjustments'), money(figures.adjustments)],
    [t(lang, 'cliFigureNetPay'), money(figures.netPay)],
    [t(lang, 'cliFigureAverage'), money(figures.averageNetPay)],
    [t(lang, 'cliFigureMedian'), money(figures.medianNetPay)],
  ];
  if (figures.partnerRevenue !== null) {
    rows.push([t(lang, 'cliFigurePartnerRevenue'), money(figures.partnerRevenue)]);
    rows.push([t(lang, 'cliFigureMargin'), money(figures.partnerRevenueOverPiecePay)]);
    if (figures.unpricedPiecePay !== null) {
      rows.push([t(lang, 'figUnpricedPiecePay'), money(figures.unpricedPiecePay)]);
    }
  }
  return formatTable(rows, [1]);
}
