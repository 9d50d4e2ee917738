/**
 * The fingerprint of a closed month: SHA-256 of the month's pay-relevant rows, the pay rates they
 * use and the month's adjustments, written in a canonical order so the order of rows, notes and
 * who recorded them never matter. @noble/hashes runs the same code in Apps Script and Node, so
 * both backends agree on every byte.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { MonthKey } from './records';
import type { PayBook } from './payout';
import { idKey } from './validation/problemList';

/** Sheets refuses cells over 50,000 characters; a longer snapshot is left out. */
export const SNAPSHOT_MAX_CHARS = 45_000;
const DIGEST_CHARS = 12;

/**
 * UTF-8 bytes of a text. Written out because TextEncoder (which @noble/hashes' utf8ToBytes uses)
 * is a Web API, not ECMAScript: Apps Script's V8 runtime and a bare vm context do not have it.
 * https://developers.google.com/apps-script/guides/v8-runtime
 */
export function utf8ToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 3);
  let length = 0;
  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i += 1;
      }
    }
    // A lone surrogate is written as U+FFFD, as TextEncoder does.
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes[length++] = code;
    else if (code < 0x800) {
      bytes[length++] = 0xc0 | (code >> 6);
      bytes[length++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      bytes[length++] = 0xe0 | (code >> 12);
      bytes[length++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[length++] = 0x80 | (code & 0x3f);
    } else {
      bytes[length++] = 0xf0 | (code >> 18);
      bytes[length++] = 0x80 | ((code >> 12) & 0x3f);
      bytes[length++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[length++] = 0x80 | (code & 0x3f);
    }
  }
  return bytes.subarray(0, length);
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** Text fields are escaped so a tab or line break typed into a cell cannot shift the fields. */
function field(text: string): string {
  return /[\t\n\\]/.test(text) ? JSON.stringify(text) : text;
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

function makeCanonicalLines(
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
  for (const p of book.piecesByMonth.get(month) ?? []) {
    const rate = book.ordersById.get(p.orderId)?.payRate ?? '';
    const resident = key(p.residentId);
    const fields = [p.date, field(resident), field(key(p.orderId)), p.completed, p.rejected, rate];
    add(resident, `P\t${fields.join('\t')}`);
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
  const hash = sha256.create();
  hash.update(utf8ToBytes(`${FORMATS[version]}\n${month}`));
  for (const residentId of sortedResidents(lines)) {
    hash.update(utf8ToBytes(`\n${(lines.get(residentId) ?? []).join('\n')}`));
  }
  return bytesToHex(hash.digest());
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
}

/** A decoded Detail cell: entries keyed by idKey, and the version that wrote the digests. */
export interface Snapshot {
  readonly version: FingerprintVersion;
  readonly entries: ReadonlyMap<string, SnapshotEntry>;
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
 * `v2;<id>=<net fen>:<digest>[:<corrected fen>];…` with IDs as idKey, percent-encoded; ''
 * when it would not fit a cell.
 */
export function encodeSnapshot(entries: ReadonlyMap<string, SnapshotEntry>): string {
  const parts = ['v2'];
  for (const [residentId, entry] of entries) {
    const corrected = entry.correctedBefore === 0 ? '' : `:${entry.correctedBefore}`;
    parts.push(
      `${encodeURIComponent(idKey(residentId))}=${entry.netPay}:${entry.digest}${corrected}`,
    );
  }
  const text = parts.join(';');
  return text.length > SNAPSHOT_MAX_CHARS ? '' : text;
}

/** The snapshot written by encodeSnapshot (v1 or v2), or null when missing or unreadable. */
export function decodeSnapshot(text: string): Snapshot | null {
  const parts = text.trim().split(';');
  const version = parts[0] === 'v1' ? 1 : parts[0] === 'v2' ? 2 : null;
  if (version === null) return null;
  const entries = new Map<string, SnapshotEntry>();
  for (const part of parts.slice(1)) {
    const match = /^([^=]+)=(-?\d+):([0-9a-f]+|-)(?::(-?\d+))?$/.exec(part);
    if (!match) return null;
    try {
      entries.set(idKey(decodeURIComponent(match[1] as string)), {
        netPay: Number(match[2]),
        digest: match[3] as string,
        correctedBefore: match[4] === undefined ? 0 : Number(match[4]),
      });
    } catch {
      return null;
    }
  }
  return { version, entries };
}
