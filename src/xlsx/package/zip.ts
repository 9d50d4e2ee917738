/**
 * A zip reader and writer for the .xlsx package that copies the entries Gongfang does not
 * touch as they are: local header, compressed data and central-directory record byte for
 * byte (only the offsets the central directory holds change). New or edited parts are
 * deflated with node:zlib. No zip64: a workbook package never nears 4 GB.
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { PackageRefused } from './refusal';

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;

/** One entry as it sits in the file: its bytes are kept to be copied through unchanged. */
export interface StoredEntry {
  readonly name: string;
  readonly method: number;
  readonly size: number;
  /** Local header, compressed data and data descriptor, as in the source file. */
  readonly local: Buffer;
  /** Offset of the compressed data inside `local`. */
  readonly dataStart: number;
  readonly compressedSize: number;
  /** The central-directory record, its local-header offset to be patched on writing. */
  readonly central: Buffer;
}

export class ZipError extends Error {}

/** The entries of a zip held in `buffer`, in central-directory order. */
export function readZip(buffer: Buffer): StoredEntry[] {
  const end = findEnd(buffer);
  const count = buffer.readUInt16LE(end + 10);
  const directorySize = buffer.readUInt32LE(end + 12);
  let offset = buffer.readUInt32LE(end + 16);
  if (offset === 0xffffffff || count === 0xffff || offset + directorySize > end) {
    throw new ZipError('zip64 or damaged central directory');
  }
  const entries: StoredEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (buffer.readUInt32LE(offset) !== CENTRAL_SIGNATURE) throw new ZipError('bad central record');
    const flags = buffer.readUInt16LE(offset + 8);
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const recordLength =
      46 + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const nameBytes = buffer.subarray(offset + 46, offset + 46 + nameLength);
    const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
    const central = buffer.subarray(offset, offset + recordLength);
    if (buffer.readUInt32LE(localOffset) !== LOCAL_SIGNATURE)
      throw new ZipError('bad local header');
    const dataStart =
      30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    let localEnd = localOffset + dataStart + compressedSize;
    if (flags & 0x8) localEnd += descriptorLength(buffer, localEnd, compressedSize, size);
    if (localEnd > buffer.length) throw new ZipError('entry past the end');
    entries.push({
      name,
      method,
      size,
      local: buffer.subarray(localOffset, localEnd),
      dataStart,
      compressedSize,
      central,
    });
    offset += recordLength;
  }
  refuseAmbiguousEntries(buffer, entries);
  return entries;
}

/**
 * The length of the data descriptor at `at`: its signature (optional), CRC and two sizes of 4
 * bytes, or of 8 as zip64 writes them: Apache POI 5's streaming writer (SXSSF, which many Java
 * systems export with) does so for every part, however small. Read as 4-byte sizes, such an
 * entry was copied through without its last 8 bytes. 8-byte sizes are known by holding the
 * sizes the directory records; after a 4-byte descriptor comes the next header, whose
 * signature is never such a size.
 */
function descriptorLength(
  buffer: Buffer,
  at: number,
  compressedSize: number,
  size: number,
): number {
  const signed = at + 4 <= buffer.length && buffer.readUInt32LE(at) === DESCRIPTOR_SIGNATURE;
  const sizesAt = at + (signed ? 8 : 4);
  const wide =
    sizesAt + 16 <= buffer.length &&
    buffer.readBigUInt64LE(sizesAt) === BigInt(compressedSize) &&
    buffer.readBigUInt64LE(sizesAt + 8) === BigInt(size);
  return sizesAt - at + (wide ? 16 : 8);
}

function findEnd(buffer: Buffer): number {
  const lowest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let at = buffer.length - 22; at >= lowest; at -= 1) {
    if (buffer.readUInt32LE(at) === END_SIGNATURE) return at;
  }
  throw new ZipError('no end of central directory');
}

/** The uncompressed bytes of an entry. */
export function inflateEntry(entry: StoredEntry): Buffer {
  const data = entry.local.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(storedData(entry, data));
  if (entry.method === 8) return inflateWithinLimit(entry, data);
  throw new ZipError(`compression method ${entry.method}`);
}

// ---------------------------------------------------------------------------------------------
// Refusing packages that readers could disagree on, or that would exhaust memory

/**
 * A part may inflate to 100 times its compressed size (real workbooks stay near 10×; a zip
 * bomb reaches 1,000×), and always to 1 MiB, never beyond 480 MiB: half as much again as the
 * Pieces sheet of a ten-year, 1,000,000-row ledger (312 MB, which issue 19 holds every command
 * to reading), and below the longest string Node can hold (2^29 − 24 characters, 512 MiB).
 */
export const INFLATE_RATIO = 100;
export const INFLATE_FLOOR = 1024 * 1024;
export const INFLATE_CEILING = 480 * 1024 * 1024;

/** The most a part with `compressedSize` bytes may inflate to. */
export function inflateLimit(compressedSize: number): number {
  return Math.min(INFLATE_CEILING, Math.max(INFLATE_FLOOR, INFLATE_RATIO * compressedSize));
}

/** 200 MB, 230 KB: sizes in refusals, language-neutral. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / 1024 / 1024)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Inflates with the size the package declares as a hard cap, so a part that inflates past it
 * is stopped there (node:zlib's maxOutputLength), never allocated; a declared size beyond the
 * limit is refused before inflating anything.
 */
function inflateWithinLimit(entry: StoredEntry, data: Buffer): Buffer {
  const options = inflateOptions(entry);
  let inflated: Buffer;
  try {
    inflated = zlib.inflateRawSync(data, options);
  } catch (error) {
    throw inflateFailure(entry, error);
  }
  return checkedSize(entry, inflated);
}

/**
 * inflateEntry on libuv's thread pool (another core while this thread reads other parts):
 * the same bytes, or the same refusal, as inflateEntry would give.
 */
export function inflateEntryAsync(entry: StoredEntry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (entry.method !== 8) {
      resolve(inflateEntry(entry));
      return;
    }
    const data = entry.local.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    const options = inflateOptions(entry);
    zlib.inflateRaw(data, options, (error, inflated) => {
      try {
        if (error) throw inflateFailure(entry, error);
        resolve(checkedSize(entry, inflated));
      } catch (failure) {
        reject(failure);
      }
    });
  });
}

/**
 * An entry's uncompressed bytes in chunks of about a megabyte, inflated on libuv's thread pool
 * as they are asked for: the same bytes as inflateEntry, never held at once. A part that
 * inflates past its declared size, or short of it, is refused as inflateEntry refuses it.
 */
export async function* inflateEntryChunks(entry: StoredEntry): AsyncGenerator<Buffer> {
  if (entry.method !== 8) {
    yield inflateEntry(entry);
    return;
  }
  inflateOptions(entry);
  const data = entry.local.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  const stream = zlib.createInflateRaw({ chunkSize: CHUNK });
  let total = 0;
  try {
    stream.end(data);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > entry.size)
        throw new PackageRefused('sizeMismatch', entry.name, `> ${entry.size}`);
      yield chunk;
    }
  } catch (error) {
    throw error instanceof PackageRefused ? error : inflateFailure(entry, error);
  } finally {
    stream.destroy();
  }
  if (total !== entry.size) {
    throw new PackageRefused('sizeMismatch', entry.name, `${total} ≠ ${entry.size}`);
  }
}

const CHUNK = 1024 * 1024;

function inflateOptions(entry: StoredEntry): zlib.ZlibOptions {
  const limit = inflateLimit(entry.compressedSize);
  if (entry.size > limit) {
    throw new PackageRefused(
      'tooLarge',
      entry.name,
      `${sizeText(entry.size)} (${sizeText(entry.compressedSize)} packed)`,
    );
  }
  // One output chunk of the size the directory records: zlib then hands back that chunk instead
  // of concatenating smaller ones (a copy of the whole part, and twice its size held meanwhile:
  // 600 MB and 0.2 s for a million-row Pieces sheet); the size was checked against the limit
  // above, so a lying header cannot reserve more than that.
  const chunkSize = Math.max(entry.size + 1, 64 * 1024);
  return { chunkSize, maxOutputLength: Math.max(1, entry.size) };
}

function inflateFailure(entry: StoredEntry, error: unknown): Error {
  // ERR_BUFFER_TOO_LARGE: node:zlib stopped at maxOutputLength.
  if (
    error &&
    typeof error === 'object' &&
    'code' in error &&
    error.code === 'ERR_BUFFER_TOO_LARGE'
  ) {
    return new PackageRefused('sizeMismatch', entry.name, `> ${entry.size}`);
  }
  return new ZipError(`cannot inflate ${entry.name}`);
}

function checkedSize(entry: StoredEntry, inflated: Buffer): Buffer {
  if (inflated.length !== entry.size) {
    throw new PackageRefused('sizeMismatch', entry.name, `${inflated.length} ≠ ${entry.size}`);
  }
  return inflated;
}

function storedData(entry: StoredEntry, data: Buffer): Buffer {
  if (entry.size !== entry.compressedSize) {
    throw new PackageRefused('sizeMismatch', entry.name, `${entry.compressedSize} ≠ ${entry.size}`);
  }
  return data;
}

/** OPC part names are case-insensitive; some writers use backslashes or a leading slash. */
function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/**
 * Refuses a package two readers could read differently: a part name stored twice (Gongfang
 * would read one copy, LibreOffice another), entries whose bytes overlap (the trick of
 * non-recursive zip bombs), or a local header that disagrees with the central directory on
 * the name or the sizes.
 */
export function refuseAmbiguousEntries(buffer: Buffer, entries: readonly StoredEntry[]): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = partKey(entry.name);
    if (seen.has(key)) throw new PackageRefused('duplicatePart', entry.name);
    seen.add(key);
    refuseHeaderMismatch(entry);
  }
  const spans = entries
    .map((entry) => ({
      name: entry.name,
      start: entry.local.byteOffset - buffer.byteOffset,
      end: entry.local.byteOffset - buffer.byteOffset + entry.local.length,
    }))
    .sort((a, b) => a.start - b.start);
  for (let index = 1; index < spans.length; index += 1) {
    const previous = spans[index - 1];
    const span = spans[index];
    if (previous && span && span.start < previous.end) {
      throw new PackageRefused('overlappingEntries', span.name, previous.name);
    }
  }
}

function refuseHeaderMismatch(entry: StoredEntry): void {
  const local = entry.local;
  const flags = local.readUInt16LE(6);
  const nameLength = local.readUInt16LE(26);
  const localName = local.subarray(30, 30 + nameLength);
  const centralName = entry.central.subarray(46, 46 + entry.central.readUInt16LE(28));
  if (!localName.equals(centralName) || local.readUInt16LE(8) !== entry.method) {
    throw new PackageRefused('headerMismatch', entry.name);
  }
  // With a data descriptor (flag bit 3) the local header's sizes are zero; else they must agree.
  if (flags & 0x8) return;
  if (local.readUInt32LE(18) !== entry.compressedSize || local.readUInt32LE(22) !== entry.size) {
    throw new PackageRefused('sizeMismatch', entry.name, 'local header ≠ central directory');
  }
}

/**
 * A part's new bytes made while they are written, never held whole: an edited sheet too big to
 * hold again (check --mark on a million-row Pieces sheet), its unchanged stretches inflated
 * from the part read as they are deflated. The same bytes as `pieces()` in the same pieces, so
 * deflated into the same runs and the same bytes as those pieces would be.
 */
export interface StreamedData {
  /** The length of each piece, in order (what deflateRuns cuts the runs by). */
  readonly pieceLengths: readonly number[];
  /** The bytes in order, in chunks cut anywhere. */
  chunks(): AsyncIterable<Buffer>;
  /** The pieces themselves, made at once (a read of the part, or a writer without streams). */
  pieces(): readonly Buffer[];
}

export type PartData = Buffer | readonly Buffer[] | StreamedData;

export function isStreamed(data: PartData): data is StreamedData {
  return !Buffer.isBuffer(data) && 'pieceLengths' in data;
}

/** An entry to write: copied as it was, or new content. */
export type OutEntry =
  | { readonly kind: 'stored'; readonly entry: StoredEntry }
  | {
      readonly kind: 'new';
      readonly name: string;
      readonly data: PartData;
      /** Dense: text that is mostly packed bytes (base64), deflated with Huffman codes alone. */
      readonly dense?: boolean;
    };

type NewEntry = Extract<OutEntry, { readonly kind: 'new' }>;

/**
 * A part bigger than this (a source tab that check --mark or close edited) is deflated at level
 * 1: a 31 MB Pieces sheet takes 90 ms instead of 300 ms and comes out the size Excel and
 * exceljs write it (4.8 MB, against 3.8 MB at level 6). Smaller parts keep level 6.
 */
const BIG_PART = 1024 * 1024;

/** DOS date and time of `date`, as zip headers hold them. */
function dosTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, date.getFullYear());
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    day: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** A new part deflated: the pieces of its raw deflate stream, its CRC-32 and its size. */
interface Deflated {
  readonly compressed: readonly Buffer[];
  readonly crc: number;
  readonly size: number;
}

/**
 * `data` (pieces written one after the other) cut into the runs deflated one by one, each but
 * the last ending in a sync flush (the stream goes on, byte-aligned), the last finishing it:
 * runs of small pieces joined up to GROUP bytes, a big piece a run of its own. An edited
 * sheet's unchanged stretches (slices of the part read) are so deflated where they lie, never
 * copied into one buffer with the rows changed; and the runs can be deflated side by side.
 */
function deflateRuns(data: readonly Buffer[]): {
  runs: (readonly Buffer[])[];
  crc: number;
  size: number;
} {
  const runs: (readonly Buffer[])[] = [];
  let crc = 0;
  let size = 0;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  const flushPending = () => {
    if (pending.length > 0) runs.push(pending);
    pending = [];
    pendingSize = 0;
  };
  for (const piece of data) {
    crc = zlib.crc32(piece, crc);
    size += piece.length;
    if (piece.length === 0) continue;
    if (piece.length >= GROUP) {
      flushPending();
      runs.push([piece]);
    } else {
      pending.push(piece);
      pendingSize += piece.length;
      if (pendingSize >= GROUP) flushPending();
    }
  }
  flushPending();
  if (runs.length === 0) runs.push([]);
  return { runs, crc, size };
}

/** Pieces are joined up to this size before deflating (each deflate call has a set-up cost). */
const GROUP = 1024 * 1024;

/** How a part's runs are deflated: zlib's level, and whether by Huffman codes alone. */
interface Packing {
  readonly level: number;
  readonly huffmanOnly: boolean;
}

/** How run `index` of `count` is deflated. */
function runOptions(index: number, count: number, packing: Packing): zlib.ZlibOptions {
  const last = index === count - 1;
  return {
    level: packing.level,
    ...(packing.huffmanOnly ? { strategy: zlib.constants.Z_HUFFMAN_ONLY } : {}),
    finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
  };
}

function joined(run: readonly Buffer[]): Buffer {
  return run.length === 1 ? (run[0] as Buffer) : Buffer.concat(run);
}

/**
 * A dense part (the change log's snapshot tabs: base64 of hashes and of deflated texts) has
 * almost no repeats for deflate to find, only letters used unevenly: Huffman codes alone pack
 * its 1.4 MB at 100,000 rows in 9 ms instead of 30 (level 1 or 6), 3 % bigger.
 */
function packingFor(size: number, dense: boolean): Packing {
  return { level: size > BIG_PART ? 1 : 6, huffmanOnly: dense };
}

function sizeOf(content: PartData): number {
  if (isStreamed(content)) return content.pieceLengths.reduce((sum, length) => sum + length, 0);
  return piecesOf(content).reduce((sum, piece) => sum + piece.length, 0);
}

function piecesOf(content: PartData): readonly Buffer[] {
  if (isStreamed(content)) return content.pieces();
  return Buffer.isBuffer(content) ? [content] : content;
}

/** Deflates `content` as one raw deflate stream, in this thread. */
export function deflateParts(content: PartData, dense = false): Deflated {
  const { runs, crc, size } = deflateRuns(piecesOf(content));
  const packing = packingFor(size, dense);
  const compressed = runs.map((run, index) =>
    zlib.deflateRawSync(joined(run), runOptions(index, runs.length, packing)),
  );
  return { compressed, crc, size };
}

/**
 * Deflates `content` as deflateParts does, the runs side by side on libuv's thread pool (four
 * threads unless UV_THREADPOOL_SIZE says otherwise): a 312 MB sheet then takes about half the
 * time on two cores. At most THREADS runs are joined and deflating at once.
 */
export async function deflatePartsInParallel(content: PartData, dense = false): Promise<Deflated> {
  if (isStreamed(content)) return deflateStreamed(content, dense);
  const { runs, crc, size } = deflateRuns(piecesOf(content));
  const packing = packingFor(size, dense);
  const compressed: Buffer[] = [];
  let next = 0;
  const deflateNext = async (): Promise<void> => {
    for (let index = next++; index < runs.length; index = next++) {
      const run = runs[index] ?? [];
      compressed[index] = await deflateRawAsync(
        joined(run),
        runOptions(index, runs.length, packing),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(THREADS, runs.length) }, deflateNext));
  return { compressed, crc, size };
}

const THREADS = 4;

/**
 * Where deflateRuns cuts pieces of these lengths into runs: each run's end, in bytes from the
 * start (the runs follow one another), and the total size.
 */
export function runEnds(pieceLengths: readonly number[]): { ends: number[]; size: number } {
  const ends: number[] = [];
  let size = 0;
  let pendingSize = 0;
  for (const length of pieceLengths) {
    if (length === 0) continue;
    if (length >= GROUP) {
      if (pendingSize > 0) ends.push(size);
      pendingSize = 0;
      size += length;
      ends.push(size);
    } else {
      size += length;
      pendingSize += length;
      if (pendingSize >= GROUP) {
        ends.push(size);
        pendingSize = 0;
      }
    }
  }
  if (pendingSize > 0 || ends.length === 0) ends.push(size);
  return { ends, size };
}

/** A run longer than this is deflated as its bytes come (a zlib stream), not joined first. */
const STREAMED_RUN = 4 * GROUP;

/**
 * deflatePartsInParallel for data made as it is written: the runs cut where deflateRuns cuts
 * the pieces, each deflated alone as there (zlib's output does not depend on how its input is
 * fed: test/xlsx/zip.test.ts), at most THREADS at once; a long run (an unchanged stretch of
 * many megabytes) is fed to a zlib stream as it comes. Only the runs being deflated and the
 * compressed output are held.
 */
async function deflateStreamed(data: StreamedData, dense: boolean): Promise<Deflated> {
  const { ends, size } = runEnds(data.pieceLengths);
  const packing = packingFor(size, dense);
  const compressed: Buffer[][] = ends.map(() => []);
  const running = new Set<Promise<void>>();
  // The first failure, thrown once nothing is left running (no rejection goes unheard).
  let failure: { error: unknown } | null = null;
  const start = (work: Promise<void>) => {
    const tracked: Promise<void> = work
      .catch((error: unknown) => void (failure ??= { error }))
      .finally(() => running.delete(tracked));
    running.add(tracked);
  };
  let crc = 0;
  let offset = 0;
  let index = 0;
  let pending: Buffer[] = [];
  let stream: zlib.DeflateRaw | null = null;
  const runStart = () => (index === 0 ? 0 : (ends[index - 1] ?? 0));
  const finishRun = async () => {
    const options = runOptions(index, ends.length, packing);
    const out = compressed[index] as Buffer[];
    if (stream) {
      const finishing = stream;
      start(
        new Promise<void>((resolve, reject) => {
          finishing.on('end', resolve).on('error', reject);
          finishing.end();
        }),
      );
      stream = null;
    } else {
      const joinedRun = joined(pending);
      start(deflateRawAsync(joinedRun, options).then((result) => void out.push(result)));
    }
    pending = [];
    index += 1;
    while (running.size >= THREADS) await Promise.race(running);
    if (failure) throw failure.error;
  };
  for await (const chunk of data.chunks()) {
    crc = zlib.crc32(chunk, crc);
    let at = 0;
    while (at < chunk.length) {
      const end = ends[index] ?? size;
      const take = Math.min(chunk.length - at, end - offset);
      const piece = chunk.subarray(at, at + take);
      if (offset === runStart() && end - offset > STREAMED_RUN) {
        const out = compressed[index] as Buffer[];
        stream = zlib.createDeflateRaw(runOptions(index, ends.length, packing));
        stream.on('data', (result: Buffer) => void out.push(result));
        stream.on('error', (error: unknown) => void (failure ??= { error }));
      }
      if (stream) {
        if (!stream.write(piece)) await onceDrained(stream);
      } else {
        pending.push(piece);
      }
      at += take;
      offset += take;
      if (offset === end) await finishRun();
    }
  }
  if (offset !== size) throw new Error(`streamed part: ${offset} of ${size} bytes`);
  // No bytes at all: one empty run, as deflateRuns gives.
  if (index < ends.length) await finishRun();
  await Promise.all(running);
  if (failure) throw (failure as { error: unknown }).error;
  return { compressed: compressed.flat(), crc, size };
}

function onceDrained(stream: zlib.DeflateRaw): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: unknown) => {
      stream.off('drain', done);
      stream.off('error', done);
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve();
    };
    stream.on('drain', done).on('error', done);
  });
}

function deflateRawAsync(data: Buffer, options: zlib.ZlibOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zlib.deflateRaw(data, options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function newEntryRecords(name: string, deflated: Deflated, offset: number, when: Date) {
  const nameBytes = Buffer.from(name, 'utf8');
  const total = deflated.size;
  const compressedSize = deflated.compressed.reduce((sum, piece) => sum + piece.length, 0);
  const crc = deflated.crc;
  const { time, day } = dosTime(when);
  const flags = /[^\x20-\x7e]/.test(name) ? 0x800 : 0;
  const local = Buffer.alloc(30 + nameBytes.length);
  local.writeUInt32LE(LOCAL_SIGNATURE, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(day, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(compressedSize, 18);
  local.writeUInt32LE(total, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(0, 28);
  nameBytes.copy(local, 30);
  const central = Buffer.alloc(46 + nameBytes.length);
  central.writeUInt32LE(CENTRAL_SIGNATURE, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt16LE(time, 12);
  central.writeUInt16LE(day, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(compressedSize, 20);
  central.writeUInt32LE(total, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(offset, 42);
  nameBytes.copy(central, 46);
  return { chunks: [local, ...deflated.compressed], central };
}

/** Writes the entries, in order, to `file` (created or truncated). */
export function writeZip(file: string, entries: readonly OutEntry[], when = new Date()): void {
  writeEntries(file, entries, (data, out) => deflateParts(data, out.dense), when);
}

/** Deflates begun before the write (deflateAhead), by the bytes they are of. */
const begun = new WeakMap<
  Buffer | readonly Buffer[],
  { readonly dense: boolean; readonly deflating: Promise<Deflated> }
>();

/**
 * The biggest part deflated ahead. A generated tab (Payout, Payslips: about 1.5 MB at 100,000
 * rows) is; the change log's snapshot tabs of a million-row ledger (about 20 MB each) are not:
 * deflated while the next one was made, close's peak reached 1,045 MB in one run of five
 * (about 790 MB in the others). A part deflated ahead of a command that then fails is finished
 * before the process ends (libuv's pool), a few tens of milliseconds at most.
 */
const AHEAD_MOST = 8 * 1024 * 1024;

/**
 * Starts deflating a big new part on the thread pool when it is made, not when the workbook is
 * written: generate's Payout tab is then deflated on the other core while the command makes
 * the Payslips tab. The same runs packed the same way, so the same bytes; writeZipInParallel
 * takes the result (or meets its error). A part written again is deflated again; small,
 * streamed and very big parts are left to the write.
 */
export function deflateAhead(data: PartData, dense = false): void {
  if (isStreamed(data) || begun.get(data)?.dense === dense) return;
  const size = sizeOf(data);
  if (size <= BIG_PART || size > AHEAD_MOST) return;
  const deflating = deflatePartsInParallel(data, dense);
  // Awaited by the write; until then, a failure is not an unhandled rejection.
  deflating.catch(() => undefined);
  begun.set(data, { dense, deflating });
}

/** writeZip, deflating each new part's runs side by side (deflatePartsInParallel). */
export async function writeZipInParallel(
  file: string,
  entries: readonly OutEntry[],
  when = new Date(),
): Promise<void> {
  const deflated = new Map<OutEntry, Deflated>();
  for (const out of entries) {
    // Only a big part (a generated tab, an edited source tab) gains from it; a small one is
    // deflated here, in less time than a trip to the thread pool and back takes. One part at a
    // time, but for those deflated ahead, which are already under way.
    if (out.kind === 'new' && sizeOf(out.data) > BIG_PART) {
      const dense = out.dense === true;
      const ahead = isStreamed(out.data) ? undefined : begun.get(out.data);
      const deflating = ahead?.dense === dense ? ahead.deflating : undefined;
      deflated.set(out, await (deflating ?? deflatePartsInParallel(out.data, dense)));
    }
  }
  writeEntries(
    file,
    entries,
    (data, out) => deflated.get(out) ?? deflateParts(data, out.dense),
    when,
  );
}

function writeEntries(
  file: string,
  entries: readonly OutEntry[],
  deflate: (data: PartData, out: NewEntry) => Deflated,
  when: Date,
): void {
  const descriptor = fs.openSync(file, 'w', 0o600);
  try {
    let offset = 0;
    const centrals: Buffer[] = [];
    const write = (chunk: Buffer) => {
      let done = 0;
      while (done < chunk.length) done += fs.writeSync(descriptor, chunk, done);
      offset += chunk.length;
    };
    for (const out of entries) {
      if (offset > 0xfffffff0) throw new ZipError('package too large');
      if (out.kind === 'stored') {
        const central = Buffer.from(out.entry.central);
        central.writeUInt32LE(offset, 42);
        centrals.push(central);
        write(out.entry.local);
      } else {
        const records = newEntryRecords(out.name, deflate(out.data, out), offset, when);
        centrals.push(records.central);
        for (const chunk of records.chunks) write(chunk);
      }
    }
    const directoryStart = offset;
    for (const central of centrals) write(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_SIGNATURE, 0);
    end.writeUInt16LE(centrals.length, 8);
    end.writeUInt16LE(centrals.length, 10);
    end.writeUInt32LE(offset - directoryStart, 12);
    end.writeUInt32LE(directoryStart, 16);
    write(end);
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
}
