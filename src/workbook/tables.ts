/**
 * Header matching and row decoding: finds each layout column in row 1 of a tab by its Chinese
 * or English header or an alias (in any order; extra columns are ignored), then reads every
 * non-empty data row into a draft through the codecs. Pure: works on values already read.
 */
import type {
  AdjustmentDraft,
  OrderDraft,
  PartnerDraft,
  PieceDraft,
  ResidentDraft,
  SettingDraft,
  TabState,
} from '../domain/validation/drafts';
import type { Decoded } from '../domain/validation/codes';
import { type CellValue, isEmptyCell } from './cells';
import {
  type Codec,
  type CodecContext,
  decodeActive,
  decodeCategory,
  decodeCraft,
  decodeDate,
  decodeEmails,
  decodeId,
  decodeMoney,
  decodeMonth,
  decodePayRate,
  decodePhone,
  decodeStatus,
  decodeText,
  decodeWholeNumber,
} from './codecs';
import {
  ADJUSTMENTS,
  ORDERS,
  PARTNERS,
  PIECES,
  RESIDENTS,
  SETTINGS,
  SETTING_KEYS,
  findTerm,
  type ColumnKey,
  type TabSpec,
  namesOf,
  normalizeName,
} from './layout';
import type { TabContents } from './port';

export interface HeaderMatch<K extends string = string> {
  /** False when row 1 holds none of the tab's headers (or the tab is empty). */
  readonly headerRow: boolean;
  /** 1-based column of each column key found; the first matching header wins. */
  readonly columns: Partial<Record<K, number>>;
  /** Keys of the layout columns not found, in layout order. */
  readonly missing: readonly K[];
}

/** Finds the tab's columns in its header row. */
export function matchHeaders<T extends TabSpec>(
  spec: T,
  headerRow: readonly CellValue[] | undefined,
): HeaderMatch<ColumnKey<T>> {
  const headers = (headerRow ?? []).map((cell) =>
    typeof cell === 'string' ? normalizeName(cell) : '',
  );
  const columns: Partial<Record<ColumnKey<T>, number>> = {};
  const missing: ColumnKey<T>[] = [];
  for (const column of spec.columns) {
    const names = new Set(namesOf(column).map(normalizeName));
    const index = headers.findIndex((header) => header !== '' && names.has(header));
    if (index >= 0) columns[column.key as ColumnKey<T>] = index + 1;
    else missing.push(column.key as ColumnKey<T>);
  }
  return { headerRow: missing.length < spec.columns.length, columns, missing };
}

/** A data row: its sheet row number and a reader that decodes one of its columns. */
export interface RowReader<K extends string> {
  readonly row: number;
  read<T>(key: K, codec: Codec<T>): Decoded<T>;
}

/** How a tab was found, and the 1-based column of each column key in its header row. */
export interface TableHeader<K extends string> {
  readonly state: TabState;
  readonly columns: Partial<Record<K, number>>;
}

export interface ReadTable<K extends string> extends TableHeader<K> {
  readonly rows: readonly RowReader<K>[];
}

/** One object per row, no closures: a tab may have a million rows. */
class TableRow<K extends string> implements RowReader<K> {
  constructor(
    readonly row: number,
    private readonly cells: readonly CellValue[],
    private readonly columns: Partial<Record<K, number>>,
    private readonly context: CodecContext,
  ) {}

  read<T>(key: K, codec: Codec<T>): Decoded<T> {
    const column = this.columns[key];
    return codec(column === undefined ? '' : (this.cells[column - 1] ?? ''), this.context);
  }
}

/** The header match of a tab (null: the tab is missing); no row is read. */
export function tableHeader<T extends TabSpec>(
  spec: T,
  contents: TabContents | null,
): TableHeader<ColumnKey<T>> {
  if (contents === null) return { state: { found: false }, columns: {} };
  const match = matchHeaders(spec, contents.values[0]);
  if (!match.headerRow) return { state: { found: true, headerRow: false }, columns: {} };
  return {
    state: { found: true, headerRow: true, missingColumns: match.missing },
    columns: match.columns,
  };
}

/** Whether a row holds nothing (a loop: a tab may have a million rows). */
function isEmptyRow(cells: readonly CellValue[]): boolean {
  for (let i = 0; i < cells.length; i += 1) if (!isEmptyCell(cells[i])) return false;
  return true;
}

/**
 * The header match and the non-empty data rows of a tab (null: the tab is missing). A column
 * that is absent reads as empty cells; rows are read only when the header row was found.
 */
export function readTable<T extends TabSpec>(
  spec: T,
  contents: TabContents | null,
  context: CodecContext,
): ReadTable<ColumnKey<T>> {
  const header = tableHeader(spec, contents);
  const rows: RowReader<ColumnKey<T>>[] = [];
  if (contents === null || !header.state.found || !header.state.headerRow) {
    return { ...header, rows };
  }
  const { values } = contents;
  for (let index = 1; index < values.length; index += 1) {
    const cells = values[index] as readonly CellValue[];
    if (!isEmptyRow(cells)) rows.push(new TableRow(index + 1, cells, header.columns, context));
  }
  return { ...header, rows };
}

type Row<T extends TabSpec> = RowReader<ColumnKey<T>>;

export function residentDraft(r: Row<typeof RESIDENTS>): ResidentDraft {
  return {
    row: r.row,
    id: r.read('id', decodeId),
    name: r.read('name', decodeText),
    phone: r.read('phone', decodePhone),
    category: r.read('category', decodeCategory),
    skills: r.read('skills', decodeText),
    joined: r.read('joined', decodeDate),
    active: r.read('active', decodeActive),
    notes: r.read('notes', decodeText),
  };
}

export function partnerDraft(r: Row<typeof PARTNERS>): PartnerDraft {
  return {
    row: r.row,
    id: r.read('id', decodeId),
    name: r.read('name', decodeText),
    contact: r.read('contact', decodeText),
    shareEmails: r.read('shareEmails', decodeEmails),
    report: r.read('report', decodeText),
    notes: r.read('notes', decodeText),
    language: r.read('language', decodeText),
    reportLink: r.read('reportLink', decodeText),
  };
}

export function orderDraft(r: Row<typeof ORDERS>): OrderDraft {
  return {
    row: r.row,
    id: r.read('id', decodeId),
    partner: r.read('partner', decodeId),
    product: r.read('product', decodeText),
    craft: r.read('craft', decodeCraft),
    payRate: r.read('payRate', decodePayRate),
    partnerPrice: r.read('partnerPrice', decodePayRate),
    quantity: r.read('quantity', decodeWholeNumber),
    received: r.read('received', decodeDate),
    due: r.read('due', decodeDate),
    status: r.read('status', decodeStatus),
    notes: r.read('notes', decodeText),
  };
}

export function pieceDraft(r: Row<typeof PIECES>): PieceDraft {
  return {
    row: r.row,
    date: r.read('date', decodeDate),
    resident: r.read('resident', decodeId),
    order: r.read('order', decodeId),
    completed: r.read('completed', decodeWholeNumber),
    rejected: r.read('rejected', decodeWholeNumber),
    recordedBy: r.read('recordedBy', decodeText),
    notes: r.read('notes', decodeText),
    entry: r.read('entry', decodeId),
  };
}

type PieceKey = ColumnKey<typeof PIECES>;

const cellAt = (cells: readonly CellValue[], index: number): CellValue =>
  index < 0 ? '' : (cells[index] ?? '');

/**
 * The Pieces tab's drafts, as readTable and pieceDraft make them, but made one at a time as
 * validation takes them and straight from the cells: at a million rows, a reader object per row
 * and every draft held at once cost more in garbage collection than the reading.
 */
export function* pieceDrafts(
  contents: TabContents | null,
  header: TableHeader<PieceKey>,
  context: CodecContext,
): Generator<PieceDraft> {
  if (contents === null || !header.state.found || !header.state.headerRow) return;
  // Each column's 0-based index in a row's cells, -1 when absent.
  const at = (key: PieceKey): number => (header.columns[key] ?? 0) - 1;
  const [date, resident, order, completed, rejected, recordedBy, notes, entry] = [
    at('date'),
    at('resident'),
    at('order'),
    at('completed'),
    at('rejected'),
    at('recordedBy'),
    at('notes'),
    at('entry'),
  ] as const;
  const { values } = contents;
  for (let index = 1; index < values.length; index += 1) {
    const cells = values[index] as readonly CellValue[];
    if (isEmptyRow(cells)) continue;
    yield {
      row: index + 1,
      date: decodeDate(cellAt(cells, date), context),
      resident: decodeId(cellAt(cells, resident), context),
      order: decodeId(cellAt(cells, order), context),
      completed: decodeWholeNumber(cellAt(cells, completed), context),
      rejected: decodeWholeNumber(cellAt(cells, rejected), context),
      recordedBy: decodeText(cellAt(cells, recordedBy), context),
      notes: decodeText(cellAt(cells, notes), context),
      entry: decodeId(cellAt(cells, entry), context),
    };
  }
}

export function adjustmentDraft(r: Row<typeof ADJUSTMENTS>): AdjustmentDraft {
  return {
    row: r.row,
    month: r.read('month', decodeMonth),
    resident: r.read('resident', decodeId),
    amount: r.read('amount', decodeMoney),
    reason: r.read('reason', decodeText),
    correctsMonth: r.read('correctsMonth', decodeMonth),
  };
}

export function settingDraft(r: Row<typeof SETTINGS>): SettingDraft {
  const setting = r.read('setting', decodeText);
  return {
    row: r.row,
    setting,
    key: setting.ok ? (findTerm(SETTING_KEYS, setting.value)?.key ?? null) : null,
    value: r.read('value', decodeText),
  };
}
