/**
 * Set up (菜单「工坊 › 设置工作簿」): makes a workbook ready for staff. Creates the source tabs
 * that are missing and the columns missing from the others, in the sheet's language; makes
 * header rows bold and frozen; gives columns their number formats and drop-downs; adds the
 * default Settings rows. Never deletes, moves or rewrites data, and keeps staff's own columns,
 * so running it again changes nothing.
 */
import type { Lang } from '../i18n';
import { langFromLocale, t } from '../i18n';
import { type CellValue, isEmptyCell } from '../workbook/cells';
import {
  ACTIVE_VALUES,
  CATEGORIES,
  DEFAULT_CURRENCY,
  ORDER_STATUSES,
  ORDERS,
  PARTNERS,
  RESIDENTS,
  SETTING_KEYS,
  SETTINGS,
  SOURCE_TABS,
  type ColumnKind,
  type ColumnSpec,
  type SourceTab,
  type SourceTabKey,
  findTerm,
  labelOf,
  namesOf,
} from '../workbook/layout';
import {
  NUMBER_FORMATS,
  type ColumnSetup,
  type TabContents,
  type TabSetup,
  type ValidationRule,
  type Workbook,
  moneyFormat,
} from '../workbook/port';
import { matchHeaders } from '../workbook/tables';
import { refuseUnreadColumns, refuseUnreadTabs } from './unreadColumns';
import { type Orientation, fittedOrientation } from './reports/print';

export interface SetUpResult {
  readonly lang: Lang;
  /** Names of the tabs created. */
  readonly tabsCreated: readonly string[];
  /** Headers added to tabs that already existed. */
  readonly columnsAdded: readonly { readonly tab: string; readonly columns: readonly string[] }[];
  /** Labels of the Settings rows added. */
  readonly settingsAdded: readonly string[];
  /** Tabs whose row 1 holds something other than a header: left alone. */
  readonly tabsWithUnknownHeader: readonly string[];
}

/** Where one source tab stands, and what Set up will do to it. */
interface TabPlan {
  readonly spec: SourceTab;
  readonly name: string;
  readonly contents: TabContents | null;
  /** 1-based column of every layout column after Set up; empty when the tab is left alone. */
  readonly columns: ReadonlyMap<string, number>;
  readonly newHeaders: readonly { readonly column: number; readonly text: string }[];
  readonly headerWidth: number;
}

export function setUpWorkbook(workbook: Workbook): SetUpResult {
  const lang = langFromLocale(workbook.info().locale);
  // A column whose header was typed over: not an empty one added beside it.
  const tabOf = (spec: SourceTab) => workbook.readTab(namesOf(spec));
  // A renamed tab, or headers below a title row: not an empty tab or header row added.
  refuseUnreadTabs(workbook, tabOf, lang);
  refuseUnreadColumns(tabOf);
  const plans = SOURCE_TABS.map((spec) => planTab(spec, workbook.readTab(namesOf(spec)), lang));
  const usable = plans.filter((plan) => plan.columns.size > 0);
  const currency = currencyOf(plans.find((plan) => plan.spec.key === 'settings'));
  const sources = referenceSources(usable);
  workbook.setUpTabs(usable.map((plan) => tabSetup(plan, { lang, currency, sources })));
  const settingsAdded = addDefaultSettings(workbook, usable, lang);
  return {
    lang,
    tabsCreated: usable.filter((plan) => plan.contents === null).map((plan) => plan.name),
    columnsAdded: usable
      .filter((plan) => plan.contents !== null && plan.newHeaders.length > 0)
      .map((plan) => ({ tab: plan.name, columns: plan.newHeaders.map((h) => h.text) })),
    settingsAdded,
    tabsWithUnknownHeader: plans.filter((plan) => plan.columns.size === 0).map((p) => p.name),
  };
}

/**
 * New columns go to the right of everything already in the tab, staff's columns included. A
 * row 1 that holds content but no known header is left alone: writing headers there would
 * overwrite or misplace data.
 */
function planTab(spec: SourceTab, contents: TabContents | null, lang: Lang): TabPlan {
  const name = contents?.name ?? labelOf(spec, lang);
  const headerRow = contents?.values[0] ?? [];
  const match = matchHeaders(spec, headerRow);
  const rowOneEmpty = headerRow.every((cell) => isEmptyCell(cell));
  if (!match.headerRow && !rowOneEmpty) {
    return { spec, name, contents, columns: new Map(), newHeaders: [], headerWidth: 0 };
  }
  const found = match.columns as Partial<Record<string, number>>;
  const columns = new Map<string, number>();
  const newHeaders: { column: number; text: string }[] = [];
  let next = match.headerRow ? headerRow.length + 1 : 1;
  for (const column of spec.columns as readonly ColumnSpec[]) {
    const at = found[column.key];
    if (at !== undefined) {
      columns.set(column.key, at);
      continue;
    }
    columns.set(column.key, next);
    newHeaders.push({ column: next, text: labelOf(column, lang) });
    next += 1;
  }
  return {
    spec,
    name,
    contents,
    columns,
    newHeaders,
    headerWidth: Math.max(headerRow.length, next - 1),
  };
}

/** Tab name and ID column of each tab that drop-downs take their values from. */
type Sources = Partial<Record<SourceTabKey, { readonly tab: string; readonly column: number }>>;

function referenceSources(plans: readonly TabPlan[]): Sources {
  const sources: Sources = {};
  for (const spec of [RESIDENTS, PARTNERS, ORDERS]) {
    const plan = plans.find((p) => p.spec.key === spec.key);
    const column = plan?.columns.get('id');
    if (plan !== undefined && column !== undefined) {
      sources[spec.key] = { tab: plan.name, column };
    }
  }
  return sources;
}

interface SetupContext {
  readonly lang: Lang;
  readonly currency: string;
  readonly sources: Sources;
}

function tabSetup(plan: TabPlan, context: SetupContext): TabSetup {
  const columns: ColumnSetup[] = [];
  for (const spec of plan.spec.columns as readonly ColumnSpec[]) {
    const column = plan.columns.get(spec.key);
    if (column === undefined) continue;
    const width = columnWidth(spec, plan.spec.key);
    const wrap = WRAPPED[plan.spec.key] === spec.key ? { wrapWhereSized: true } : {};
    columns.push({ column, ...columnRules(spec.kind, context), width, ...wrap });
  }
  const create = plan.contents === null;
  return {
    name: plan.name,
    create,
    newHeaders: plan.newHeaders,
    headerWidth: plan.headerWidth,
    columns,
    ...(create ? { printFitted: printOrientation(plan.spec) } : {}),
  };
}

/** How a new source tab prints, fitted to the page's width (fittedOrientation). */
export function printOrientation(spec: SourceTab): Orientation {
  const columns = spec.columns as readonly ColumnSpec[];
  return fittedOrientation(columns.map((column) => columnWidth(column, spec.key)));
}

/**
 * Text columns named alike but holding longer text in one tab: a partner's name is a company's
 * ("义乌市晶彩饰品有限公司", "Yiwu Jingcai Accessories Co."), a resident's three characters.
 */
const TAB_TEXT_WIDTHS: Partial<Record<SourceTabKey, Readonly<Record<string, number>>>> = {
  partners: { name: 200 },
};

/**
 * The column of a tab whose text may run past any width a page leaves it (a resident's name of
 * nine characters or more, a product described in full): it wraps where Set up sizes it, so it
 * prints whole rather than cut at the next filled column.
 */
export const WRAPPED: Partial<Record<SourceTabKey, string>> = {
  residents: 'name',
  orders: 'product',
};

/** Text columns by what they hold, in pixels; anything else by its kind. */
const TEXT_WIDTHS: Readonly<Record<string, number>> = {
  name: 110,
  product: 170,
  contact: 100,
  skills: 120,
  notes: 220,
  reason: 220,
  recordedBy: 90,
  report: 220,
  value: 200,
  setting: 120,
};

const KIND_WIDTHS: Readonly<Record<ColumnKind, number>> = {
  id: 80,
  text: 140,
  phone: 130,
  date: 100,
  month: 80,
  wholeNumber: 80,
  payRate: 90,
  money: 100,
  category: 100,
  status: 80,
  active: 60,
  craft: 90,
  residentRef: 80,
  orderRef: 80,
  partnerRef: 80,
  emails: 220,
};

/**
 * A width that shows a column's usual content whole: at the .xlsx default (64 px) dates show as
 * ### in LibreOffice and WPS, and phones and product names are cut.
 */
export function columnWidth(spec: ColumnSpec, tab: SourceTabKey): number {
  if (spec.kind !== 'text') return KIND_WIDTHS[spec.kind];
  return TAB_TEXT_WIDTHS[tab]?.[spec.key] ?? TEXT_WIDTHS[spec.key] ?? KIND_WIDTHS.text;
}

/**
 * Formats and drop-downs of a column kind. Every rule allows invalid values (with help text):
 * staff may type either language or full-width digits, which Gongfang reads, and a typo is
 * then flagged by Check data instead of being refused and lost.
 */
function columnRules(kind: ColumnKind, context: SetupContext): Omit<ColumnSetup, 'column'> {
  const { lang } = context;
  const checked = (validation: ValidationRule, helpText: string) => ({
    validation,
    helpText,
    allowInvalid: true,
  });
  const list = (terms: readonly { zh: string; en: string }[]) => {
    const values = terms.map((term) => labelOf(term, lang));
    return checked(
      { kind: 'list', values },
      t(lang, 'setupHelpList', { values: values.join(' / ') }),
    );
  };
  const reference = (
    tab: SourceTabKey,
    help: 'setupHelpResident' | 'setupHelpOrder' | 'setupHelpPartner',
  ) => {
    const source = context.sources[tab];
    return source === undefined ? {} : checked({ kind: 'fromColumn', ...source }, t(lang, help));
  };
  const text = NUMBER_FORMATS.text;
  switch (kind) {
    case 'date':
      return {
        numberFormat: NUMBER_FORMATS.date,
        ...checked({ kind: 'date' }, t(lang, 'setupHelpDate')),
      };
    case 'wholeNumber':
      return {
        numberFormat: NUMBER_FORMATS.wholeNumber,
        ...checked({ kind: 'wholeNumber', min: 0 }, t(lang, 'setupHelpWholeNumber')),
      };
    case 'payRate':
      return {
        numberFormat: NUMBER_FORMATS.rate,
        ...checked({ kind: 'number', min: 0 }, t(lang, 'setupHelpRate')),
      };
    case 'money':
      return { numberFormat: moneyFormat(context.currency) };
    case 'month':
      return { numberFormat: NUMBER_FORMATS.month };
    case 'category':
      return { numberFormat: text, ...list(CATEGORIES) };
    case 'status':
      return { numberFormat: text, ...list(ORDER_STATUSES) };
    case 'active':
      return { numberFormat: text, ...list(ACTIVE_VALUES) };
    case 'residentRef':
      return { numberFormat: text, ...reference('residents', 'setupHelpResident') };
    case 'orderRef':
      return { numberFormat: text, ...reference('orders', 'setupHelpOrder') };
    case 'partnerRef':
      return { numberFormat: text, ...reference('partners', 'setupHelpPartner') };
    case 'id':
    case 'text':
    case 'phone':
    case 'craft':
    case 'emails':
      return { numberFormat: text };
  }
}

/** The currency already set in Settings, else ¥: money columns show it. */
function currencyOf(settings: TabPlan | undefined): string {
  const rows = settingRows(settings);
  const row = rows.find((r) => r.key === 'currency');
  return row !== undefined && row.value.trim() !== '' ? row.value.trim() : DEFAULT_CURRENCY;
}

function settingRows(plan: TabPlan | undefined): { key: string; value: string }[] {
  const keyColumn = plan?.columns.get('setting');
  const valueColumn = plan?.columns.get('value');
  if (!plan?.contents || keyColumn === undefined || valueColumn === undefined) return [];
  return plan.contents.values.slice(1).flatMap((row) => {
    const term = findTerm(SETTING_KEYS, String(row[keyColumn - 1] ?? ''));
    return term === undefined ? [] : [{ key: term.key, value: String(row[valueColumn - 1] ?? '') }];
  });
}

/** Organization (empty), Currency ¥ and Language, each only when no row has that key yet. */
function addDefaultSettings(workbook: Workbook, plans: readonly TabPlan[], lang: Lang): string[] {
  const plan = plans.find((p) => p.spec.key === SETTINGS.key);
  const keyColumn = plan?.columns.get('setting');
  const valueColumn = plan?.columns.get('value');
  if (plan === undefined || keyColumn === undefined || valueColumn === undefined) return [];
  const present = new Set(settingRows(plan).map((row) => row.key));
  const defaults: Record<string, string> = {
    organization: '',
    currency: DEFAULT_CURRENCY,
    language: lang,
    autoCorrect: lang === 'zh-CN' ? '开' : 'on',
  };
  // 结账记录 / Closings record and 归档 / Archive are Gongfang's to write (closeMonth.ts,
  // archiveYear.ts); 月收入提醒线 / Monthly pay threshold is 800 yuan until staff add the row.
  const notDefaults = new Set(['closingsRecord', 'archive', 'payThreshold']);
  const missing = SETTING_KEYS.filter(
    (term) => !present.has(term.key) && !notDefaults.has(term.key),
  );
  if (missing.length === 0) return [];
  const width = Math.max(keyColumn, valueColumn);
  const rows = missing.map((term) => {
    const row: CellValue[] = Array.from({ length: width }, () => '');
    row[keyColumn - 1] = labelOf(term, lang);
    row[valueColumn - 1] = defaults[term.key] ?? '';
    return row;
  });
  const formats = Array.from({ length: width }, () => NUMBER_FORMATS.text);
  workbook.appendRows(plan.name, rows, formats);
  return missing.map((term) => labelOf(term, lang));
}

/** The result as the lines of a dialog, in the user's language. */
export function describeSetUp(result: SetUpResult): string {
  const { lang } = result;
  const separator = lang === 'zh-CN' ? '、' : ', ';
  const lines: string[] = [];
  if (result.tabsCreated.length > 0) {
    lines.push(t(lang, 'setupTabsCreated', { tabs: result.tabsCreated.join(separator) }));
  }
  for (const added of result.columnsAdded) {
    lines.push(
      t(lang, 'setupColumnsAdded', { tab: added.tab, columns: added.columns.join(separator) }),
    );
  }
  if (result.settingsAdded.length > 0) {
    lines.push(t(lang, 'setupSettingsAdded', { settings: result.settingsAdded.join(separator) }));
  }
  for (const tab of result.tabsWithUnknownHeader)
    lines.push(t(lang, 'setupHeaderUnknown', { tab }));
  if (lines.length === 0) return t(lang, 'setupNothingToDo');
  return [...lines, '', t(lang, 'setupFormatted')].join('\n');
}
