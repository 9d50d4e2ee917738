/**
 * Where an .xlsx keeps the rows of its source tabs as the last writing `gongfang` run left them
 * (the RowSnapshot of features/fileChanges.ts): a hidden, protected tab 审计快照 / Audit snapshot
 * that Gongfang owns. A tab, not a custom XML part, because Excel, WPS and LibreOffice all keep
 * a hidden tab when they save, where an application may drop a part it does not know.
 *
 * Made to be cheap on a big ledger (issue 19 holds generate on 100,000 rows to twice a floor
 * probe): each tab's rows are kept as a row number and a 64-bit hash each, packed in binary, so
 * an unchanged workbook is compared without reading any text; the rows' texts, needed only to
 * say "old → new" for the rows whose hash changed, are kept in compressed blocks and only those
 * blocks are opened. Every cell is text of at most 30,000 characters (a cell holds 32,767), in
 * column A a label saying what the row holds:
 *
 *   Gongfang audit snapshot v3
 *   format   how the rows below are encoded (for a reader of the file)
 *   tab      key · tab name · header (JSON) · rows
 *   hashes   key · base64 of, per row, the row number less the one before (LEB128) and the two
 *            32-bit halves of its hash (little-endian), cut into cells
 *   text     key · index of the block's first row · base64 of its rows' texts as a JSON array,
 *            deflated (raw), cut into cells; a block holds up to 2,000 rows or 256 KB of text
 *
 * Same rows, same cells: the encoding is deterministic, so the tab is written only when
 * something it holds changed (cli/audit.ts).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { RowSnapshot, TabRows } from '../features/fileChanges';
import type { Lang } from '../i18n/lang';
import type { CellValue } from '../workbook/cells';
import { AUDIT_SNAPSHOT, type SourceTabKey, labelOf, namesOf } from '../workbook/layout';
import { NUMBER_FORMATS } from '../workbook/port';
import type { XlsxWorkbook } from './xlsxWorkbook';

const MARK = 'Gongfang audit snapshot v3';
const FORMAT =
  'hashes: base64 of (row − previous row as LEB128, hash as 2 × uint32 LE) per row; text: base64 of deflate-raw of a JSON array of row texts (cells joined by U+001F) per block';
/** Characters a cell holds, with room to spare (Excel's limit is 32,767). */
const CHUNK = 30_000;
const BLOCK_ROWS = 2_000;
const BLOCK_CHARS = 256 * 1024;
/** The labels in column A: also how a snapshot tab whose mark was lost is known as ours. */
const LABELS = ['format', 'tab', 'hashes', 'text'] as const;
const KEYS: readonly SourceTabKey[] = [
  'residents',
  'partners',
  'orders',
  'pieces',
  'adjustments',
  'settings',
];

const names = (): string[] => namesOf({ ...AUDIT_SNAPSHOT, aliases: [] });

const cellString = (cell: CellValue | undefined): string =>
  typeof cell === 'string' ? cell : typeof cell === 'number' ? String(cell) : '';

/** The snapshot the last writing run stored; null on a first run or when it cannot be read. */
export function storedSnapshot(workbook: XlsxWorkbook): RowSnapshot | null {
  const tab = workbook.readTab(names());
  if (tab === null || cellString(tab.values[0]?.[0]) !== MARK) return null;
  const found = new Map<string, StoredTab>();
  for (const row of tab.values.slice(1)) {
    const label = cellString(row[0]);
    const key = cellString(row[1]);
    if (label === 'tab') {
      found.set(key, { name: cellString(row[2]), header: cellString(row[3]), count: row[4] });
      continue;
    }
    const stored = found.get(key);
    if (stored === undefined) continue;
    if (label === 'hashes') (stored.hashes ??= []).push(joined(row, 2));
    if (label === 'text') {
      (stored.blocks ??= []).push({ first: Number(cellString(row[2])), text: joined(row, 3) });
    }
  }
  const tabs: Partial<Record<SourceTabKey, TabRows>> = {};
  try {
    for (const key of KEYS) {
      const stored = found.get(key);
      if (stored !== undefined) tabs[key] = decodeTab(stored);
    }
  } catch {
    return null;
  }
  return { tabs };
}

interface StoredTab {
  readonly name: string;
  readonly header: string;
  readonly count: CellValue | undefined;
  hashes?: string[];
  blocks?: { readonly first: number; readonly text: string }[];
}

/** A row's cells from `from` on, as one string. */
function joined(row: readonly CellValue[], from: number): string {
  let text = '';
  for (let i = from; i < row.length; i += 1) text += cellString(row[i]);
  return text;
}

function decodeTab(stored: StoredTab): TabRows {
  const count = Number(cellString(stored.count));
  const header = JSON.parse(stored.header) as unknown;
  if (!Array.isArray(header) || !header.every((h) => typeof h === 'string')) {
    throw new Error('snapshot: header');
  }
  const bytes = Buffer.from((stored.hashes ?? []).join(''), 'base64');
  const rows = new Int32Array(count);
  const hashes = new Uint32Array(2 * count);
  let at = 0;
  let row = 1;
  for (let i = 0; i < count; i += 1) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      if (byte === undefined) throw new Error('snapshot: rows cut short');
      delta += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) break;
    }
    row += delta;
    rows[i] = row;
    if (at + 8 > bytes.length) throw new Error('snapshot: hashes cut short');
    hashes[2 * i] = bytes.readUInt32LE(at);
    hashes[2 * i + 1] = bytes.readUInt32LE(at + 4);
    at += 8;
  }
  if (at !== bytes.length) throw new Error('snapshot: rows left over');
  const blocks = (stored.blocks ?? []).sort((a, b) => a.first - b.first);
  const opened = new Map<number, readonly string[]>();
  const open = (index: number): readonly string[] => {
    let known = opened.get(index);
    if (known === undefined) {
      const block = blocks[index];
      try {
        const json = inflateRawSync(Buffer.from(block?.text ?? '', 'base64')).toString('utf8');
        const parsed = JSON.parse(json) as unknown;
        known = Array.isArray(parsed) ? parsed.map((t) => (typeof t === 'string' ? t : '')) : [];
      } catch {
        // A block that cannot be read: its rows' old values are not known ('').
        known = [];
      }
      opened.set(index, known);
    }
    return known;
  };
  return {
    name: stored.name,
    header: header as string[],
    rows,
    hashes,
    text: (index) => {
      // The last block starting at or before the row.
      let low = 0;
      let high = blocks.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((blocks[middle]?.first ?? 0) <= index) low = middle;
        else high = middle - 1;
      }
      return open(low)[index - (blocks[low]?.first ?? 0)] ?? '';
    },
  };
}

/** Stores `snapshot`, replacing the last one: the tab rebuilt whole, hidden and protected. */
export function storeSnapshot(workbook: XlsxWorkbook, snapshot: RowSnapshot, lang: Lang): void {
  const rows: string[][] = [[MARK], ['format', FORMAT]];
  for (const key of KEYS) {
    const tab = snapshot.tabs[key];
    if (tab === undefined) continue;
    const count = tab.rows.length;
    rows.push(['tab', key, tab.name, JSON.stringify(tab.header), String(count)]);
    rows.push(['hashes', key, ...chunks(encodeHashes(tab).toString('base64'))]);
    let first = 0;
    while (first < count) {
      const texts: string[] = [];
      let size = 0;
      while (first + texts.length < count && texts.length < BLOCK_ROWS && size < BLOCK_CHARS) {
        const text = tab.text(first + texts.length);
        texts.push(text);
        size += text.length;
      }
      const packed = deflateRawSync(Buffer.from(JSON.stringify(texts), 'utf8'));
      rows.push(['text', key, String(first), ...chunks(packed.toString('base64'))]);
      first += texts.length;
    }
  }
  const width = Math.max(...rows.map((row) => row.length));
  const cells = rows.map((row) => [...row, ...Array<string>(width - row.length).fill('')]);
  const existing = workbook.tabNames().find((name) => names().includes(name));
  const name = existing ?? labelOf(AUDIT_SNAPSHOT, lang);
  workbook.replaceGeneratedTab({
    name,
    cells,
    numberFormats: cells.map((row) => row.map(() => NUMBER_FORMATS.text)),
    boldRows: [],
    frozenRows: 0,
    columnWidths: cells[0]?.map(() => 120) ?? [120],
    protectionDescription: MARK,
    charts: [],
    landscape: false,
    earlierLabels: [...LABELS],
  });
  workbook.hideTab(name);
}

function encodeHashes(tab: TabRows): Buffer {
  const count = tab.rows.length;
  // At most 5 bytes of row number (LEB128 of a 32-bit delta) and 8 of hash a row.
  const bytes = Buffer.allocUnsafe(13 * count);
  let at = 0;
  let previous = 1;
  for (let i = 0; i < count; i += 1) {
    const row = tab.rows[i] ?? previous;
    let delta = row - previous;
    previous = row;
    while (delta >= 0x80) {
      bytes[at++] = (delta & 0x7f) | 0x80;
      delta = Math.floor(delta / 128);
    }
    bytes[at++] = delta;
    bytes.writeUInt32LE(tab.hashes[2 * i] ?? 0, at);
    bytes.writeUInt32LE(tab.hashes[2 * i + 1] ?? 0, at + 4);
    at += 8;
  }
  return bytes.subarray(0, at);
}

function chunks(text: string): string[] {
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += CHUNK) parts.push(text.slice(at, at + CHUNK));
  return parts.length === 0 ? [''] : parts;
}
