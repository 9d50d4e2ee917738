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

const FORMAT = 'gongfang-month-v1';
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

/** One canonical line per row, grouped by resident and sorted. */
function canonicalLines(book: PayBook, month: MonthKey): Map<string, string[]> {
  const linesByResident = new Map<string, string[]>();
  const add = (residentId: string, line: string): void => {
    const lines = linesByResident.get(residentId);
    if (lines) lines.push(line);
    else linesByResident.set(residentId, [line]);
  };
  for (const p of book.piecesByMonth.get(month) ?? []) {
    const rate = book.ordersById.get(p.orderId)?.payRate ?? '';
    const fields = [p.date, field(p.residentId), field(p.orderId), p.completed, p.rejected, rate];
    add(p.residentId, `P\t${fields.join('\t')}`);
  }
  for (const a of book.adjustmentsByMonth.get(month) ?? []) {
    add(a.residentId, `A\t${a.month}\t${field(a.residentId)}\t${a.amount}\t${field(a.reason)}`);
  }
  for (const lines of linesByResident.values()) lines.sort();
  return linesByResident;
}

function sortedResidents(lines: Map<string, string[]>): string[] {
  return [...lines.keys()].sort();
}

/** SHA-256 (hex) of the month's rows with their pay rates, and its adjustments. */
export function monthFingerprint(book: PayBook, month: MonthKey): string {
  const lines = canonicalLines(book, month);
  // Hashed resident by resident: the same bytes as one long text, without building it.
  const hash = sha256.create();
  hash.update(utf8ToBytes(`${FORMAT}\n${month}`));
  for (const residentId of sortedResidents(lines)) {
    hash.update(utf8ToBytes(`\n${(lines.get(residentId) ?? []).join('\n')}`));
  }
  return bytesToHex(hash.digest());
}

/** What was paid to one resident when the month was closed. */
export interface SnapshotEntry {
  readonly netPay: number;
  /** Short digest of the resident's rows in the month, to tell whose rows changed. */
  readonly digest: string;
}

export function residentDigests(book: PayBook, month: MonthKey): Map<string, string> {
  const lines = canonicalLines(book, month);
  const digests = new Map<string, string>();
  for (const residentId of sortedResidents(lines)) {
    const text = [FORMAT, month, ...(lines.get(residentId) ?? [])].join('\n');
    digests.set(residentId, sha256Hex(text).slice(0, DIGEST_CHARS));
  }
  return digests;
}

/** `v1;<id>=<net fen>:<digest>;…` with IDs percent-encoded; '' when it would not fit a cell. */
export function encodeSnapshot(entries: ReadonlyMap<string, SnapshotEntry>): string {
  const parts = ['v1'];
  for (const [residentId, entry] of entries) {
    parts.push(`${encodeURIComponent(residentId)}=${entry.netPay}:${entry.digest}`);
  }
  const text = parts.join(';');
  return text.length > SNAPSHOT_MAX_CHARS ? '' : text;
}

/** The snapshot written by encodeSnapshot, or null when it is missing or unreadable. */
export function decodeSnapshot(text: string): Map<string, SnapshotEntry> | null {
  const parts = text.trim().split(';');
  if (parts[0] !== 'v1') return null;
  const entries = new Map<string, SnapshotEntry>();
  for (const part of parts.slice(1)) {
    const match = /^([^=]+)=(-?\d+):([0-9a-f]+)$/.exec(part);
    if (!match) return null;
    try {
      entries.set(decodeURIComponent(match[1] as string), {
        netPay: Number(match[2]),
        digest: match[3] as string,
      });
    } catch {
      return null;
    }
  }
  return entries;
}
