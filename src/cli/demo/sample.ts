/**
 * The sample workbook's rows, built from a seeded generator and dated relative to "today":
 * three months of hand-ins ending with the month Generate would pick by default, a few
 * adjustments, and a handful of rows that are wrong on purpose so Check data has something
 * to show. Pure: the same today and language give the same rows.
 */
import { addMonths, defaultMonth, lastDayOf } from '../../domain/months';
import type { IsoDate, MonthKey } from '../../domain/records';
import type { Lang } from '../../i18n';
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
} from '../../workbook/layout';
import type { SourceTab } from '../../workbook/layout';
import type { CraftKey } from './catalogue';
import {
  BATCH_SIZE,
  RECORDERS,
  SAMPLE_ORDERS,
  SAMPLE_PARTNERS,
  SAMPLE_RESIDENTS,
} from './catalogue';
import type { Random } from './prng';
import { seededRandom } from './prng';

/** A cell of the sample: dates stay YYYY-MM-DD strings until the shell turns them into cells. */
export type SampleCell = string | number | { readonly date: IsoDate };

export interface SampleTab {
  readonly spec: SourceTab;
  /** Data rows, one value per column of spec.columns, in that order. */
  readonly rows: readonly (readonly SampleCell[])[];
}

export interface Sample {
  /** The month the demo generates. */
  readonly month: MonthKey;
  readonly months: readonly MonthKey[];
  readonly organization: string;
  readonly tabs: readonly SampleTab[];
}

const SEED = 20261128;
/** Chance that a resident hands in a batch on a working day. */
const HAND_IN_CHANCE = 0.45;

const residentId = (index: number) => `R${String(index + 1).padStart(3, '0')}`;
const partnerId = (index: number) => `P${String(index + 1).padStart(2, '0')}`;
const orderId = (index: number) => `O${String(index + 1).padStart(3, '0')}`;

function addDays(date: IsoDate, days: number): IsoDate {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

function dayOf(month: MonthKey, day: number): IsoDate {
  const last = Number(lastDayOf(month).slice(8, 10));
  return `${month}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** Monday to Saturday: the workshop is closed on Sundays. */
function isWorkingDay(date: IsoDate): boolean {
  return new Date(`${date}T00:00:00Z`).getUTCDay() !== 0;
}

/** Rounds up to two significant digits: 12,345 → 13,000. */
function niceQuantity(amount: number): number {
  if (amount <= 0) return 100;
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(amount)) - 1);
  return Math.ceil(amount / scale) * scale;
}

function craftLabel(craft: CraftKey, lang: Lang): string {
  const term = CRAFTS.find((candidate) => candidate.key === craft);
  return term ? labelOf(term, lang) : craft;
}

interface OrderPlan {
  readonly index: number;
  readonly craft: CraftKey;
  readonly received: IsoDate;
  readonly due: IsoDate;
  readonly status: 'open' | 'done';
  readonly fullyDelivered: boolean;
}

function planOrders(month: MonthKey): OrderPlan[] {
  return SAMPLE_ORDERS.map((order, index) => {
    const receivedMonth = addMonths(month, -order.receivedMonthsBack);
    return {
      index,
      craft: order.craft,
      received: dayOf(receivedMonth, order.receivedDay),
      due: dayOf(addMonths(receivedMonth, order.dueMonthsAfter), order.dueDay),
      status: order.status,
      fullyDelivered: order.fullyDelivered === true,
    };
  });
}

interface HandIn {
  readonly date: IsoDate;
  readonly resident: number;
  readonly order: number;
  readonly completed: number;
  readonly rejected: number;
}

/** Orders a resident can work on that day: their craft, received, and not yet delivered if done. */
function openOrdersFor(plans: readonly OrderPlan[], crafts: readonly CraftKey[], date: IsoDate) {
  return plans.filter(
    (plan) =>
      crafts.includes(plan.craft) &&
      plan.received <= date &&
      plan.status === 'open' &&
      (!plan.fullyDelivered || date <= plan.due),
  );
}

function simulateHandIns(
  random: Random,
  plans: readonly OrderPlan[],
  first: IsoDate,
  last: IsoDate,
) {
  const handIns: HandIn[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    if (!isWorkingDay(date)) continue;
    SAMPLE_RESIDENTS.forEach((resident, index) => {
      // She left the register before the demo's months begin.
      if (resident.inactive) return;
      if (!random.chance(HAND_IN_CHANCE)) return;
      const choices = openOrdersFor(plans, resident.crafts, date);
      if (choices.length === 0) return;
      const plan = random.pick(choices);
      const [low, high] = BATCH_SIZE[plan.craft];
      const completed = random.int(low, high);
      const rejected = random.chance(0.3)
        ? random.int(1, Math.max(1, Math.round(completed * 0.04)))
        : 0;
      handIns.push({ date, resident: index, order: plan.index, completed, rejected });
    });
  }
  return handIns;
}

/** Builds the sample for `today` in `lang` (tab contents in that language). */
export function buildSample(today: IsoDate, lang: Lang): Sample {
  const random = seededRandom(SEED);
  const month = defaultMonth(today);
  const months = [addMonths(month, -2), addMonths(month, -1), month];
  const first = `${months[0]}-01`;
  const lastOfMonth = lastDayOf(month);
  const last = lastOfMonth < today ? lastOfMonth : addDays(today, -1);
  const plans = planOrders(month);
  const handIns = simulateHandIns(random, plans, first, last);
  const organization =
    lang === 'zh-CN' ? '幸福里社区居委会手工坊' : 'Xingfuli Community Craft Workshop';
  return {
    month,
    months,
    organization,
    tabs: [
      { spec: RESIDENTS, rows: residentRows(random, today, lang) },
      { spec: PARTNERS, rows: partnerRows(lang) },
      { spec: ORDERS, rows: orderRows(plans, handIns, lang) },
      { spec: PIECES, rows: pieceRows(random, handIns, month, lang) },
      { spec: ADJUSTMENTS, rows: adjustmentRows(months, lang) },
      { spec: SETTINGS, rows: settingRows(organization, lang) },
    ],
  };
}

function residentRows(random: Random, today: IsoDate, lang: Lang): SampleCell[][] {
  const yes = labelOf(ACTIVE_VALUES[0], lang);
  const no = labelOf(ACTIVE_VALUES[1], lang);
  return SAMPLE_RESIDENTS.map((resident, index) => {
    const category = CATEGORIES.find((term) => term.key === resident.category);
    const phone = `1${random.pick(['38', '39', '59', '86', '77'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
    const joined = addDays(today, -random.int(120, 1100));
    const notes =
      index === 11 ? (lang === 'zh-CN' ? '腿脚不便，居家做活' : 'works from home (mobility)') : '';
    return [
      residentId(index),
      resident.name,
      phone,
      category ? labelOf(category, lang) : '',
      resident.crafts.map((craft) => craftLabel(craft, lang)).join(lang === 'zh-CN' ? '、' : ', '),
      { date: joined },
      resident.inactive ? no : yes,
      notes,
    ];
  });
}

function partnerRows(lang: Lang): SampleCell[][] {
  return SAMPLE_PARTNERS.map((partner, index) => [
    partnerId(index),
    lang === 'zh-CN' ? partner.zh : partner.en,
    partner.contact,
    `partner${index + 1}@example.com`,
    // Three partners get their own report (gongfang partners); the third reads it in the
    // other language.
    index < 3 ? labelOf(ACTIVE_VALUES[0], lang) : '',
    '',
    index === 2 ? (lang === 'zh-CN' ? 'en' : 'zh-CN') : '',
  ]);
}

function orderRows(plans: readonly OrderPlan[], handIns: readonly HandIn[], lang: Lang) {
  const accepted = new Map<number, number>();
  for (const handIn of handIns) {
    accepted.set(
      handIn.order,
      (accepted.get(handIn.order) ?? 0) + handIn.completed - handIn.rejected,
    );
  }
  return plans.map((plan): SampleCell[] => {
    const order = SAMPLE_ORDERS[plan.index];
    const status = ORDER_STATUSES.find((term) => term.key === plan.status);
    const done = accepted.get(plan.index) ?? 0;
    // Open orders still have work left; a finished order was for exactly what was delivered.
    const quantity = plan.fullyDelivered ? done : niceQuantity(done * 1.3);
    return [
      orderId(plan.index),
      partnerId(order?.partner ?? 0),
      (lang === 'zh-CN' ? order?.zh : order?.en) ?? '',
      craftLabel(plan.craft, lang),
      // Typed as numbers, as staff enter them; the rates are exact decimals with ≤ 4 places.
      Number(order?.payRate ?? 0),
      order?.partnerPrice ? Number(order.partnerPrice) : '',
      quantity,
      { date: plan.received },
      { date: plan.due },
      status ? labelOf(status, lang) : '',
      '',
    ];
  });
}

function pieceRows(random: Random, handIns: readonly HandIn[], month: MonthKey, lang: Lang) {
  const rows: SampleCell[][] = handIns.map((handIn, index) => [
    { date: handIn.date },
    residentId(handIn.resident),
    orderId(handIn.order),
    handIn.completed,
    handIn.rejected,
    random.pick(RECORDERS),
    '',
    `E${String(index + 1).padStart(5, '0')}`,
  ]);
  return [...rows, ...deliberateMistakes(month, rows.length, lang)];
}

/** Rows a busy volunteer might type, each tripping one check (see docs/cli.md). */
function deliberateMistakes(month: MonthKey, count: number, lang: Lang): SampleCell[][] {
  const entry = (offset: number) => `E${String(count + offset).padStart(5, '0')}`;
  const day = (d: number): SampleCell => ({ date: dayOf(month, d) });
  const recorder = RECORDERS[0];
  const note = (zh: string, en: string) => (lang === 'zh-CN' ? zh : en);
  return [
    // Rejected more than completed: an error, left out of pay.
    [day(6), 'R004', 'O001', 500, 520, recorder, note('数字抄反了？', 'digits swapped?'), entry(1)],
    // A resident ID that does not exist (R031): an error.
    [day(7), 'R031', 'O007', 120, 2, recorder, '', entry(2)],
    // A date that does not exist: an error.
    [`${month.slice(0, 4)}-02-30`, 'R010', 'O009', 300, 0, recorder, '', entry(3)],
    // A count in words: an error.
    [day(8), 'R015', 'O003', '三十', 0, recorder, '', entry(4)],
    // The same entry number twice: both rows are errors.
    [day(8), 'R016', 'O009', 260, 4, recorder, '', entry(4)],
    // A resident who has left the register: a warning, still paid.
    [day(9), 'R025', 'O005', 6, 0, recorder, '', entry(5)],
    // More pieces for an order already delivered in full: a warning, still paid.
    [day(9), 'R007', 'O010', 180, 0, recorder, '', entry(6)],
  ];
}

function adjustmentRows(months: readonly MonthKey[], lang: Lang): SampleCell[][] {
  const [oldest, previous, latest] = months;
  const zh = lang === 'zh-CN';
  return [
    [oldest ?? '', 'R020', 100, zh ? '节日慰问' : 'holiday gift'],
    [previous ?? '', 'R003', 12.6, zh ? '补发上月漏记的 6 件' : '6 pieces missed last month'],
    [latest ?? '', 'R001', 50, zh ? '全勤奖' : 'full attendance bonus'],
    [latest ?? '', 'R012', 50, zh ? '全勤奖' : 'full attendance bonus'],
    [latest ?? '', 'R007', -15.5, zh ? '损坏工具扣款' : 'broken tool'],
    [latest ?? '', 'R016', -8.2, zh ? '材料损耗' : 'wasted material'],
    // Money in words: an error.
    [latest ?? '', 'R021', zh ? '五十元' : 'fifty', zh ? '交通补贴' : 'travel allowance'],
  ];
}

function settingRows(organization: string, lang: Lang): SampleCell[][] {
  const key = (name: (typeof SETTING_KEYS)[number]['key']) => {
    const term = SETTING_KEYS.find((candidate) => candidate.key === name);
    return term ? labelOf(term, lang) : name;
  };
  return [
    [key('organization'), organization],
    [key('currency'), '¥'],
    [key('language'), lang],
  ];
}
