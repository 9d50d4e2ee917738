/**
 * Where an .xlsx keeps the rows of its source tabs as the last `gongfang` run left them (the
 * RowSnapshot of features/fileChanges.ts): a hidden, protected tab 审计快照 / Audit snapshot
 * that Gongfang owns. A tab, not a custom XML part, because Excel, WPS and LibreOffice all keep
 * a hidden tab when they save, where an application may drop a part it does not know.
 *
 * Row 1 says what the tab is; column A below holds the snapshot as JSON, deflated and in
 * base64, cut into cells of 30,000 characters (a cell holds 32,767). 100,000 Pieces rows take
 * about a megabyte; reading and writing it costs well under a second.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { RowSnapshot } from '../features/fileChanges';
import type { Lang } from '../i18n/lang';
import { AUDIT_SNAPSHOT, labelOf, namesOf } from '../workbook/layout';
import { NUMBER_FORMATS } from '../workbook/port';
import type { XlsxWorkbook } from './xlsxWorkbook';

const CHUNK = 30_000;
const MARK = 'Gongfang audit snapshot v2';

/**
 * The snapshot's shape, checked without a schema library: 100,000 rows through zod take
 * seconds. A tab that does not look right is left out (its changes are not reported).
 */
function snapshotFrom(value: unknown): RowSnapshot | null {
  if (typeof value !== 'object' || value === null) return null;
  const { version, tabs } = value as { version?: unknown; tabs?: unknown };
  if (version !== 1 || typeof tabs !== 'object' || tabs === null) return null;
  const kept: Record<string, unknown> = {};
  for (const [key, tab] of Object.entries(tabs)) {
    const { name, header, rows } = (tab ?? {}) as Record<string, unknown>;
    const fine =
      typeof name === 'string' &&
      Array.isArray(header) &&
      Array.isArray(rows) &&
      rows.every(
        (row) => Array.isArray(row) && typeof row[0] === 'number' && typeof row[1] === 'string',
      );
    if (fine) kept[key] = tab;
  }
  return { version: 1, tabs: kept } as RowSnapshot;
}

const names = (): string[] => namesOf({ ...AUDIT_SNAPSHOT, aliases: [] });

/** The snapshot the last run stored; null on a first run or when it cannot be read. */
export function storedSnapshot(workbook: XlsxWorkbook): RowSnapshot | null {
  const tab = workbook.readTab(names());
  if (tab === null || String(tab.values[0]?.[0] ?? '') !== MARK) return null;
  const text = tab.values
    .slice(1)
    .map((row) => (typeof row[0] === 'string' ? row[0] : ''))
    .join('');
  try {
    const json = inflateRawSync(Buffer.from(text, 'base64')).toString('utf8');
    return snapshotFrom(JSON.parse(json));
  } catch {
    return null;
  }
}

/** Stores `snapshot`, replacing the last one: the tab rebuilt whole, hidden and protected. */
export function storeSnapshot(workbook: XlsxWorkbook, snapshot: RowSnapshot, lang: Lang): void {
  const text = deflateRawSync(Buffer.from(JSON.stringify(snapshot), 'utf8')).toString('base64');
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += CHUNK) chunks.push(text.slice(at, at + CHUNK));
  const existing = workbook.tabNames().find((name) => names().includes(name));
  const name = existing ?? labelOf(AUDIT_SNAPSHOT, lang);
  const cells = [[MARK], ...chunks.map((chunk) => [chunk])];
  workbook.replaceGeneratedTab({
    name,
    cells,
    numberFormats: cells.map(() => [NUMBER_FORMATS.text]),
    boldRows: [],
    frozenRows: 0,
    columnWidths: [120],
    protectionDescription: MARK,
    charts: [],
    landscape: false,
  });
  workbook.hideTab(name);
}
