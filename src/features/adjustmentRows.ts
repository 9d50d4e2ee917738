/**
 * Rows Gongfang itself writes to 调整 / Adjustments: corrections of closed months (Check data)
 * and their withdrawal when a month is reopened. Each fills 更正月份 / Corrects month, the only
 * thing that marks a row as Gongfang's correction (never the words of its reason).
 */
import type { MonthKey } from '../domain/records';
import { fenToYuan } from '../domain/money';
import { ADJUSTMENTS, DEFAULT_CURRENCY, labelOf } from '../workbook/layout';
import { NUMBER_FORMATS, moneyFormat } from '../workbook/port';
import type { Workbook } from '../workbook/port';
import type { CellValue } from '../workbook/cells';
import { matchHeaders } from '../workbook/tables';
import { refusal } from './errors';
import type { Ledger } from './loadLedger';

export interface AdjustmentWrite {
  readonly month: MonthKey;
  readonly residentId: string;
  /** Fen, signed. */
  readonly amount: number;
  readonly reason: string;
  /** The earlier (closed or reopened) month this row corrects. */
  readonly correctsMonth: MonthKey;
}

type Columns = Partial<
  Record<'month' | 'resident' | 'amount' | 'reason' | 'correctsMonth', number>
>;

function rowOf(write: AdjustmentWrite, columns: Columns, width: number): CellValue[] {
  const row: CellValue[] = Array<CellValue>(width).fill('');
  const put = (column: number | undefined, value: CellValue): void => {
    if (column !== undefined) row[column - 1] = value;
  };
  put(columns.month, write.month);
  put(columns.resident, write.residentId);
  put(columns.amount, fenToYuan(write.amount));
  put(columns.reason, write.reason);
  put(columns.correctsMonth, write.correctsMonth);
  return row;
}

/**
 * Appends the rows to the ledger's Adjustments tab in one write (adding its 更正月份 / Corrects
 * month column first when it has none); returns how many were written.
 */
export function appendAdjustments(
  workbook: Workbook,
  ledger: Ledger,
  writes: readonly AdjustmentWrite[],
): number {
  if (writes.length === 0) return 0;
  const tab = ledger.tabs.adjustments;
  if (!tab) throw refusal('tabMissing', { tab: labelOf(ADJUSTMENTS, ledger.lang) });
  const match = matchHeaders(ADJUSTMENTS, tab.values[0]);
  if (!match.headerRow) throw refusal('headerMissing', { tab: tab.name });
  const columns: Columns = { ...match.columns };
  const headerWidth = tab.values[0]?.length ?? 0;
  if (columns.correctsMonth === undefined) {
    // The column that marks these rows as corrections (never the reason's words): added once.
    const spec = ADJUSTMENTS.columns.find((c) => c.key === 'correctsMonth');
    columns.correctsMonth = headerWidth + 1;
    workbook.setUpTabs([
      {
        name: tab.name,
        create: false,
        newHeaders: [
          { column: headerWidth + 1, text: spec ? labelOf(spec, ledger.lang) : 'correctsMonth' },
        ],
        headerWidth: headerWidth + 1,
        columns: [{ column: headerWidth + 1, numberFormat: NUMBER_FORMATS.month }],
      },
    ]);
  }
  const found = Object.values(columns).filter((c): c is number => c !== undefined);
  const width = Math.max(headerWidth, ...found);
  const rows = writes.map((write) => rowOf(write, columns, width));
  const formats: string[] = Array<string>(width).fill(NUMBER_FORMATS.general);
  const currency = ledger.settings.currency || DEFAULT_CURRENCY;
  const formatAt = (column: number | undefined, format: string): void => {
    if (column !== undefined) formats[column - 1] = format;
  };
  formatAt(columns.month, NUMBER_FORMATS.month);
  formatAt(columns.resident, NUMBER_FORMATS.text);
  formatAt(columns.amount, moneyFormat(currency));
  formatAt(columns.reason, NUMBER_FORMATS.text);
  formatAt(columns.correctsMonth, NUMBER_FORMATS.month);
  workbook.appendRows(tab.name, rows, formats);
  return rows.length;
}
