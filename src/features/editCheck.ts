/**
 * Checking while typing (docs/validation.md): the rows just edited on a source tab are tidied,
 * checked with the row rules Check data uses (domain/validation/rows.ts), and their marks
 * rewritten as Check data writes them. It reads nothing itself: the shell (apps-script/onEdit.ts)
 * hands over the edited rows and an EditContext, which holds what a row may name on other tabs
 * and is built once (buildEditContext) and kept between edits.
 */
import type { IsoDate, MonthKey, Order } from '../domain/records';
import type { Problem } from '../domain/problems';
import {
  type RowContext,
  type TabRows,
  TAB_WIDE_CODES,
  checkRows,
  directory,
  idKey,
  readSettings,
  tabProblems,
} from '../domain/validation';
import { monthOf } from '../domain/dates';
import { monthsEndingWith } from '../domain/months';
import { archivedYears } from '../domain/year';
import { type Lang, langFromLocale, t } from '../i18n';
import { validationMessages } from '../i18n/messages/validation';
import { type CellValue, isEmptyCell } from '../workbook/cells';
import { type CodecContext, decodeDate, decodeMonth } from '../workbook/codecs';
import {
  ADJUSTMENTS,
  GENERATED_TAB_PREFIXES,
  ORDERS,
  PARTNERS,
  PIECES,
  RESIDENTS,
  SETTINGS,
  namesOf,
  normalizeName,
} from '../workbook/layout';
import { MARK_NOTE_PREFIX, type TabContents, type Workbook } from '../workbook/port';
import { STAFF_NOTE_SEPARATOR, markedNote, staffPartOf } from '../workbook/notes';
import {
  adjustmentDraft,
  orderDraft,
  partnerDraft,
  pieceDraft,
  readTable,
  residentDraft,
  settingDraft,
} from '../workbook/tables';
import { type TidyContext, type TidyValue, tidyCell } from '../workbook/tidy';
import { noteLine } from './checkData';
import { validateLedgerTabs } from './loadLedger';
import { closedMonthKeys, readClosingsFirst } from './monthData';

export type LedgerTabKey = 'residents' | 'partners' | 'orders' | 'pieces' | 'adjustments';

const SPECS = {
  residents: RESIDENTS,
  partners: PARTNERS,
  orders: ORDERS,
  pieces: PIECES,
  adjustments: ADJUSTMENTS,
} as const;

/** Starts the line of a note that keeps what was typed before tidying. */
export const AUTO_CORRECT_PREFIX = '✎ ';

/** What the checks while typing know between edits; plain JSON, so it can be cached. */
export interface EditContext {
  /** When it was built (ms since 1970), to tell a context too old to trust an unknown ID. */
  readonly builtAt: number;
  readonly lang: Lang;
  readonly timeZone: string;
  readonly autoCorrect: boolean;
  /** Each ledger tab with a usable header row: its name, header cells and column numbers. */
  readonly tabs: Partial<
    Record<
      LedgerTabKey,
      {
        readonly name: string;
        readonly header: readonly string[];
        readonly columns: Readonly<Record<string, number>>;
      }
    >
  >;
  /** Usable residents: [ID as written, active]; allIds: the ID key of every row. */
  readonly residents: { readonly usable: [string, boolean][]; readonly allIds: string[] };
  /** Usable orders: [ID as written, status, received, quantity, pay rate]. */
  readonly orders: {
    readonly usable: [string, Order['status'], IsoDate | null, number | null, number][];
    readonly allIds: string[];
  };
  /** Partner IDs as written; null when the Partners tab cannot be used. */
  readonly partners: string[] | null;
  readonly closedMonths: MonthKey[];
  /** Every month of an archived year, closed or not (in a context cached earlier, only its
   *  closed months; none in one cached before this field). */
  readonly archived?: MonthKey[];
  /** Months whose payout or summary tab exists, with those tabs' names. */
  readonly generated: Record<MonthKey, string[]>;
}

/** What the context is built from: the small tabs whole, the long ones by their header. */
export interface EditSource {
  readonly workbook: Workbook;
  /** Row 1 of the tab named by any of `names`; null when there is no such tab. */
  headerOf(names: readonly string[]): TabContents | null;
  /** Every tab's name. */
  tabNames(): readonly string[];
}

export function buildEditContext(source: EditSource, today: IsoDate, builtAt: number): EditContext {
  const { workbook } = source;
  const info = workbook.info();
  const closedMonths = closedMonthKeys(readClosingsFirst(workbook));
  const settingsTable = readTable(SETTINGS, workbook.readTab(namesOf(SETTINGS)), {
    timeZone: info.timeZone,
    lang: 'zh-CN',
  });
  const { settings } = readSettings(
    tabProblems('settings', settingsTable.state).length === 0
      ? settingsTable.rows.map(settingDraft)
      : [],
  );
  const lang = settings.language ?? langFromLocale(info.locale);
  const contents = {
    residents: workbook.readTab(namesOf(RESIDENTS)),
    partners: workbook.readTab(namesOf(PARTNERS)),
    orders: workbook.readTab(namesOf(ORDERS)),
    pieces: source.headerOf(namesOf(PIECES)),
    adjustments: source.headerOf(namesOf(ADJUSTMENTS)),
  };
  const { tables, validated } = validateLedgerTabs(
    contents,
    { timeZone: info.timeZone, lang },
    { today, closedMonths },
  );
  const tabs: EditContext['tabs'] = {};
  for (const key of Object.keys(SPECS) as LedgerTabKey[]) {
    const found = contents[key];
    if (found === null || tabProblems(key, tables[key].state).length > 0) continue;
    const header = (found.values[0] ?? []).map((cell) => (typeof cell === 'string' ? cell : ''));
    tabs[key] = {
      name: found.name,
      header,
      columns: { ...tables[key].columns } as Record<string, number>,
    };
  }
  const partnersUsable = tabs.partners !== undefined;
  return {
    builtAt,
    lang,
    timeZone: info.timeZone,
    autoCorrect: settings.autoCorrect,
    tabs,
    residents: {
      usable: validated.residents.map((r) => [r.id, r.active]),
      allIds: idsOf(tables.residents.rows.map((r) => residentDraft(r).id)),
    },
    orders: {
      usable: validated.orders.map((o) => [o.id, o.status, o.received, o.quantity, o.payRate]),
      allIds: idsOf(tables.orders.rows.map((r) => orderDraft(r).id)),
    },
    partners: partnersUsable
      ? tables.partners.rows.flatMap((r) => {
          const id = partnerDraft(r).id;
          return id.ok && id.value !== null ? [id.value] : [];
        })
      : null,
    closedMonths,
    // A month never closed (before the ledger's first) is archived all the same: paid by nothing.
    archived: [...archivedYears(settings).keys()].flatMap((y) => monthsEndingWith(`${y}-12`, 12)),
    generated: generatedMonths(source.tabNames()),
  };
}

function idsOf(ids: readonly { ok: boolean; value?: unknown }[]): string[] {
  return ids.flatMap((id) => (id.ok && typeof id.value === 'string' ? [idKey(id.value)] : []));
}

/** Payout and summary tabs by month, in either language. */
function generatedMonths(names: readonly string[]): Record<MonthKey, string[]> {
  const months: Record<MonthKey, string[]> = {};
  const prefixes = [GENERATED_TAB_PREFIXES.payout, GENERATED_TAB_PREFIXES.summary];
  for (const name of names) {
    const match = /^(.+) (\d{4}-\d{2})$/.exec(name.trim());
    if (!match) continue;
    const [, prefix = '', month = ''] = match;
    if (!prefixes.some((p) => prefix === p.zh || prefix === p.en)) continue;
    (months[month] ??= []).push(name);
  }
  return months;
}

/** The ledger tab a tab name stands for (either language, any case), or null. */
export function ledgerTabOf(name: string): LedgerTabKey | 'settings' | null {
  const normal = normalizeName(name);
  for (const spec of [...Object.values(SPECS), SETTINGS]) {
    if (namesOf(spec).some((n) => normalizeName(n) === normal)) return spec.key;
  }
  return null;
}

/** The rows an edit touched, read whole (from column 1), with their notes. */
export interface EditedRows {
  readonly tab: LedgerTabKey;
  /** Sheet row of values[0]; never the header row. */
  readonly firstRow: number;
  readonly values: readonly (readonly CellValue[])[];
  /** Same shape as values. */
  readonly notes: readonly (readonly string[])[];
  /** The columns the edit itself covered (1-based, inclusive): only these are tidied. */
  readonly editedColumns: { readonly first: number; readonly last: number };
  /** The event's oldValue (a single cell only): the month a re-dated row left. */
  readonly oldValue?: string | undefined;
}

export interface TidiedCell {
  readonly row: number;
  readonly column: number;
  readonly value: TidyValue;
  /** The cell as typed. */
  readonly original: string;
}

export interface EditAnswer {
  readonly tidied: readonly TidiedCell[];
  /** The rows' notes after the check; null when none changed. */
  readonly notes: string[][] | null;
  /** Cells whose fill changes: marked now, or mark removed. */
  readonly fills: readonly {
    readonly row: number;
    readonly column: number;
    readonly marked: boolean;
  }[];
  /** Every problem found on the rows (row rules and closed months), for tests and logs. */
  readonly problems: readonly Problem[];
  /** The months the edited rows belong to, after the edit. */
  readonly months: readonly MonthKey[];
  /** Whether a reference could not be found: the context may be older than the tab it names. */
  readonly unknownReference: boolean;
}

const REFERENCE_CODES = new Set(['residentUnknown', 'orderUnknown', 'partnerUnknown']);

export function checkEdit(context: EditContext, edit: EditedRows, today: IsoDate): EditAnswer {
  const info = context.tabs[edit.tab];
  if (info === undefined) {
    return {
      tidied: [],
      notes: null,
      fills: [],
      problems: [],
      months: [],
      unknownReference: false,
    };
  }
  const codecs: CodecContext = { timeZone: context.timeZone, lang: context.lang };
  const rows = edit.values.map((row) => [...row]);
  const tidied = context.autoCorrect ? tidyRows(context, edit, rows) : [];
  const readers = rowReaders(rows, edit.firstRow, info.columns, codecs);
  const rowContext = rowContextOf(context, today);
  const problems: Problem[] = [
    ...checkRows(draftsOf(edit.tab, readers), rowContext),
    ...closedMonthProblems(
      edit.tab,
      [...readers, ...readerBefore(edit, info.columns, codecs)],
      rowContext.closedMonths,
      context.archived,
    ),
  ];
  const marks = markRows(context, edit, problems, tidied);
  return {
    tidied,
    ...marks,
    problems,
    months: monthsOf(edit.tab, readers),
    unknownReference: problems.some((p) => REFERENCE_CODES.has(p.code)),
  };
}

type Reader = {
  row: number;
  read: <T>(key: string, codec: (c: CellValue, x: CodecContext) => T) => T;
};

function rowReaders(
  rows: readonly (readonly CellValue[])[],
  firstRow: number,
  columns: Readonly<Record<string, number>>,
  codecs: CodecContext,
): Reader[] {
  // Empty rows are skipped, as readTable skips them for Check data.
  return rows.flatMap((cells, i) =>
    cells.every((cell) => isEmptyCell(cell))
      ? []
      : [
          {
            row: firstRow + i,
            read: (key, codec) => {
              const column = columns[key];
              return codec(column === undefined ? '' : (cells[column - 1] ?? ''), codecs);
            },
          },
        ],
  );
}

function draftsOf(tab: LedgerTabKey, readers: readonly Reader[]): TabRows {
  // The readers answer any column key; the drafts ask only for their own tab's.
  const r = readers as never[];
  switch (tab) {
    case 'residents':
      return { tab, drafts: r.map(residentDraft) };
    case 'partners':
      return { tab, drafts: r.map(partnerDraft) };
    case 'orders':
      return { tab, drafts: r.map(orderDraft) };
    case 'pieces':
      return { tab, drafts: r.map(pieceDraft) };
    case 'adjustments':
      return { tab, drafts: r.map(adjustmentDraft) };
  }
}

export function rowContextOf(context: EditContext, today: IsoDate): RowContext {
  const residents = context.residents.usable.map(([id, active]) => ({ id, active }));
  const orders = context.orders.usable.map(([id, status, received, quantity, payRate]) => ({
    id,
    status,
    received,
    quantity,
    payRate,
  }));
  return {
    today,
    residents: directory(residents, new Set(context.residents.allIds)),
    orders: directory(orders, new Set(context.orders.allIds)),
    partnerIds: context.partners === null ? null : new Set(context.partners.map(idKey)),
    closedMonths: new Set(context.closedMonths),
  };
}

/** The month each row counts in: a piece's date, an adjustment's month. */
function monthOfRow(tab: LedgerTabKey, reader: Reader): MonthKey | null {
  if (tab === 'pieces') {
    const date = reader.read('date', decodeDate);
    return date.ok && date.value !== null ? monthOf(date.value) : null;
  }
  if (tab === 'adjustments') {
    const month = reader.read('month', decodeMonth);
    return month.ok ? month.value : null;
  }
  return null;
}

function monthsOf(tab: LedgerTabKey, readers: readonly Reader[]): MonthKey[] {
  const months = readers.map((r) => monthOfRow(tab, r));
  return [...new Set(months.filter((m): m is MonthKey => m !== null))].sort();
}

/**
 * The row as it was, when the edit was its date (or month) cell alone: a row re-dated out of a
 * closed month changes that month too. A date's oldValue is its serial number ("46310").
 */
function readerBefore(
  edit: EditedRows,
  columns: Readonly<Record<string, number>>,
  codecs: CodecContext,
): Reader[] {
  const { oldValue, editedColumns: edited } = edit;
  const key = edit.tab === 'pieces' ? 'date' : 'month';
  if (oldValue === undefined || edited.first !== edited.last || columns[key] !== edited.first) {
    return [];
  }
  const serial = Number(oldValue);
  const cell = oldValue.trim() !== '' && Number.isFinite(serial) ? serial : oldValue;
  return [{ row: edit.firstRow, read: (k, codec) => codec(k === key ? cell : '', codecs) }];
}

/**
 * A row of a closed month, edited: a warning on its date (or month) cell at once. Check data
 * makes no correction for a month of an archived year (docs/year-end.md): that one says so.
 */
function closedMonthProblems(
  tab: LedgerTabKey,
  readers: readonly Reader[],
  closed: ReadonlySet<MonthKey>,
  archived: readonly MonthKey[] = [],
): Problem[] {
  return readers.flatMap((reader) => {
    const month = monthOfRow(tab, reader);
    if (month === null || !(closed.has(month) || archived.includes(month))) return [];
    const column = tab === 'pieces' ? 'date' : 'month';
    return [
      {
        severity: 'warning' as const,
        tab,
        row: reader.row,
        column,
        code: archived.includes(month) ? 'editArchived' : 'editClosedMonth',
        params: { value: month },
      },
    ];
  });
}

// ---- tidying ----

function tidyRows(context: EditContext, edit: EditedRows, rows: CellValue[][]): TidiedCell[] {
  const info = context.tabs[edit.tab];
  if (info === undefined) return [];
  const canonical = canonicalIds(context);
  const tidyContext: TidyContext = {
    timeZone: context.timeZone,
    lang: context.lang,
    canonicalId: (kind, id) => canonical[kind].get(idKey(id)),
  };
  const tidied: TidiedCell[] = [];
  for (const column of SPECS[edit.tab].columns) {
    const at = info.columns[column.key];
    if (at === undefined || at < edit.editedColumns.first || at > edit.editedColumns.last) continue;
    rows.forEach((cells, i) => {
      const cell = cells[at - 1];
      if (cell === undefined) return;
      const value = tidyCell(column.kind, cell, tidyContext);
      if (value === null) return;
      tidied.push({ row: edit.firstRow + i, column: at, value, original: String(cell) });
      cells[at - 1] = value.value;
    });
  }
  return tidied;
}

function canonicalIds(
  context: EditContext,
): Record<'residentRef' | 'orderRef' | 'partnerRef', Map<string, string>> {
  const byKey = (ids: readonly string[]) => new Map(ids.map((id) => [idKey(id), id]));
  return {
    residentRef: byKey(context.residents.usable.map(([id]) => id)),
    orderRef: byKey(context.orders.usable.map(([id]) => id)),
    partnerRef: byKey(context.partners ?? []),
  };
}

// ---- marks ----

function markRows(
  context: EditContext,
  edit: EditedRows,
  problems: readonly Problem[],
  tidied: readonly TidiedCell[],
): Pick<EditAnswer, 'notes' | 'fills'> {
  const info = context.tabs[edit.tab];
  if (info === undefined) return { notes: null, fills: [] };
  const view = {
    lang: context.lang,
    tabs: { [edit.tab]: { name: info.name, values: [info.header] } },
    columns: { [edit.tab]: { ...info.columns } },
  };
  const lines = new Map<string, string[]>();
  for (const problem of problems) {
    const column = problem.column === null ? 1 : info.columns[problem.column];
    if (column === undefined) continue;
    const key = `${problem.row}:${column}`;
    lines.set(key, [...(lines.get(key) ?? []), noteLine(problem, view)]);
  }
  const autoLines = new Map(
    tidied.map((cell) => [
      `${cell.row}:${cell.column}`,
      AUTO_CORRECT_PREFIX + t(context.lang, 'editAutoCorrected', { original: cell.original }),
    ]),
  );
  let changed = false;
  const fills: { row: number; column: number; marked: boolean }[] = [];
  const notes = edit.notes.map((cells, i) =>
    cells.map((old, c) => {
      const row = edit.firstRow + i;
      const column = c + 1;
      const key = `${row}:${column}`;
      const edited = column >= edit.editedColumns.first && column <= edit.editedColumns.last;
      const note = noteAfter(old, {
        lines: [...(lines.get(key) ?? []), ...tabWideLinesOf(old)],
        autoLine: autoLines.get(key),
        edited,
      });
      if (note !== old) changed = true;
      const wasMarked = old.startsWith(MARK_NOTE_PREFIX);
      const marked = note.startsWith(MARK_NOTE_PREFIX);
      if (wasMarked !== marked) fills.push({ row, column, marked });
      return note;
    }),
  );
  return { notes: changed ? notes : null, fills };
}

/** A cell's note after the check: the mark's lines, then the staff's part and any tidy line. */
function noteAfter(
  old: string,
  next: { lines: readonly string[]; autoLine: string | undefined; edited: boolean },
): string {
  const staff = staffPartOf(old)
    .split('\n')
    // A cell typed again loses the tidy line of what was typed before.
    .filter((line) => line !== '' && !(next.edited && line.startsWith(AUTO_CORRECT_PREFIX)));
  if (next.autoLine !== undefined) staff.push(next.autoLine);
  const staffPart = staff.join('\n');
  if (next.lines.length === 0) return staffPart;
  const mark = MARK_NOTE_PREFIX + [...new Set(next.lines)].join('\n');
  return markedNote(mark, staffPart);
}

/** The lines of an earlier mark that only Check data can decide (TAB_WIDE_CODES): kept. */
function tabWideLinesOf(note: string): string[] {
  if (!note.startsWith(MARK_NOTE_PREFIX)) return [];
  const at = note.indexOf(STAFF_NOTE_SEPARATOR);
  const body = note.slice(MARK_NOTE_PREFIX.length, at < 0 ? undefined : at);
  return body.split('\n').filter((line) => TAB_WIDE_LINES.some((pattern) => pattern.test(line)));
}

const HOLE = '\u0000';
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each tab-wide message in both languages, with its quoted values left open. */
const TAB_WIDE_LINES: readonly RegExp[] = (['zh-CN', 'en'] as const).flatMap((lang) =>
  TAB_WIDE_CODES.map((code) => {
    const message = validationMessages[lang][code];
    const text = message({ value: HOLE, other: HOLE, tab: HOLE, column: HOLE, count: 0 });
    const pattern = text.split(HOLE).map(escapeRegExp).join('[\\s\\S]*');
    return new RegExp(`^\\[[^\\]]*\\] ${pattern}$`);
  }),
);

/** The names of the payout and summary tabs a month's edit makes out of date. */
export function outOfDateTabs(context: EditContext, months: readonly MonthKey[]): string[] {
  return months.flatMap((month) => context.generated[month] ?? []);
}
