/** Runs domain validation on sheets given as cell values (header row first), for tests. */
import type { ValidatedLedger } from '../../src/domain/validation';
import { validateLedgerTabs } from '../../src/features/loadLedger';
import type { CodecContext } from '../../src/workbook/codecs';
import type { CellValue } from '../../src/workbook/cells';
import {
  ADJUSTMENTS,
  ORDERS,
  PARTNERS,
  PIECES,
  RESIDENTS,
  type TabSpec,
} from '../../src/workbook/layout';

export interface SheetsInput {
  residents?: CellValue[][] | null;
  partners?: CellValue[][] | null;
  orders?: CellValue[][] | null;
  pieces?: CellValue[][] | null;
  adjustments?: CellValue[][] | null;
}

const context: CodecContext = { timeZone: 'Asia/Shanghai', lang: 'zh-CN' };

/** Missing from the input: the tab has its header row only; null: the tab does not exist. */
const contents = (values: CellValue[][] | null | undefined, name: string, spec: TabSpec) =>
  values === null ? null : { name, values: values ?? [spec.columns.map((c) => c.zh)] };

export function validateSheets(sheets: SheetsInput, today = '2026-11-28'): ValidatedLedger {
  const read = {
    residents: contents(sheets.residents, '居民', RESIDENTS),
    partners: contents(sheets.partners, '合作单位', PARTNERS),
    orders: contents(sheets.orders, '订单', ORDERS),
    pieces: contents(sheets.pieces, '计件', PIECES),
    adjustments: contents(sheets.adjustments, '调整', ADJUSTMENTS),
  };
  return validateLedgerTabs(read, context, { today }).validated;
}
