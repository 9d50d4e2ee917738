/**
 * The main thread reads the workbook while the worker thread starts (about 60 ms: Node's
 * bootstrap of the thread, then the program loaded), and inflates on libuv's thread pool the
 * parts every command reads first (src/xlsx/firstReads.ts: the source tabs, the Pieces sheet,
 * the change log's snapshot, the shared strings and styles), under the limits the worker
 * would apply (XlsxPackage.inflateAhead). Nothing is copied: the file's bytes are shared with
 * the worker, the parts moved to it. It uses them only for the very file it opens, unchanged
 * since (src/xlsx/handedOver.ts); else it reads the file itself, as it always did.
 *
 * Nothing here reports anything: a file missing, unreadable, changing or not a workbook is
 * simply not handed over, and the worker finds out and says so itself.
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import type { MessagePort } from 'node:worker_threads';
import { firstReads } from '../xlsx/firstReads';
import { identityOf, sameIdentity } from '../xlsx/handedOver';
import type { FileIdentity } from '../xlsx/handedOver';
import { PACKAGE_INFLATE_CEILING, REL, XlsxPackage, inflatesAhead } from '../xlsx/package/package';
import { sheetList } from '../xlsx/package/sheetList';
import { readZip } from '../xlsx/package/zip';
import type { StoredEntry } from '../xlsx/package/zip';

/** From the main thread to the worker, on the port given for it (startWorker.ts). */
export type EarlyReadMessage =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'file';
      readonly file: string;
      readonly identity: FileIdentity;
      readonly bytes: Uint8Array;
      /** The parts being inflated: a 'part' message follows for each. */
      readonly parts: readonly string[];
    }
  | { readonly kind: 'part'; readonly name: string; readonly bytes: Uint8Array | null };

type FileMessage = Extract<EarlyReadMessage, { kind: 'file' }>;

/**
 * A file changed this recently may change again without its times showing it: Linux stamps
 * times from a clock that moves once a tick (up to 10 ms), and some file systems keep whole
 * seconds (FAT: two). A file whose times have no fraction of a millisecond is taken to be on
 * such a file system.
 */
const SETTLED_MS = 20;
const SETTLED_COARSE_MS = 3000;

/** Whether the file's times are old enough, at `now`, that a later change would show in them. */
export function settled(identity: FileIdentity, now: number): boolean {
  const fine = identity.mtimeMs % 1 !== 0 || identity.ctimeMs % 1 !== 0;
  const margin = fine ? SETTLED_MS : SETTLED_COARSE_MS;
  return Math.max(identity.mtimeMs, identity.ctimeMs) <= now - margin;
}

/**
 * How many parts inflate at once: one, so that the worker starting meanwhile keeps a core of
 * a two-core machine to itself.
 */
const LANES = 1;

/** The early read at work: whether it still is, and how to stop it (the worker is gone). */
export interface EarlyRead {
  busy(): boolean;
  stop(): void;
}

/**
 * Reads `file` and hands it over on `port`; always ends with a message the worker awaits,
 * then closes the port. `now`: the clock the file's times are judged by (settled).
 */
export function readEarly(
  file: string,
  port: MessagePort,
  now: () => number = Date.now,
): EarlyRead {
  let working = true;
  const out: Out = {
    stopped: false,
    post: (message, bytes) => post(port, message, bytes),
    close: () => {
      working = false;
      port.close();
    },
  };
  readAndHandOver(file, out, now);
  return {
    busy: () => working,
    stop: () => {
      out.stopped = true;
    },
  };
}

/** The port the messages go out on. */
interface Out {
  /** The worker is gone: nothing more is inflated. */
  stopped: boolean;
  post(message: EarlyReadMessage, bytes?: Buffer | null): boolean;
  close(): void;
}

function readAndHandOver(file: string, port: Out, now: () => number): void {
  const started = now();
  let descriptor: number;
  try {
    // Without waiting, whatever the file is: opening a FIFO waits for a writer.
    descriptor = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    finish(port, { kind: 'none' });
    return;
  }
  const done = (message: FileMessage | null, bytes?: Buffer) => {
    try {
      fs.closeSync(descriptor);
    } catch {
      // Read-only: nothing to lose.
    }
    if (message === null || bytes === undefined) finish(port, { kind: 'none' });
    else handOver(port, message, bytes);
  };
  try {
    const stats = fs.fstatSync(descriptor);
    const before = identityOf(stats);
    if (!stats.isFile() || before.size === 0 || !settled(before, started)) {
      done(null);
      return;
    }
    // Shared with the worker, not copied: the parts inflate from it here while the worker
    // reads it, and it is held once.
    const bytes = Buffer.from(new SharedArrayBuffer(before.size));
    readWhole(descriptor, bytes, 0, (error) => {
      try {
        const after = identityOf(fs.fstatSync(descriptor));
        if (error !== null || !sameIdentity(before, after)) done(null);
        else done({ kind: 'file', file, identity: before, bytes, parts: [] }, bytes);
      } catch {
        done(null);
      }
    });
  } catch {
    done(null);
  }
}

function readWhole(
  descriptor: number,
  bytes: Buffer,
  offset: number,
  then: (error: Error | null) => void,
): void {
  fs.read(descriptor, bytes, offset, bytes.length - offset, offset, (error, read) => {
    if (error) then(error);
    else if (read === 0) then(new Error('shorter than its size'));
    else if (offset + read < bytes.length) readWhole(descriptor, bytes, offset + read, then);
    else then(null);
  });
}

/** Sends the file's bytes, then each part as it is inflated. */
function handOver(port: Out, message: FileMessage, bytes: Buffer): void {
  let entries: StoredEntry[] = [];
  try {
    entries = partsReadFirst(bytes);
  } catch {
    // Not a package the worker will read: it says so itself.
  }
  const parts = entries.map((entry) => entry.name);
  if (!port.post({ ...message, parts })) {
    finish(port, { kind: 'none' });
    return;
  }
  if (entries.length === 0) port.close();
  let next = 0;
  let left = entries.length;
  const inflateNext = () => {
    const entry = entries[next++];
    if (entry === undefined) return;
    inflateInSteps(entry, () => port.stopped)
      .then((inflated) => {
        if (!port.post({ kind: 'part', name: entry.name, bytes: inflated }, inflated)) {
          port.post({ kind: 'part', name: entry.name, bytes: null });
        }
        left -= 1;
        if (left === 0) port.close();
        else inflateNext();
      })
      .catch(() => undefined);
  };
  for (let lane = 0; lane < LANES; lane += 1) inflateNext();
}

/** Compressed bytes inflated in one step on the pool: about 10 ms of work. */
const STEP = 1024 * 1024;

/**
 * A deflated part's bytes, as inflateEntryAsync gives them (null where it would refuse), but
 * inflated a step at a time, so that the process, which lets a step on libuv's pool finish
 * before it exits, need not wait for a whole part once `stopped` (a command that ended before
 * opening the workbook). The output is one buffer of the declared size plus one, as
 * zip.ts's inflateOptions make it: the steps' output chunks are slices of it, so no copy is
 * made; a part that inflates past its declared size is stopped there.
 */
export function inflateInSteps(
  entry: StoredEntry,
  stopped: () => boolean,
  step = STEP,
): Promise<Buffer | null> {
  const data = entry.local.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  const inflate = zlib.createInflateRaw({ chunkSize: Math.max(entry.size + 1, 64 * 1024) });
  const chunks: Buffer[] = [];
  let length = 0;
  return new Promise((resolve) => {
    const give = (bytes: Buffer | null) => {
      inflate.destroy();
      resolve(bytes);
    };
    inflate.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length > entry.size) give(null);
    });
    inflate.on('error', () => give(null));
    inflate.on('end', () => give(length === entry.size ? joined(chunks, length) : null));
    const feed = (at: number) => {
      if (stopped()) {
        give(null);
        return;
      }
      const end = Math.min(at + step, data.length);
      inflate.write(data.subarray(at, end), () => {
        if (end < data.length) feed(end);
        else inflate.end();
      });
    };
    feed(0);
  });
}

/** Chunks that are consecutive slices of one buffer as that buffer's view, else a copy. */
function joined(chunks: readonly Buffer[], length: number): Buffer {
  const first = chunks[0];
  if (first === undefined) return Buffer.alloc(0);
  let offset = first.byteOffset;
  for (const chunk of chunks) {
    if (chunk.buffer !== first.buffer || chunk.byteOffset !== offset) {
      return Buffer.concat(chunks, length);
    }
    offset += chunk.length;
  }
  return Buffer.from(first.buffer, first.byteOffset, length);
}

/**
 * The entries of the parts read first that the worker would inflate ahead, smallest first
 * (the worker reads the small tabs first, the Pieces sheet last);
 * none when the Pieces sheet is too big to inflate ahead (AHEAD_CEILING): the other parts of
 * such a ledger (22 MB of shared strings at a million rows) would wait in the worker's heap
 * until read, age there, and be let go too late (+20 MB at check --mark's peak), for a gain
 * of 1 % of the command's time.
 */
function partsReadFirst(bytes: Buffer): StoredEntry[] {
  const entries = readZip(bytes);
  const pkg = new XlsxPackage(entries);
  const workbookPart = pkg.workbookPart();
  const workbookXml = workbookPart === null ? null : pkg.readText(workbookPart);
  if (workbookPart === null || workbookXml === null) return [];
  const { pieces, tabs } = firstReads(sheetList(pkg, workbookPart, workbookXml));
  const piecesPart = pieces?.part.toLowerCase();
  const piecesEntry = entries.find((entry) => entry.name.toLowerCase() === piecesPart);
  if (piecesEntry && !inflatesAhead(piecesEntry)) return [];
  const names = new Set(
    [
      pieces?.part,
      ...tabs.map((tab) => tab.part),
      pkg.targets(workbookPart, REL.sharedStrings)[0],
      pkg.targets(workbookPart, REL.styles)[0],
    ]
      .filter((name): name is string => !!name)
      .map((name) => name.toLowerCase()),
  );
  let total = 0;
  return entries
    .filter((entry) => names.has(entry.name.toLowerCase()) && inflatesAhead(entry))
    .sort((a, b) => a.size - b.size)
    .filter((entry) => (total += entry.size) <= PACKAGE_INFLATE_CEILING);
}

/** Posts `message`, moving `bytes` (their memory goes with them); false if it could not be sent. */
function post(port: MessagePort, message: EarlyReadMessage, bytes?: Buffer | null): boolean {
  try {
    port.postMessage(message, bytes ? [bytes.buffer as ArrayBuffer] : []);
    return true;
  } catch {
    return false;
  }
}

function finish(port: Out, message: EarlyReadMessage): void {
  port.post(message);
  port.close();
}
