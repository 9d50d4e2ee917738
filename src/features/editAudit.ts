/**
 * An audit entry for a person's edit in Sheets, from the edit event and the edited rows read
 * whole (docs/roles.md): which record the row is, the months it belongs to (for the
 * closed-month flag), the columns covered, and the old and new value of a single cell in words.
 * Pure over the edit context the checks while typing keep (features/editCheck.ts).
 */
import { type AuditEntry, flagsOf, serialDate } from '../domain/audit';
import type { CellValue } from '../workbook/cells';
import { type CodecContext, decodeDate, decodeMonth, decodeText } from '../workbook/codecs';
import { columnLetter } from '../workbook/cells';
import type { EditContext, LedgerTabKey } from './editCheck';

export interface EditedBlock {
  /** The tab's key, or null for a tab that is no source tab. */
  readonly tab: LedgerTabKey | 'settings' | null;
  readonly tabName: string;
  readonly row: number;
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
  /** The edited rows read whole from column 1 (empty when they were not read). */
  readonly values: readonly (readonly CellValue[])[];
  /** The event's value and oldValue (single cell only). */
  readonly value?: string | undefined;
  readonly oldValue?: string | undefined;
}

/** The entry for an edit or a paste; `at` and `user` come from the shell. */
export function editEntry(
  context: Pick<EditContext, 'tabs' | 'closedMonths' | 'timeZone' | 'lang'>,
  block: EditedBlock,
  who: { readonly at: string; readonly user: string },
): AuditEntry {
  const single = block.numRows === 1 && block.numColumns === 1;
  const columns = columnKeys(context, block);
  const codec: CodecContext = { timeZone: context.timeZone, lang: context.lang };
  const dated = columns.length === 1 && DATE_COLUMNS.has(columns[0] ?? '');
  const words = (text: string | undefined): string => {
    if (text === undefined) return '';
    const serial = Number(text);
    return dated && text.trim() !== '' && Number.isFinite(serial)
      ? (serialDate(serial) ?? text)
      : text;
  };
  const before = single ? words(block.oldValue) : '';
  const after = single ? words(block.value) : '';
  const months = [
    ...monthsOf(context, block, codec),
    ...(single && dated ? [before, after].map((date) => date.slice(0, 7)) : []),
  ];
  const { flags, closedMonths } = flagsOf(
    { tab: block.tab, columns, months },
    new Set(context.closedMonths),
  );
  return {
    at: who.at,
    user: who.user,
    action: single ? 'edit' : 'paste',
    tab: block.tabName,
    range: rangeA1(block),
    rows: block.numRows,
    record: block.numRows === 1 ? recordOf(context, block, codec) : '',
    before,
    after,
    flags,
    closedMonths,
    details: '',
  };
}

const DATE_COLUMNS = new Set(['date', 'joined', 'received', 'due']);

export function rangeA1(
  block: Pick<EditedBlock, 'row' | 'column' | 'numRows' | 'numColumns'>,
): string {
  const first = `${columnLetter(block.column)}${block.row}`;
  if (block.numRows === 1 && block.numColumns === 1) return first;
  return `${first}:${columnLetter(block.column + block.numColumns - 1)}${block.row + block.numRows - 1}`;
}

function columnsOfTab(
  context: Pick<EditContext, 'tabs'>,
  tab: EditedBlock['tab'],
): Readonly<Record<string, number>> {
  if (tab === null || tab === 'settings') return {};
  return context.tabs[tab]?.columns ?? {};
}

/** The layout keys of the columns the block covers. */
function columnKeys(context: Pick<EditContext, 'tabs'>, block: EditedBlock): string[] {
  const columns = columnsOfTab(context, block.tab);
  const last = block.column + block.numColumns - 1;
  return Object.entries(columns)
    .filter(([, column]) => column >= block.column && column <= last)
    .map(([key]) => key);
}

/** The months of the rows the block covers, as they are now (Pieces' dates, Adjustments' months). */
function monthsOf(
  context: Pick<EditContext, 'tabs'>,
  block: EditedBlock,
  codec: CodecContext,
): string[] {
  const columns = columnsOfTab(context, block.tab);
  const months: string[] = [];
  for (const row of block.values) {
    if (block.tab === 'pieces' && columns.date !== undefined) {
      const date = decodeDate(row[columns.date - 1] ?? '', codec);
      if (date.ok && date.value !== null) months.push(date.value.slice(0, 7));
    }
    if (block.tab === 'adjustments' && columns.month !== undefined) {
      const month = decodeMonth(row[columns.month - 1] ?? '', codec);
      if (month.ok && month.value !== null) months.push(month.value);
    }
  }
  return months;
}

/** The row's own key: its entry or ID, a setting's name, or month and resident. */
function recordOf(
  context: Pick<EditContext, 'tabs'>,
  block: EditedBlock,
  codec: CodecContext,
): string {
  const row = block.values[0];
  if (row === undefined) return '';
  const text = (column: number | undefined): string => {
    if (column === undefined) return '';
    const read = decodeText(row[column - 1] ?? '', codec);
    return read.ok ? read.value : '';
  };
  const columns = columnsOfTab(context, block.tab);
  switch (block.tab) {
    case 'pieces':
      return text(columns.entry);
    case 'adjustments':
      return [text(columns.month), text(columns.resident)].filter((s) => s !== '').join(' ');
    case 'settings':
      return text(1);
    case null:
      return '';
    default:
      return text(columns.id);
  }
}
