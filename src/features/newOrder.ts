/**
 * 新增订单 / New order: the next free ID suggested, partners and crafts offered, the row checked
 * by the same validation as Check data (pay rate, quantity, dates, partner), one append. Callers
 * hold the document lock around addOrder.
 */
import { isoDateToSerial } from '../domain/dates';
import { rateUnitsToYuan } from '../domain/money';
import type { IsoDate } from '../domain/records';
import type { Lang } from '../i18n';
import type { CellValue } from '../workbook/cells';
import {
  type CodecContext,
  decodeDate,
  decodePayRate,
  decodeWholeNumber,
} from '../workbook/codecs';
import { CRAFTS, ORDERS, ORDER_STATUSES, labelOf } from '../workbook/layout';
import { NUMBER_FORMATS, type Workbook } from '../workbook/port';
import {
  checkCandidates,
  columnsOf,
  formatsFor,
  newRowRefusal,
  nextId,
  problemText,
  readAhead,
  readTabs,
  rowFor,
} from './candidateRows';
import { validateLedgerTabs } from './loadLedger';
import { sheetLanguage } from './monthData';
import { type Choice, type SaveOutcome, appendNewRow, idsOf, savedBefore } from './newResident';

export interface NewOrderView {
  readonly lang: Lang;
  readonly today: IsoDate;
  readonly nextId: string;
  readonly partners: Choice[];
  readonly crafts: string[];
  readonly statuses: Choice[];
}

export interface NewOrderInput {
  readonly id: string;
  readonly partnerId: string;
  readonly product: string;
  readonly craft: string;
  readonly payRate: string;
  readonly partnerPrice: string;
  readonly quantity: string;
  readonly received: string;
  readonly due: string;
  readonly status: string;
  readonly notes: string;
  readonly acceptWarnings: boolean;
}

export function newOrderView(workbook: Workbook, today: IsoDate): NewOrderView {
  readAhead(workbook, ['settings', 'partners', 'orders']);
  const lang = sheetLanguage(workbook);
  const contents = readTabs(workbook, ['partners', 'orders']);
  const codecs = { timeZone: workbook.info().timeZone, lang };
  const { validated } = validateLedgerTabs(contents, codecs, { today });
  return {
    lang,
    today,
    nextId: nextId(idsOf(ORDERS, contents.orders), 'O'),
    partners: validated.partners.map((p) => ({ value: p.id, label: `${p.id} ${p.name}` })),
    crafts: CRAFTS.map((c) => labelOf(c, lang)),
    statuses: ORDER_STATUSES.map((s) => ({ value: s.key, label: labelOf(s, lang) })),
  };
}

export function addOrder(
  workbook: Workbook,
  input: NewOrderInput,
  today: IsoDate,
): SaveOutcome & { lang: Lang } {
  readAhead(workbook, ['settings', 'partners', 'orders']);
  const lang = sheetLanguage(workbook);
  const codecs: CodecContext = { timeZone: workbook.info().timeZone, lang };
  const contents = readTabs(workbook, ['partners', 'orders']);
  const orders = contents.orders;
  const columns = columnsOf(ORDERS, orders, ['id', 'product', 'payRate'], lang);
  const ids = idsOf(ORDERS, orders);
  const refused = newRowRefusal(
    lang,
    [
      [input.id, 'sbId'],
      [input.product, 'sbProduct'],
      [input.payRate, 'sbPayRate'],
    ],
    { typed: input.id, taken: ids, next: () => nextId(ids, 'O') },
  );
  const rate = (text: string): CellValue => {
    const read = decodePayRate(text, codecs);
    return read.ok ? (read.value === null ? '' : rateUnitsToYuan(read.value)) : text;
  };
  if (refused !== null) {
    const { id, product, partnerId: partner } = input;
    const typed = { id, product, partner, payRate: rate(input.payRate) };
    const again = savedBefore(orders, columns, typed, lang);
    return again ?? { kind: 'refused', lang, problems: refused };
  }
  const date = (text: string): CellValue => {
    const read = decodeDate(text, codecs);
    return read.ok ? (read.value === null ? '' : isoDateToSerial(read.value)) : text;
  };
  const quantity = decodeWholeNumber(input.quantity, codecs);
  const status = ORDER_STATUSES.find((s) => s.key === input.status) ?? ORDER_STATUSES[0];
  const row = rowFor(columns, {
    id: input.id.trim(),
    partner: input.partnerId.trim(),
    product: input.product.trim(),
    craft: input.craft.trim(),
    payRate: rate(input.payRate),
    partnerPrice: rate(input.partnerPrice),
    quantity: quantity.ok ? (quantity.value ?? '') : input.quantity,
    received: date(input.received),
    due: date(input.due),
    status: labelOf(status, lang),
    notes: input.notes,
  });
  const check = checkCandidates(contents, 'orders', [row], codecs, { today, closedMonths: [] });
  if (check.errors.length > 0) {
    return {
      kind: 'refused',
      lang,
      problems: check.errors.map((p) => problemText(p, lang, contents)),
    };
  }
  const warnings = check.warnings.map((p) => problemText(p, lang, contents));
  if (warnings.length > 0 && !input.acceptWarnings) return { kind: 'warnings', lang, warnings };
  return appendNewRow(workbook, {
    tab: orders?.name ?? labelOf(ORDERS, lang),
    rowsBefore: orders?.values.length ?? 0,
    row,
    formats: formatsFor(columns, {
      id: NUMBER_FORMATS.text,
      partner: NUMBER_FORMATS.text,
      product: NUMBER_FORMATS.text,
      craft: NUMBER_FORMATS.text,
      payRate: NUMBER_FORMATS.rate,
      partnerPrice: NUMBER_FORMATS.rate,
      quantity: NUMBER_FORMATS.integer,
      received: NUMBER_FORMATS.date,
      due: NUMBER_FORMATS.date,
      status: NUMBER_FORMATS.text,
      notes: NUMBER_FORMATS.text,
    }),
    id: input.id.trim(),
    lang,
  });
}
