/**
 * The fingerprint of a closed month: SHA-256 of the month's pay-relevant rows, the pay rates they
 * use and the month's adjustments, written in a canonical order so the order of rows, notes and
 * who recorded them never matter. Both backends hash the same bytes (./sha256.ts).
 */
import type { MonthKey } from './records';
import type { PayBook } from './payout';
import { sha256OfTexts } from './sha256';
import { idKey } from './validation/problemList';

/**
 * The most characters of the Detail one cell holds. Excel and LibreOffice keep at most 32,767
 * characters in a cell and cut the rest when they save the file (Sheets allows 50,000); a longer
 * Detail goes on in further cells (明细 2 / Detail 2, …), each of at most this many characters.
 * https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3
 */
export const DETAIL_PART_CHARS = 30_000;
const DIGEST_CHARS = 12;

export function sha256Hex(text: string): string {
  return sha256OfTexts([text]);
}

/** Text fields are escaped so a tab or line break typed into a cell cannot shift the fields. */
function field(text: string): string {
  // A loop over the characters instead of a regular expression: IDs are short and plain.
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x5c) return JSON.stringify(text);
  }
  return text;
}

/**
 * v1 wrote IDs as the Residents and Orders tabs spell them, so retyping R1 as r1 changed it;
 * v2 writes them as matching reads them (idKey: case, width, invisible characters). Closings
 * written by v1 are still compared with v1 (fingerprintMatches), so old closed months stay
 * closed while their rows are unchanged.
 */
export type FingerprintVersion = 1 | 2;
const FORMATS: Record<FingerprintVersion, string> = {
  1: 'gongfang-month-v1',
  2: 'gongfang-month-v2',
};
const keyFor = (version: FingerprintVersion) => (id: string) => (version === 1 ? id : idKey(id));

/**
 * Lines already made, by book, month and version: closing a month takes both the fingerprint
 * and every resident's digest of the same rows, and making and sorting the lines is their cost.
 * A PayBook is never changed once indexed, and the lines are only read.
 */
const linesMade = new WeakMap<PayBook, Map<string, Map<string, string[]>>>();

/** One canonical line per row, grouped by resident (as the version keys IDs) and sorted. */
function canonicalLines(
  book: PayBook,
  month: MonthKey,
  version: FingerprintVersion,
): Map<string, string[]> {
  let made = linesMade.get(book);
  if (made === undefined) linesMade.set(book, (made = new Map()));
  const cacheKey = `${version}|${month}`;
  const cached = made.get(cacheKey);
  if (cached !== undefined) return cached;
  const lines = makeCanonicalLines(book, month, version);
  made.set(cacheKey, lines);
  return lines;
}

/** A resident's lines and the resident's field, as a Pieces row's line spells it. */
interface ResidentLines {
  readonly lines: string[];
  readonly field: string;
}

/**
 * The lines of a month, by resident. A Pieces row's line is
 * `P<tab>date<tab>resident<tab>order<tab>completed<tab>rejected<tab>pay rate`; the parts that
 * depend only on the resident or the order are made once per distinct ID spelling, so a row
 * costs one join (test/property/fingerprintLines.property.test.ts holds it to the old maker).
 */
export function makeCanonicalLines(
  book: PayBook,
  month: MonthKey,
  version: FingerprintVersion,
): Map<string, string[]> {
  const key = keyFor(version);
  const linesByResident = new Map<string, string[]>();
  const add = (residentId: string, line: string): void => {
    const lines = linesByResident.get(residentId);
    if (lines) lines.push(line);
    else linesByResident.set(residentId, [line]);
  };
  // By the resident's ID as typed: its lines and its field.
  const residents = new Map<string, ResidentLines>();
  // By the order's ID as typed: `<tab>order<tab>` and `<tab>pay rate`.
  const orderHeads = new Map<string, string>();
  const orderTails = new Map<string, string>();
  for (const p of book.piecesByMonth.get(month) ?? []) {
    let resident = residents.get(p.residentId);
    if (resident === undefined) {
      const residentKey = key(p.residentId);
      let lines = linesByResident.get(residentKey);
      if (lines === undefined) linesByResident.set(residentKey, (lines = []));
      resident = { lines, field: `\t${field(residentKey)}\t` };
      residents.set(p.residentId, resident);
    }
    let head = orderHeads.get(p.orderId);
    let tail = orderTails.get(p.orderId);
    if (head === undefined || tail === undefined) {
      head = `${field(key(p.orderId))}\t`;
      tail = `\t${book.ordersById.get(p.orderId)?.payRate ?? ''}`;
      orderHeads.set(p.orderId, head);
      orderTails.set(p.orderId, tail);
    }
    // Joined rather than concatenated: a flat string, which the sort below compares faster.
    const parts = ['P\t', p.date, resident.field, head, p.completed, '\t', p.rejected, tail];
    resident.lines.push(parts.join(''));
  }
  for (const a of book.adjustmentsByMonth.get(month) ?? []) {
    const resident = key(a.residentId);
    add(resident, `A\t${a.month}\t${field(resident)}\t${a.amount}\t${field(a.reason)}`);
  }
  for (const lines of linesByResident.values()) lines.sort();
  return linesByResident;
}

function sortedResidents(lines: Map<string, string[]>): string[] {
  return [...lines.keys()].sort();
}

/** SHA-256 (hex) of the month's rows with their pay rates, and its adjustments. */
export function monthFingerprint(
  book: PayBook,
  month: MonthKey,
  version: FingerprintVersion = 2,
): string {
  const lines = canonicalLines(book, month, version);
  // Hashed resident by resident: the same bytes as one long text, without building it.
  const texts = [`${FORMATS[version]}\n${month}`];
  for (const residentId of sortedResidents(lines)) {
    texts.push(`\n${(lines.get(residentId) ?? []).join('\n')}`);
  }
  return sha256OfTexts(texts);
}

/** Whether the month's rows are those fingerprinted at closing (by either version). */
export function fingerprintMatches(book: PayBook, month: MonthKey, stored: string): boolean {
  const wanted = stored.trim().toLowerCase();
  return monthFingerprint(book, month, 2) === wanted || monthFingerprint(book, month, 1) === wanted;
}

/** What was paid to one resident when the month was closed. */
export interface SnapshotEntry {
  readonly netPay: number;
  /** Short digest of the resident's rows in the month, to tell whose rows changed. */
  readonly digest: string;
  /**
   * Fen of corrections of this month already recorded when it was closed (v2; 0 in v1): a
   * month reopened and closed again starts from them, so they are not offered a second time.
   */
  readonly correctedBefore: number;
  /**
   * Fen handed out to the resident at this closing (v3): the net pay at a first closing; at a
   * re-closing what was still owed after earlier closings and corrections elsewhere. Null in
   * a Detail written by an earlier version (settlement.ts works it out from the net pay).
   */
  readonly paid: number | null;
}

/** Detail as v1 and v2 wrote it (one cell), and v3 (paid per resident, split over cells). */
export type SnapshotVersion = FingerprintVersion | 3;

/** A decoded Detail: entries keyed by idKey, and the version that wrote them. */
export interface Snapshot {
  /** The digests are always those of fingerprint v2 when the Detail is v3. */
  readonly version: SnapshotVersion;
  readonly entries: ReadonlyMap<string, SnapshotEntry>;
}

/** The fingerprint version a Detail's digests were made with. */
export function digestVersion(snapshot: Snapshot): FingerprintVersion {
  return snapshot.version === 1 ? 1 : 2;
}

/** Per-resident digests, keyed by idKey whatever the version hashed. */
export function residentDigests(
  book: PayBook,
  month: MonthKey,
  version: FingerprintVersion = 2,
): Map<string, string> {
  const lines = canonicalLines(book, month, version);
  const digests = new Map<string, string>();
  for (const residentId of sortedResidents(lines)) {
    const text = [FORMATS[version], month, ...(lines.get(residentId) ?? [])].join('\n');
    digests.set(idKey(residentId), sha256Hex(text).slice(0, DIGEST_CHARS));
  }
  return digests;
}

/**
 * The Detail of a closing, as the cells of one Closings row hold it (v3):
 * `v3;n=<entries>;p=<cells>;<id>=<net fen>:<digest>:<corrected fen>:<paid fen>;…`, IDs as idKey,
 * percent-encoded. Split at entries into cells of at most DETAIL_PART_CHARS characters: the
 * first goes in 明细 / Detail, the others in 明细 2 / Detail 2, …; each cell after the first goes
 * on with the next entry. The counts let a reader tell a Detail cut short from a whole one.
 */
export function encodeSnapshot(entries: ReadonlyMap<string, SnapshotEntry>): string[] {
  const items: string[] = [];
  for (const [residentId, entry] of entries) {
    const paid = entry.paid ?? entry.netPay - entry.correctedBefore;
    const fields = [entry.netPay, entry.digest, entry.correctedBefore, paid].join(':');
    items.push(`${encodeURIComponent(idKey(residentId))}=${fields}`);
  }
  // Room for the head of the first cell ("v3;n=…;p=…;"), whatever the counts.
  const parts = packed(items, DETAIL_PART_CHARS, 40);
  const head = `v3;n=${items.length};p=${parts.length}`;
  return parts.map((part, i) => (i === 0 ? (part === '' ? head : `${head};${part}`) : part));
}

/** Items joined by ';' into texts of at most `max` characters (the first `reserved` shorter). */
function packed(items: readonly string[], max: number, reserved: number): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const item of items) {
    const limit = parts.length === 0 ? max - reserved : max;
    const added = current.length === 0 ? item.length : item.length + 1;
    if (current.length > 0 && length + added > limit) {
      parts.push(current.join(';'));
      current = [];
      length = 0;
    }
    length += current.length === 0 ? item.length : item.length + 1;
    current.push(item);
  }
  parts.push(current.join(';'));
  return parts;
}

const V3_HEAD = /^v3;n=(\d+);p=(\d+)(?:;|$)/;
const V3_ENTRY = /^([^=]+)=(-?\d+):([0-9a-f]+|-):(-?\d+):(-?\d+)$/;
const V2_ENTRY = /^([^=]+)=(-?\d+):([0-9a-f]+|-)(?::(-?\d+))?$/;

/**
 * The Detail as encodeSnapshot wrote it (v3, over `cells` in order: 明细, 明细 2, …; or v1/v2
 * in the first cell alone), or null when missing, unreadable or cut short.
 */
export function decodeSnapshot(cells: string | readonly string[]): Snapshot | null {
  const texts = (typeof cells === 'string' ? [cells] : cells).map((text) => text.trim());
  const first = texts[0] ?? '';
  const head = V3_HEAD.exec(first);
  if (head) return decodeV3(texts, Number(head[1]), Number(head[2]), head[0].length);
  const parts = first.split(';');
  const version = parts[0] === 'v1' ? 1 : parts[0] === 'v2' ? 2 : null;
  if (version === null) return null;
  const entries = new Map<string, SnapshotEntry>();
  for (const part of parts.slice(1)) {
    const match = V2_ENTRY.exec(part);
    if (!match) return null;
    const key = decodedId(match[1] as string);
    if (key === null) return null;
    entries.set(key, {
      netPay: Number(match[2]),
      digest: match[3] as string,
      correctedBefore: match[4] === undefined ? 0 : Number(match[4]),
      paid: null,
    });
  }
  return { version, entries };
}

function decodeV3(
  texts: readonly string[],
  count: number,
  cellCount: number,
  headLength: number,
): Snapshot | null {
  if (cellCount < 1 || texts.length < cellCount) return null;
  if (texts.slice(cellCount).some((text) => text !== '')) return null;
  const items = [texts[0]?.slice(headLength) ?? '', ...texts.slice(1, cellCount)]
    .filter((text) => text !== '')
    .flatMap((text) => text.split(';'));
  if (items.length !== count) return null;
  const entries = new Map<string, SnapshotEntry>();
  for (const item of items) {
    const match = V3_ENTRY.exec(item);
    const key = match ? decodedId(match[1] as string) : null;
    if (!match || key === null) return null;
    entries.set(key, {
      netPay: Number(match[2]),
      digest: match[3] as string,
      correctedBefore: Number(match[4]),
      paid: Number(match[5]),
    });
  }
  return { version: 3, entries };
}

function decodedId(text: string): string | null {
  try {
    return idKey(decodeURIComponent(text));
  } catch {
    return null;
  }
}
