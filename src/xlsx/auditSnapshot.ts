/**
 * Where an .xlsx keeps the rows of its source tabs as the last writing `gongfang` run left them
 * (the RowSnapshot of features/fileChanges.ts): two hidden, protected tabs that Gongfang owns.
 * Tabs, not custom XML parts, because Excel, WPS and LibreOffice all keep a hidden tab when they
 * save, where an application may drop a part it does not know.
 *
 * Made to be cheap on a big ledger (issue 19 holds generate on 100,000 rows to twice a floor
 * probe): 审计快照 / Audit snapshot, which every run reads, holds each row's number and a
 * 64-bit hash of its cells, packed in binary, so an unchanged workbook is compared without
 * reading any text; 审计快照文本 / Audit snapshot text holds the rows' texts, needed only to say
 * "old → new" for the rows whose hash changed, in compressed blocks: it is read only then, and
 * only those blocks are opened. A tab whose read digest is still the stored one is not even
 * hashed: its rows and hashes are the stored ones (an unchanged Pieces tab at 100,000 rows:
 * 25–35 ms a run). Every cell is text of at most 30,000 characters (a cell holds
 * 32,767), in column A a label saying what the row holds:
 *
 *   Audit snapshot                         Audit snapshot text
 *   Gongfang audit snapshot v3             Gongfang audit snapshot text v3
 *   texts    the digest of the rows        texts   the digest of the rows they belong to
 *   format   how the rows are encoded      format  how the texts are encoded
 *   tab      key · name · header (JSON) · rows
 *   rows     key · base64 of each row's number less the one before (LEB128), cut into cells
 *   hashes   key · base64 of each row's hash, two 32-bit halves (little-endian), cut into cells
 *   read     key · the digest of the bytes the tab's rows were read from (XlsxWorkbook.readDigest)
 *   audit    how many rows Audit had · the hash of those rows (only ever appended to: a later
 *            run finds them as they were, or the tab was edited in the file)
 *                                          text    key · index of the block's first row ·
 *                                                  base64 of its rows' texts, each after its
 *                                                  length and a colon ("12:R001␟王秀英…"),
 *                                                  deflated (raw, fastest level), cut into cells;
 *                                                  up to 2,000 rows or 256 KB of text a block
 *
 * The tabs are written only when something they hold changed (cli/audit.ts), and then a row's
 * text is taken from the stored block of a row with the same hash where there is one, and a
 * block whose rows all hash as before is kept as it was: rows added at the bottom cost only
 * their own block. Same rows and same history, same cells: the encoding is deterministic. Texts
 * that do not belong to the rows (their digest differs, or the tab is gone) are not used: the
 * changes are still found, without their old values.
 */
import { endianness } from 'node:os';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type RowSnapshot, type TabRows, matchByHash } from '../features/fileChanges';
import type { Lang } from '../i18n/lang';
import type { CellValue } from '../workbook/cells';
import {
  AUDIT_SNAPSHOT,
  AUDIT_SNAPSHOT_TEXT,
  type SourceTabKey,
  labelOf,
  namesOf,
} from '../workbook/layout';
import { NUMBER_FORMATS } from '../workbook/port';
import { AUDIT_SNAPSHOT_TAB } from './firstReads';
import type { XlsxWorkbook } from './xlsxWorkbook';

const MARK = 'Gongfang audit snapshot v3';
const TEXT_MARK = 'Gongfang audit snapshot text v3';
const FORMAT =
  'rows: base64 of (row − previous row) as LEB128; hashes: base64 of 2 × uint32 LE a row; texts: the digest of both, as the text tab names it; read: SHA-256 of what the rows were read from';
const TEXT_FORMAT =
  'text: base64 of deflate-raw of (length in UTF-16 units, colon, text) a row, cells joined by U+001F, a block';
/** Characters a cell holds, with room to spare (Excel's limit is 32,767); a multiple of 4. */
const CHUNK = 30_000;
const BLOCK_ROWS = 2_000;
const BLOCK_CHARS = 256 * 1024;
/** The labels in column A: also how a tab whose mark a save lost is known as Gongfang's. */
const LABELS = ['texts', 'format', 'tab', 'rows', 'hashes', 'read', 'text', 'audit'];
const KEYS: readonly SourceTabKey[] = [
  'residents',
  'partners',
  'orders',
  'pieces',
  'adjustments',
  'settings',
];

const names = (): string[] => namesOf(AUDIT_SNAPSHOT_TAB);
const textNames = (): string[] => namesOf({ ...AUDIT_SNAPSHOT_TEXT, aliases: [] });
const LITTLE_ENDIAN = endianness() === 'LE';

interface StoredBlock {
  readonly first: number;
  readonly count: number;
  /** The block's base64, as stored. */
  readonly text: string;
}

/** The text blocks of a stored tab, read when first needed (null: none that belong to it). */
const storedBlocks = new WeakMap<TabRows, () => readonly StoredBlock[] | null>();

const cellString = (cell: CellValue | undefined): string =>
  typeof cell === 'string' ? cell : typeof cell === 'number' ? String(cell) : '';

/** Per source tab, the digest of the bytes its rows were read from (XlsxWorkbook.readDigest). */
export type ReadDigests = Partial<Record<SourceTabKey, string>>;

/** Audit's first `count` rows below its header, and their hash (cli/audit.ts auditPrefix). */
export interface AuditPrefix {
  readonly count: number;
  readonly hash: string;
}

/** The snapshot as stored, with the read digests of the tabs that have one. */
export interface StoredSnapshot extends RowSnapshot {
  readonly reads: ReadDigests;
  /** Audit as a run found it; undefined in a snapshot kept before this was. */
  readonly audit?: AuditPrefix;
}

/** The snapshot the last writing run stored; null on a first run or when it cannot be read. */
export function storedSnapshot(workbook: XlsxWorkbook): StoredSnapshot | null {
  const tab = workbook.readTab(names());
  if (tab === null || cellString(tab.values[0]?.[0]) !== MARK) return null;
  let digest = '';
  const found = new Map<string, StoredTab>();
  const reads: ReadDigests = {};
  let audit: AuditPrefix | undefined;
  for (const row of tab.values.slice(1)) {
    const label = cellString(row[0]);
    const key = cellString(row[1]);
    if (label === 'texts') digest = key;
    if (label === 'audit') audit = { count: Number(key), hash: cellString(row[2]) };
    if (label === 'read' && isKey(key)) reads[key] = cellString(row[2]);
    if (label === 'tab') {
      found.set(key, { name: cellString(row[2]), header: cellString(row[3]), count: row[4] });
      continue;
    }
    const stored = found.get(key);
    if (stored === undefined || (label !== 'rows' && label !== 'hashes')) continue;
    const parts = (stored[label] ??= []);
    for (let i = 2; i < row.length; i += 1) parts.push(cellString(row[i]));
  }
  // The texts, read from their tab the first time a row's old value is asked for.
  let texts: Map<string, StoredBlock[]> | null | undefined;
  const blocksOf = (key: string, count: number): StoredBlock[] | null => {
    texts ??= readTexts(workbook, digest);
    const blocks = texts === null ? null : (texts.get(key) ?? []);
    if (blocks === null) return null;
    blocks.sort((a, b) => a.first - b.first);
    return blocks.map((block, i) => ({
      ...block,
      count: (blocks[i + 1]?.first ?? count) - block.first,
    }));
  };
  const tabs: Partial<Record<SourceTabKey, TabRows>> = {};
  try {
    for (const key of KEYS) {
      const stored = found.get(key);
      if (stored !== undefined) tabs[key] = decodeTab(stored, (count) => blocksOf(key, count));
    }
  } catch {
    return null;
  }
  return { tabs, reads, ...(audit === undefined ? {} : { audit }) };
}

function isKey(key: string): key is SourceTabKey {
  return (KEYS as readonly string[]).includes(key);
}

interface StoredTab {
  readonly name: string;
  readonly header: string;
  readonly count: CellValue | undefined;
  rows?: string[];
  hashes?: string[];
}

/** The text blocks by tab key; null when the text tab is missing or not of these rows. */
function readTexts(workbook: XlsxWorkbook, digest: string): Map<string, StoredBlock[]> | null {
  const tab = workbook.readTab(textNames());
  if (tab === null || cellString(tab.values[0]?.[0]) !== TEXT_MARK) return null;
  const blocks = new Map<string, StoredBlock[]>();
  let belongs = false;
  for (const row of tab.values.slice(1)) {
    const label = cellString(row[0]);
    if (label === 'texts') belongs = cellString(row[1]) === digest;
    if (label !== 'text') continue;
    const key = cellString(row[1]);
    let text = '';
    for (let i = 3; i < row.length; i += 1) text += cellString(row[i]);
    const list = blocks.get(key) ?? [];
    list.push({ first: Number(cellString(row[2])), count: 0, text });
    blocks.set(key, list);
  }
  return belongs ? blocks : null;
}

function decodeTab(stored: StoredTab, blocksOf: (count: number) => StoredBlock[] | null): TabRows {
  const count = Number(cellString(stored.count));
  const header = JSON.parse(stored.header) as unknown;
  if (!Number.isInteger(count) || count < 0) throw new Error('snapshot: count');
  if (!Array.isArray(header) || !header.every((h) => typeof h === 'string')) {
    throw new Error('snapshot: header');
  }
  const steps = fromBase64(stored.rows ?? []);
  const rows = new Int32Array(count);
  let at = 0;
  let row = 1;
  for (let i = 0; i < count; i += 1) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      const byte = steps[at++];
      if (byte === undefined) throw new Error('snapshot: rows cut short');
      // Rows are below 2^31: at most 5 bytes, the last below 8 (no sign flips).
      delta |= (byte & 0x7f) << shift;
      shift += 7;
      if (byte < 0x80) break;
    }
    row += delta;
    rows[i] = row;
  }
  if (at !== steps.length) throw new Error('snapshot: rows left over');
  const hashBytes = fromBase64(stored.hashes ?? []);
  if (hashBytes.length !== 8 * count) throw new Error('snapshot: hashes');
  const hashes = hashesOf(hashBytes, count);
  let blocks: StoredBlock[] | null | undefined;
  const blocksNow = (): StoredBlock[] | null => (blocks ??= blocksOf(count));
  const opened = new Map<number, readonly string[]>();
  const open = (index: number): readonly string[] => {
    let known = opened.get(index);
    if (known === undefined) {
      const block = blocksNow()?.[index];
      try {
        known = unpackTexts(inflateRawSync(Buffer.from(block?.text ?? '', 'base64')).toString());
      } catch {
        // A block that cannot be read: its rows' old values are not known ('').
        known = [];
      }
      opened.set(index, known);
    }
    return known;
  };
  const tab: TabRows = {
    name: stored.name,
    header: header as string[],
    rows,
    hashes,
    text: (index) => {
      const list = blocksNow();
      if (list === null || list.length === 0) return '';
      // The last block starting at or before the row.
      let low = 0;
      let high = list.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((list[middle]?.first ?? 0) <= index) low = middle;
        else high = middle - 1;
      }
      return open(low)[index - (list[low]?.first ?? 0)] ?? '';
    },
  };
  storedBlocks.set(tab, blocksNow);
  return tab;
}

/**
 * Stores `snapshot`, replacing `previous` (the one the file held, null if none): both tabs
 * rebuilt whole, hidden and protected.
 */
export function storeSnapshot(
  workbook: XlsxWorkbook,
  snapshot: RowSnapshot,
  lang: Lang,
  previous: RowSnapshot | null = null,
  reads: ReadDigests = {},
  audit?: AuditPrefix,
): void {
  const digest = digestOf(snapshot);
  const rows: string[][] = [[MARK], ['texts', digest], ['format', FORMAT]];
  if (audit !== undefined) rows.push(['audit', String(audit.count), audit.hash]);
  const texts: string[][] = [[TEXT_MARK], ['texts', digest], ['format', TEXT_FORMAT]];
  for (const key of KEYS) {
    const tab = snapshot.tabs[key];
    if (tab === undefined) continue;
    const count = tab.rows.length;
    rows.push(['tab', key, tab.name, JSON.stringify(tab.header), String(count)]);
    rows.push(['rows', key, ...chunks(encodeRows(tab.rows).toString('base64'))]);
    rows.push(['hashes', key, ...chunks(encodeHashes(tab.hashes).toString('base64'))]);
    const read = reads[key];
    if (read !== undefined) rows.push(['read', key, read]);
    const old = previous?.tabs[key];
    const oldBlocks = old ? (storedBlocks.get(old)?.() ?? []) : [];
    const kept = new Map(oldBlocks.map((block) => [block.first, block]));
    // A row with the same hash as a stored one has its text: taken from the stored block.
    // Paired only once a block is rebuilt: close keeps every block of Pieces as it was.
    let paired: Int32Array | null | undefined;
    const textOf = (index: number): string => {
      paired ??= old && oldBlocks.length > 0 ? matchByHash(old, tab).paired : null;
      const before = paired?.[index] ?? -1;
      return old !== undefined && before >= 0 ? old.text(before) : tab.text(index);
    };
    let first = 0;
    while (first < count) {
      const same = kept.get(first);
      if (same && old && first + same.count <= count && sameHashes(old, tab, first, same.count)) {
        texts.push(['text', key, String(first), ...chunks(same.text)]);
        first += same.count;
        continue;
      }
      const packed: string[] = [];
      let size = 0;
      let taken = 0;
      while (first + taken < count && taken < BLOCK_ROWS && size < BLOCK_CHARS) {
        const text = textOf(first + taken);
        packed.push(`${text.length}:`, text);
        size += text.length;
        taken += 1;
      }
      // The fastest level: written only when something changed, but then all of it.
      const deflated = deflateRawSync(Buffer.from(packed.join(''), 'utf8'), { level: 1 });
      texts.push(['text', key, String(first), ...chunks(deflated.toString('base64'))]);
      first += taken;
    }
  }
  writeTab(workbook, AUDIT_SNAPSHOT, names(), rows, lang);
  writeTab(workbook, AUDIT_SNAPSHOT_TEXT, textNames(), texts, lang);
}

function writeTab(
  workbook: XlsxWorkbook,
  spec: { readonly zh: string; readonly en: string },
  known: readonly string[],
  rows: readonly string[][],
  lang: Lang,
): void {
  const width = Math.max(...rows.map((row) => row.length));
  const cells = rows.map((row) => [...row, ...Array<string>(width - row.length).fill('')]);
  const name = workbook.tabNames().find((tab) => known.includes(tab)) ?? labelOf(spec, lang);
  workbook.replaceGeneratedTab(
    {
      name,
      cells,
      numberFormats: cells.map((row) => row.map(() => NUMBER_FORMATS.text)),
      boldRows: [],
      frozenRows: 0,
      columnWidths: cells[0]?.map(() => 120) ?? [120],
      protectionDescription: cellString(rows[0]?.[0]),
      charts: [],
      landscape: false,
      earlierLabels: LABELS,
    },
    // Base64 of hashes and of deflated texts: deflate finds nothing to repeat in it.
    { dense: true },
  );
  workbook.hideTab(name);
}

/** 16 hex digits that change with any tab's name, header, rows or hashes: ties texts to rows. */
function digestOf(snapshot: RowSnapshot): string {
  let h1 = 0x9e3779b9;
  let h2 = 0x85ebca6b;
  for (const key of KEYS) {
    const tab = snapshot.tabs[key];
    if (tab === undefined) continue;
    const words = [key, tab.name, ...tab.header].join('\u001f');
    // Indexed loops: for…of over 200,000 hashes would make an iterator result each, unoptimised.
    for (let i = 0; i < words.length; i += 1) {
      h1 = Math.imul(h1 ^ words.charCodeAt(i), 2654435761);
      h2 = Math.imul(h2 ^ words.charCodeAt(i), 1597334677);
    }
    h1 = Math.imul(h1 ^ tab.rows.length, 2654435761);
    h2 = Math.imul(h2 ^ tab.rows.length, 1597334677);
    // Each array in a loop of its own: one loop over a plain array and typed arrays in turn
    // was polymorphic, and took 10 ms at 100,000 rows.
    [h1, h2] = mixNumbers(tab.rows, h1, h2);
    [h1, h2] = mixNumbers(tab.hashes, h1, h2);
  }
  const a = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const b = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function mixNumbers(numbers: Int32Array, h1: number, h2: number): [number, number] {
  for (let i = 0; i < numbers.length; i += 1) {
    h1 = Math.imul(h1 ^ (numbers[i] ?? 0), 2654435761);
    h2 = Math.imul(h2 ^ (numbers[i] ?? 0), 1597334677);
  }
  return [h1, h2];
}

/** Whether rows first…first + count − 1 hash the same on both sides (so their texts are equal). */
function sameHashes(old: TabRows, now: TabRows, first: number, count: number): boolean {
  for (let i = 2 * first; i < 2 * (first + count); i += 1) {
    if (old.hashes[i] !== now.hashes[i]) return false;
  }
  return true;
}

/** Each row's number less the one before (rows go down), LEB128: one byte a row, mostly. */
function encodeRows(rows: Int32Array): Buffer {
  // At most 5 bytes a row (LEB128 of a 32-bit step).
  const bytes = Buffer.allocUnsafe(5 * rows.length);
  let at = 0;
  let previous = 1;
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] ?? previous;
    let delta = row - previous;
    previous = row;
    while (delta >= 0x80) {
      bytes[at++] = (delta & 0x7f) | 0x80;
      delta = Math.floor(delta / 128);
    }
    bytes[at++] = delta;
  }
  return bytes.subarray(0, at);
}

/** The hashes, little-endian whatever the machine (the array's own bytes where it is). */
function encodeHashes(hashes: Int32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength);
  const bytes = Buffer.allocUnsafe(hashes.byteLength);
  hashes.forEach((hash, i) => bytes.writeInt32LE(hash, 4 * i));
  return bytes;
}

/** The stored hashes as numbers: a view of the bytes where the machine's order and alignment allow. */
function hashesOf(bytes: Buffer, count: number): Int32Array {
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
    return new Int32Array(bytes.buffer, bytes.byteOffset, 2 * count);
  }
  const hashes = new Int32Array(2 * count);
  for (let i = 0; i < 2 * count; i += 1) hashes[i] = bytes.readInt32LE(4 * i);
  return hashes;
}

/** The texts of a block: each after its length (UTF-16 code units) and a colon. */
function unpackTexts(packed: string): string[] {
  const texts: string[] = [];
  let at = 0;
  while (at < packed.length) {
    const colon = packed.indexOf(':', at);
    const length = Number(packed.slice(at, colon));
    if (colon < 0 || !Number.isInteger(length) || colon + 1 + length > packed.length) {
      throw new Error('snapshot: text block');
    }
    texts.push(packed.slice(colon + 1, colon + 1 + length));
    at = colon + 1 + length;
  }
  return texts;
}

/** The bytes of base64 cut into cells, decoded cell by cell (no joined copy of the text). */
function fromBase64(parts: readonly string[]): Buffer {
  const bytes = Buffer.allocUnsafe(
    parts.reduce((n, part) => n + Math.ceil(part.length / 4) * 3, 0),
  );
  let length = 0;
  // Every cell but the last holds a multiple of 4 characters (CHUNK is), so each decodes alone.
  for (const part of parts) length += bytes.write(part, length, 'base64');
  return bytes.subarray(0, length);
}

function chunks(text: string): string[] {
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += CHUNK) parts.push(text.slice(at, at + CHUNK));
  return parts.length === 0 ? [''] : parts;
}
