/**
 * Loads the whole ledger: reads each source tab once through the port, decodes its rows and
 * validates them. Never throws on bad input: a missing tab, a missing header row, error values
 * or text where numbers belong all become Problems, worded in the sheet's language by
 * renderProblem.
 */
import type {
  Adjustment,
  IsoDate,
  MonthKey,
  Order,
  Partner,
  PieceEntry,
  Resident,
  Settings,
} from '../domain/records';
import type { Problem, SourceTabKey } from '../domain/problems';
import {
  type ValidatedLedger,
  isValidationCode,
  readSettings,
  tabProblems,
  validateLedger,
} from '../domain/validation';
import { type Lang, langFromLocale, messagesOf, t } from '../i18n';
import { validationMessages } from '../i18n/messages/validation';
import { type CodecContext } from '../workbook/codecs';
import {
  ADJUSTMENTS,
  ORDERS,
  PARTNERS,
  PIECES,
  RESIDENTS,
  SETTINGS,
  SOURCE_TABS,
  type SourceTab,
  labelOf,
  namesOf,
} from '../workbook/layout';
import type { TabContents, Workbook } from '../workbook/port';
import { clashProblems, findTabClashes } from './tabRoles';
import type { TabClash } from './tabRoles';
import {
  type ReadTable,
  type TableHeader,
  adjustmentDraft,
  orderDraft,
  partnerDraft,
  pieceDrafts,
  readTable,
  residentDraft,
  settingDraft,
  tableHeader,
} from '../workbook/tables';

export interface Ledger {
  /** The Settings language if set, else the spreadsheet locale's. */
  lang: Lang;
  timeZone: string;
  settings: Settings;
  /** Rows without errors. */
  residents: Resident[];
  partners: Partner[];
  orders: Order[];
  /** Rows without errors: usable for pay. */
  pieces: PieceEntry[];
  adjustments: Adjustment[];
  /** Every error and warning, sorted by tab order, then row. */
  problems: Problem[];
  /** What was read, under the tabs' actual names (with notes when asked). */
  tabs: Partial<Record<SourceTabKey, TabContents>>;
  /** The 1-based column of each column key found in each tab's header row. */
  columns: Partial<Record<SourceTabKey, Record<string, number>>>;
  /** Roles more than one tab answers to (only when asked: LoadOptions.tabRoles). */
  tabClashes?: readonly TabClash[];
}

export interface LoadOptions {
  /** The spreadsheet's today, for "date in the future"; a parameter so results are repeatable. */
  readonly today: IsoDate;
  /** Also read each tab's notes (to find and clear earlier marks). */
  readonly withNotes?: boolean;
  /**
   * False: leave 合作单位 / Partners unread, for operations that never use it (pay depends on
   * no partner). The ledger then has no partners and says nothing about them: no missing tab,
   * no unknown partner on an order. Check data reads it (the default).
   */
  readonly readPartners?: boolean;
  /** False: leave 调整 / Adjustments unread (partner reports never use them); as readPartners. */
  readonly readAdjustments?: boolean;
  /**
   * Months already closed (from 结账 / Closings, see closedMonthKeys in monthData.ts): their
   * Pieces rows are not warned about an inactive resident or a done / cancelled order, which
   * were checked when the month closed. Default none: every row is warned about.
   */
  readonly closedMonths?: readonly MonthKey[];
  /**
   * Every tab's name (Workbook.tabNames): roles more than one tab answers to are then reported
   * (tabRoles.ts), as an error about the whole tab for a source tab, and in Ledger.tabClashes.
   * Listed by the caller before anything is read, so that in Sheets the lookups of the tabs
   * read next are answered from the same listing.
   */
  readonly tabNames?: readonly string[];
}

/** The Partners tab as an operation that does not read it sees it: no rows, no problems. */
const UNREAD: ReadTable<string> = { state: { found: false, unread: true }, columns: {}, rows: [] };

export function loadLedger(workbook: Workbook, options: LoadOptions): Ledger {
  const info = workbook.info();
  const contentsOf = (spec: SourceTab): TabContents | null =>
    workbook.readTab(namesOf(spec), { withNotes: options.withNotes ?? false });
  // Settings are a few rows of text: their notes are not read (Check data lists their problems
  // without marking them), and they read the same whatever the language, so the locale is only
  // asked for when no Language setting decides it.
  const settingsContents = workbook.readTab(namesOf(SETTINGS));
  const settingsTable = readTable(SETTINGS, settingsContents, {
    timeZone: info.timeZone,
    lang: 'zh-CN',
  });
  const settingsProblems = tabProblems('settings', settingsTable.state);
  const settingsRead = readSettings(
    settingsProblems.length === 0 ? settingsTable.rows.map(settingDraft) : [],
  );
  const lang = settingsRead.settings.language ?? langFromLocale(info.locale);
  const context: CodecContext = { timeZone: info.timeZone, lang };

  const contents = {
    residents: contentsOf(RESIDENTS),
    partners: options.readPartners === false ? null : contentsOf(PARTNERS),
    orders: contentsOf(ORDERS),
    pieces: contentsOf(PIECES),
    adjustments: options.readAdjustments === false ? null : contentsOf(ADJUSTMENTS),
  };
  const { tables: ledgerTables, validated } = validateLedgerTabs(contents, context, options);

  const tabClashes = findTabClashes(options.tabNames ?? []);
  const tables: Record<SourceTabKey, TableHeader<string>> = {
    ...ledgerTables,
    settings: settingsTable,
  };
  const allContents = { ...contents, settings: settingsContents };
  return {
    lang,
    timeZone: info.timeZone,
    settings: settingsRead.settings,
    residents: validated.residents,
    partners: validated.partners,
    orders: validated.orders,
    pieces: validated.pieces,
    adjustments: validated.adjustments,
    problems: inSheetOrder([
      ...clashProblems(tabClashes),
      ...validated.problems,
      ...settingsProblems,
      ...settingsRead.problems,
    ]),
    tabs: foundTabs(allContents),
    columns: foundColumns(tables),
    tabClashes,
  };
}

export type LedgerTabKey = Exclude<SourceTabKey, 'settings'>;

/** The ledger tabs as read: Pieces only by its header (its rows are decoded as validated). */
export type LedgerTables = Record<Exclude<LedgerTabKey, 'pieces'>, ReadTable<string>> & {
  readonly pieces: TableHeader<string>;
};

/**
 * Decodes the five ledger tabs from what was read (null: the tab does not exist) and validates
 * their rows together. Partners null with readPartners false: not read, so nothing is said of it.
 */
export function validateLedgerTabs(
  contents: Record<LedgerTabKey, TabContents | null>,
  context: CodecContext,
  options: Pick<LoadOptions, 'today' | 'closedMonths' | 'readPartners' | 'readAdjustments'>,
): { tables: LedgerTables; validated: ValidatedLedger } {
  const tables = {
    residents: readTable(RESIDENTS, contents.residents, context),
    partners:
      options.readPartners === false ? UNREAD : readTable(PARTNERS, contents.partners, context),
    orders: readTable(ORDERS, contents.orders, context),
    // Only the header: the rows are decoded one at a time as validation takes them.
    pieces: tableHeader(PIECES, contents.pieces),
    adjustments:
      options.readAdjustments === false
        ? UNREAD
        : readTable(ADJUSTMENTS, contents.adjustments, context),
  };
  const validated = validateLedger({
    today: options.today,
    closedMonths: new Set(options.closedMonths ?? []),
    tabs: {
      residents: tables.residents.state,
      partners: tables.partners.state,
      orders: tables.orders.state,
      pieces: tables.pieces.state,
      adjustments: tables.adjustments.state,
    },
    residents: tables.residents.rows.map(residentDraft),
    partners: tables.partners.rows.map(partnerDraft),
    orders: tables.orders.rows.map(orderDraft),
    pieces: pieceDrafts(contents.pieces, tables.pieces, context),
    adjustments: tables.adjustments.rows.map(adjustmentDraft),
  });
  return { tables, validated };
}

function foundTabs(
  contents: Record<SourceTabKey, TabContents | null>,
): Partial<Record<SourceTabKey, TabContents>> {
  const tabs: Partial<Record<SourceTabKey, TabContents>> = {};
  for (const spec of SOURCE_TABS) {
    const found = contents[spec.key];
    if (found) tabs[spec.key] = found;
  }
  return tabs;
}

function foundColumns(
  tables: Record<SourceTabKey, TableHeader<string>>,
): Partial<Record<SourceTabKey, Record<string, number>>> {
  const columns: Partial<Record<SourceTabKey, Record<string, number>>> = {};
  for (const spec of SOURCE_TABS) {
    const table = tables[spec.key];
    if (table.state.found && table.state.headerRow) {
      columns[spec.key] = { ...table.columns } as Record<string, number>;
    }
  }
  return columns;
}

/** By tab, then row, then column from left to right as the layout lists them. */
function inSheetOrder(problems: readonly Problem[]): Problem[] {
  const tabRank = (p: Problem): number => SOURCE_TABS.findIndex((spec) => spec.key === p.tab);
  const columnRank = (p: Problem): number =>
    p.column === null ? -1 : specOf(p.tab).columns.findIndex((c) => c.key === p.column);
  return [...problems].sort(
    (a, b) => tabRank(a) - tabRank(b) || a.row - b.row || columnRank(a) - columnRank(b),
  );
}

const specOf = (tab: SourceTabKey): SourceTab =>
  SOURCE_TABS.find((spec) => spec.key === tab) ?? RESIDENTS;

/** The column's header as the sheet shows it, else its label in the ledger's language. */
function columnName(problem: Problem, ledger: Pick<Ledger, 'lang' | 'tabs' | 'columns'>): string {
  if (problem.column === null) return '';
  const index = ledger.columns?.[problem.tab]?.[problem.column];
  const header = index === undefined ? undefined : ledger.tabs[problem.tab]?.values[0]?.[index - 1];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  const spec = specOf(problem.tab).columns.find((column) => column.key === problem.column);
  return spec ? labelOf(spec, ledger.lang) : problem.column;
}

/** A problem's place and message in the ledger's language, e.g. 「计件」第 5 行「不合格数」. */
export function renderProblem(
  problem: Problem,
  ledger: Pick<Ledger, 'lang' | 'tabs'> & Partial<Pick<Ledger, 'columns'>>,
  lang: Lang = ledger.lang,
): { where: string; message: string } {
  const where = { lang, tabs: ledger.tabs, columns: ledger.columns ?? {} };
  const tab = ledger.tabs[problem.tab]?.name ?? labelOf(specOf(problem.tab), lang);
  const column = columnName(problem, where);
  const place =
    problem.row === 0
      ? t(lang, 'problemAtTab', { tab })
      : column === ''
        ? t(lang, 'problemAtRow', { tab, row: problem.row })
        : t(lang, 'problemAtCell', { tab, row: problem.row, column });
  const tabNamed = (key: SourceTabKey) => ledger.tabs[key]?.name ?? labelOf(specOf(key), lang);
  const lookedUp = {
    residentsTab: tabNamed('residents'),
    ordersTab: tabNamed('orders'),
    partnersTab: tabNamed('partners'),
  };
  return {
    where: place,
    message: messageOf(problem, lang, { ...problem.params, ...lookedUp, tab, column }),
  };
}

function messageOf(
  problem: Problem,
  lang: Lang,
  params: Problem['params'] & { tab: string; column: string },
): string {
  if (isValidationCode(problem.code)) return validationMessages[lang][problem.code](params);
  // A problem raised by another area: its code is a key of the whole catalogue.
  const message = (messagesOf(lang) as Record<string, unknown>)[problem.code];
  if (typeof message === 'function') return String((message as (p: unknown) => unknown)(params));
  return typeof message === 'string' ? message : problem.code;
}
