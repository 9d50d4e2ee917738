/**
 * A small workshop for the print tests (test/cli/printed*.test.ts), written into a workbook with
 * the demo's writeSample: a few residents, one partner, one order per product, the pieces given,
 * the workshop named in Settings. Each test names only what it prints at an edge.
 */
import type { SampleCell, SampleTab } from '../../src/cli/demo/sample';
import type { Lang } from '../../src/i18n';
import {
  ACTIVE_VALUES,
  ADJUSTMENTS,
  CATEGORIES,
  CRAFTS,
  ORDERS,
  ORDER_STATUSES,
  PARTNERS,
  PIECES,
  RESIDENTS,
  SETTINGS,
  SETTING_KEYS,
  labelOf,
} from '../../src/workbook/layout';

/** One hand-in: the day (YYYY-MM-DD), who, which order, pieces accepted, a note to tell it. */
export type SampleHandIn = readonly [
  day: string,
  residentId: string,
  orderId: string,
  accepted: number,
  note: string,
];

export interface SmallWorkshop {
  readonly organization: string;
  /** [ID, name] */
  readonly residents: readonly (readonly [string, string])[];
  readonly partner: string;
  /** One open order each, O101, O102, …, at ¥1.50 a piece. */
  readonly products: readonly string[];
  readonly handIns: readonly SampleHandIn[];
  /** The orders' received day; 2026-10-01 unless given. */
  readonly received?: string;
}

/** The workshop's source tabs, in `lang`'s words, as writeSample takes them. */
export function smallWorkshop(lang: Lang, shop: SmallWorkshop): SampleTab[] {
  const term = (words: { zh: string; en: string }): string => labelOf(words, lang);
  const resident = ([id, name]: readonly [string, string]): SampleCell[] => [
    id,
    name,
    '',
    term(CATEGORIES[0]),
    '',
    { date: '2025-03-01' },
    term(ACTIVE_VALUES[0]),
    '',
  ];
  const order = (product: string, k: number): SampleCell[] => [
    orderId(k),
    'P01',
    product,
    term(CRAFTS[1]),
    1.5,
    2,
    1000,
    { date: shop.received ?? '2026-10-01' },
    { date: '2026-12-31' },
    term(ORDER_STATUSES[0]),
    '',
  ];
  return [
    { spec: RESIDENTS, rows: shop.residents.map(resident) },
    { spec: PARTNERS, rows: [['P01', shop.partner, '', '', term(ACTIVE_VALUES[0]), '', lang]] },
    { spec: ORDERS, rows: shop.products.map(order) },
    {
      spec: PIECES,
      rows: shop.handIns.map(([day, id, order, accepted, note]) => [
        { date: day },
        id,
        order,
        accepted,
        0,
        'Li',
        '',
        note,
      ]),
    },
    { spec: ADJUSTMENTS, rows: [] },
    { spec: SETTINGS, rows: [[term(SETTING_KEYS[0]), shop.organization]] },
  ];
}

/** The ID smallWorkshop gives the order of its `k`th product (from 0). */
export const orderId = (k: number): string => `O${101 + k}`;
