/**
 * What the sidebars share on the server: the ledger's tabs read once, rows a sidebar is about to
 * write checked by the very validation Check data runs (the rows are put below the tab's rows
 * and the whole ledger is validated), and rows laid out in the tab's own column order.
 */
import type { IsoDate, MonthKey } from '../domain/records';
import type { ValidatedLedger, ValidationProblem } from '../domain/validation';
import { formatRate } from '../domain/money';
import { type Lang, type MessageKey, langFromLocale, t } from '../i18n';
import { idKey } from '../domain/validation/problemList';
import { readSettings, tabProblems } from '../domain/validation';
import type { Settings } from '../domain/records';
import { readTable, settingDraft } from '../workbook/tables';
import type { CellValue } from '../workbook/cells';
import type { CodecContext } from '../workbook/codecs';
import {
  ADJUSTMENTS,
  CLOSINGS,
  ORDERS,
  PARTNERS,
  PIECES,
  RESIDENTS,
  type SourceTab,
  labelOf,
  namesOf,
} from '../workbook/layout';
import type { TabContents, TabWanted, Workbook } from '../workbook/port';
import { matchHeaders } from '../workbook/tables';
import { SETTINGS } from '../workbook/layout';
import { refusal } from './errors';
import { type LedgerTabKey, renderProblem, validateLedgerTabs } from './loadLedger';

export type LedgerContents = Record<LedgerTabKey, TabContents | null>;

const SPECS: Record<LedgerTabKey, SourceTab> = {
  residents: RESIDENTS,
  partners: PARTNERS,
  orders: ORDERS,
  pieces: PIECES,
  adjustments: ADJUSTMENTS,
};

/**
 * The Settings tab, read once, and the sheet's language as loadLedger decides it (the Language
 * setting, else the spreadsheet locale's, which is then the only time the locale is asked).
 */
export function sheetSettings(workbook: Workbook): Settings & { lang: Lang } {
  const info = workbook.info();
  const table = readTable(SETTINGS, workbook.readTab(namesOf(SETTINGS)), {
    timeZone: info.timeZone,
    lang: 'zh-CN',
  });
  const usable = tabProblems('settings', table.state).length === 0;
  const { settings } = readSettings(usable ? table.rows.map(settingDraft) : []);
  return { ...settings, lang: settings.language ?? langFromLocale(info.locale) };
}

/** A tab a sidebar reads: a ledger tab, Settings, or Closings (looked up by exact name). */
export type SidebarTab = LedgerTabKey | 'settings' | 'closings';

/**
 * Tells the workbook every tab the feature is about to read, before the first read (Settings
 * for the language, Closings for closed months): Sheets then reads them all in one call.
 */
export function readAhead(
  workbook: Workbook,
  tabs: readonly SidebarTab[],
  more: readonly TabWanted[] = [],
): void {
  workbook.prefetch?.([
    ...tabs.map((tab) => {
      if (tab === 'closings') return { names: namesOf(CLOSINGS), exactName: true };
      return { names: namesOf(tab === 'settings' ? SETTINGS : SPECS[tab]) };
    }),
    ...more,
  ]);
}

/** Reads the listed tabs (one batch each); the others are left unread (null). */
export function readTabs(workbook: Workbook, tabs: readonly LedgerTabKey[]): LedgerContents {
  const contents: LedgerContents = {
    residents: null,
    partners: null,
    orders: null,
    pieces: null,
    adjustments: null,
  };
  for (const tab of tabs) contents[tab] = workbook.readTab(namesOf(SPECS[tab]));
  return contents;
}

export interface CandidateCheck {
  readonly validated: ValidatedLedger;
  /** Problems of the candidate rows only; `line` is 1 for the first candidate. */
  readonly errors: readonly (ValidationProblem & { line: number })[];
  readonly warnings: readonly (ValidationProblem & { line: number })[];
}

/**
 * The one call into validation for rows not yet written: they go below the tab's last row and
 * the ledger is validated as Check data validates it, so every rule (unknown resident, counts,
 * duplicate entry, over the order's quantity, inactive resident…) applies unchanged.
 */
export function checkCandidates(
  contents: LedgerContents,
  tab: LedgerTabKey,
  rows: readonly (readonly CellValue[])[],
  context: CodecContext,
  options: { today: IsoDate; closedMonths: readonly MonthKey[] },
): CandidateCheck {
  const current = contents[tab];
  const existing = current?.values ?? [];
  const withRows: TabContents = {
    name: current?.name ?? labelOf(SPECS[tab], context.lang),
    values: [...existing, ...rows],
  };
  const { validated } = validateLedgerTabs({ ...contents, [tab]: withRows }, context, {
    today: options.today,
    closedMonths: options.closedMonths,
    // Partners left unread say nothing (an order's partner is then not checked).
    readPartners: contents.partners !== null,
  });
  const first = existing.length + 1;
  const mine = validated.problems
    .filter((p) => p.tab === tab && p.row >= first)
    .map((p) => ({ ...p, line: p.row - first + 1 }));
  return {
    validated,
    errors: mine.filter((p) => p.severity === 'error'),
    warnings: mine.filter((p) => p.severity === 'warning'),
  };
}

/**
 * A value from the sheet inside a message a sidebar shows, isolated from the words around it
 * (FSI … PDI), so that a right-to-left override in a name (U+202E) reorders only the name and
 * never the figures beside it. Only for the sidebars: cell notes and the CLI quote values as
 * they are. https://www.w3.org/International/questions/qa-bidi-unicode-controls
 */
export function isolated(value: string): string {
  return `\u2068${value}\u2069`;
}

/** A candidate's problem worded for staff: the column and the message, without a row number. */
export function problemText(
  problem: ValidationProblem,
  lang: Lang,
  contents: LedgerContents,
): string {
  const tabs: Partial<Record<LedgerTabKey, TabContents>> = {};
  for (const key of Object.keys(contents) as LedgerTabKey[]) {
    const found = contents[key];
    if (found) tabs[key] = found;
  }
  const { value, other } = problem.params;
  const params = {
    ...problem.params,
    ...(value === undefined ? {} : { value: isolated(value) }),
    ...(other === undefined ? {} : { other: isolated(other) }),
  };
  return renderProblem({ ...problem, params }, { lang, tabs }).message;
}

/**
 * The tab's columns found in its header row. Refuses, naming the tab, when one of `needed` is
 * missing: staff must run Set up (which adds it) before the sidebar can write there.
 */
export function columnsOf<K extends string>(
  spec: SourceTab,
  contents: TabContents | null,
  needed: readonly K[],
  lang: Lang,
): Record<K, number> & { width: number } {
  const match = matchHeaders(spec, contents?.values[0]);
  const columns = match.columns as Partial<Record<string, number>>;
  if (contents === null || needed.some((key) => columns[key] === undefined)) {
    throw refusal('sbNeedsSetUp', { tab: isolated(contents?.name ?? labelOf(spec, lang)) });
  }
  return { ...(columns as Record<K, number>), width: contents.values[0]?.length ?? 0 };
}

/** A row with each value in its column (1-based), '' elsewhere. */
export function rowFor(
  columns: Partial<Record<string, number>> & { width: number },
  values: Partial<Record<string, CellValue>>,
): CellValue[] {
  const row: CellValue[] = Array<CellValue>(columns.width).fill('');
  for (const [key, value] of Object.entries(values)) {
    const column = columns[key];
    if (column !== undefined && value !== undefined) row[column - 1] = value;
  }
  return row;
}

/** One number format per column of `row`, from the format of each keyed column. */
export function formatsFor(
  columns: Partial<Record<string, number>> & { width: number },
  formats: Partial<Record<string, string>>,
): string[] {
  const list = Array<string>(columns.width).fill('');
  for (const [key, format] of Object.entries(formats)) {
    const column = columns[key];
    if (column !== undefined && format !== undefined) list[column - 1] = format;
  }
  return list;
}

/**
 * The next free ID continuing the tab's pattern: the prefix most IDs share, one more than the
 * highest number with it, padded as wide as the widest (R023 after R022; O10 after O9).
 */
export function nextId(ids: readonly string[], fallbackPrefix: string): string {
  const counts = new Map<string, { count: number; max: number; width: number }>();
  for (const id of ids) {
    const match = /^(.*?)(\d+)$/.exec(id.trim());
    if (!match) continue;
    const prefix = match[1] as string;
    const digits = match[2] as string;
    const seen = counts.get(prefix) ?? { count: 0, max: 0, width: 0 };
    counts.set(prefix, {
      count: seen.count + 1,
      max: Math.max(seen.max, Number(digits)),
      width: Math.max(seen.width, digits.length),
    });
  }
  let best: [string, { count: number; max: number; width: number }] | null = null;
  for (const entry of counts) if (best === null || entry[1].count > best[1].count) best = entry;
  if (best === null) return `${fallbackPrefix}1`;
  const [prefix, { max, width }] = best;
  let candidate = max + 1;
  const taken = new Set(ids.map((id) => id.trim().toLowerCase()));
  const make = (n: number) => `${prefix}${String(n).padStart(width, '0')}`;
  while (taken.has(make(candidate).toLowerCase())) candidate += 1;
  return make(candidate);
}

export function rateText(units: number, currency: string): string {
  return `${currency}${formatRate(units)}`;
}

/** A label of a form field, e.g. 编号 / ID. */
type FieldLabel = Extract<MessageKey, `sb${string}`>;

/**
 * Why a new resident or order cannot be saved before its row is even checked: required fields
 * left empty, or an ID already on the tab (matched as every ID is: case, width, invisible
 * characters), with the next free ID to use instead. Null when it may go on.
 */
export function newRowRefusal(
  lang: Lang,
  required: readonly (readonly [string, FieldLabel])[],
  id: { readonly typed: string; readonly taken: readonly string[]; readonly next: () => string },
): string[] | null {
  const missing = required.filter(([value]) => value.trim() === '');
  if (missing.length > 0) {
    return missing.map(([, key]) => t(lang, 'sbRequired', { field: t(lang, key as 'sbId') }));
  }
  const typed = idKey(id.typed);
  if (id.taken.some((taken) => idKey(taken) === typed)) {
    return [t(lang, 'sbIdTaken', { id: isolated(id.typed), next: isolated(id.next()) })];
  }
  return null;
}
