/** Runs domain validation on sheets given as cell values (header row first), for tests. */
import { type ValidatedLedger, validateLedger } from '../../src/domain/validation';
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
import {
  adjustmentDraft,
  orderDraft,
  partnerDraft,
  pieceDraft,
  readTable,
  residentDraft,
} from '../../src/workbook/tables';

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
  const residents = readTable(RESIDENTS, contents(sheets.residents, '居民', RESIDENTS), context);
  const partners = readTable(PARTNERS, contents(sheets.partners, '合作单位', PARTNERS), context);
  const orders = readTable(ORDERS, contents(sheets.orders, '订单', ORDERS), context);
  const pieces = readTable(PIECES, contents(sheets.pieces, '计件', PIECES), context);
  const adjustments = readTable(
    ADJUSTMENTS,
    contents(sheets.adjustments, '调整', ADJUSTMENTS),
    context,
  );
  return validateLedger({
    today,
    tabs: {
      residents: residents.state,
      partners: partners.state,
      orders: orders.state,
      pieces: pieces.state,
      adjustments: adjustments.state,
    },
    residents: residents.rows.map(residentDraft),
    partners: partners.rows.map(partnerDraft),
    orders: orders.rows.map(orderDraft),
    pieces: pieces.rows.map(pieceDraft),
    adjustments: adjustments.rows.map(adjustmentDraft),
  });
}
