/**
 * The .xlsx package: its zip entries, the relationships between parts, the content types and
 * the workbook part's list of sheets. Parts Gongfang does not change are written back as they
 * were read (see zip.ts); changed and new parts are deflated afresh.
 */
import type { OutEntry, PartData, StoredEntry } from './zip';
import {
  deflateAhead,
  inflateEntry,
  inflateEntryAsync,
  inflateEntryChunks,
  inflateLimit,
  isStreamed,
  sizeText,
} from './zip';
import { PackageRefused, readingPart } from './refusal';
import type { InflatedParts } from '../handedOver';
import { attribute, escapeAttribute, findElement, findElements, withAttribute } from './xml';

export const REL = {
  officeDocument:
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings:
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
  drawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
} as const;

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
} as const;

export const RELATIONSHIPS_NS =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

/** Where a part's relationships live: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against its source part, as a package path without '/'. */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = source.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(decodeURIComponent(piece));
  }
  return parts.join('/');
}

/** The target of `part` as written in a relationship of `source`, relative when beside it. */
export function relativeTarget(source: string, part: string): string {
  const from = source.split('/').slice(0, -1);
  const to = part.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common += 1;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

interface Part {
  stored: StoredEntry | null;
  /** New content: its bytes, or the pieces they are written from (an edited sheet's). */
  content: PartData | null;
  /** The new content is dense (WriteOptions). */
  dense?: boolean;
}

export interface WriteOptions {
  /** Text that is mostly packed bytes (base64), which deflate packs by Huffman codes alone. */
  readonly dense?: boolean;
}

/** What all the parts read from one package may inflate to together (docs/xlsx.md). */
export const PACKAGE_INFLATE_CEILING = 1024 * 1024 * 1024;

/**
 * The biggest part inflated ahead: 64 MiB, a Pieces sheet of about 200,000 rows. A bigger one
 * is inflated when read, as before: inflated ahead, it has aged in the heap by the time it is
 * read, and V8 then kept its bytes to the end of the command (at a million rows, 312 MB more
 * at check's peak: 0.77 → 1.1 GB, past issue 19's 1 GB).
 */
export const AHEAD_CEILING = 64 * 1024 * 1024;

/** A part's bytes as read, to be inflated again: in chunks, or at once. */
export interface PartSource {
  readonly size: number;
  chunks(): AsyncIterable<Buffer>;
  whole(): Buffer;
}

/** A part inflated ahead: its bytes or the error met, or where they will come from. */
interface Ahead {
  buffer?: Buffer;
  error?: unknown;
  from?: InflatedParts;
}

/** Whether a part may be inflated before it is read: deflated, and within both limits. */
export function inflatesAhead(entry: StoredEntry): boolean {
  return (
    entry.method === 8 && entry.size <= Math.min(AHEAD_CEILING, inflateLimit(entry.compressedSize))
  );
}

/** The bytes of `entry` inflated elsewhere, if they have arrived and have its size. */
function handedOver(ahead: Ahead | undefined, entry: StoredEntry): Buffer | undefined {
  const bytes = ahead?.from?.take(entry.name);
  return bytes && bytes.length === entry.size ? bytes : undefined;
}

export class XlsxPackage {
  /** The workbook as messages name it. */
  readonly label: string;
  /** Part names in the order they are written: the source order, new parts at the end. */
  private readonly order: string[] = [];
  private readonly parts = new Map<string, Part>();
  private readonly lowerNames = new Map<string, string>();
  /** Parts inflated so far, and their declared sizes added up (each part counted once). */
  private readonly inflated = new Set<string>();
  private inflatedBytes = 0;
  /** Parts inflated ahead on the thread pool (inflateAhead), each handed out by the next read. */
  private readonly ahead = new Map<string, Ahead>();
  /** Parts whose bytes, once read, are held for one more read (keepForSecondRead). */
  private readonly keepNext = new Set<string>();
  private readonly kept = new Map<string, Buffer>();
  /** Where parts inflated elsewhere come from (takeInflated). */
  private handedFrom: InflatedParts | null = null;

  constructor(entries: readonly StoredEntry[], label = '') {
    this.label = label;
    for (const entry of entries) {
      this.order.push(entry.name);
      this.parts.set(entry.name, { stored: entry, content: null });
      this.lowerNames.set(entry.name.toLowerCase(), entry.name);
    }
  }

  /** Part names are case-insensitive in OPC; the name as stored. */
  private actual(name: string): string {
    return this.lowerNames.get(name.toLowerCase()) ?? name;
  }

  has(name: string): boolean {
    return this.parts.has(this.actual(name));
  }

  names(): readonly string[] {
    return this.order;
  }

  read(name: string): Buffer | null {
    const part = this.parts.get(this.actual(name));
    if (!part) return null;
    if (part.content) {
      if (Buffer.isBuffer(part.content)) return part.content;
      return Buffer.concat(isStreamed(part.content) ? part.content.pieces() : part.content);
    }
    return part.stored ? this.inflate(part.stored) : null;
  }

  private inflate(entry: StoredEntry): Buffer {
    return readingPart(this.label, entry.name, () => {
      if (!this.inflated.has(entry.name)) {
        this.inflated.add(entry.name);
        this.inflatedBytes += entry.size;
        if (this.inflatedBytes > PACKAGE_INFLATE_CEILING) {
          this.ahead.delete(entry.name);
          throw new PackageRefused(
            'tooLarge',
            entry.name,
            `${sizeText(this.inflatedBytes)} (all parts read)`,
          );
        }
      }
      const kept = this.kept.get(entry.name);
      this.kept.delete(entry.name);
      if (kept !== undefined) return kept;
      // Handed out once (a later read inflates again, as reads always did: nothing held twice);
      // a read before the thread pool is done inflates here, and the pool's result is dropped.
      const ahead = this.ahead.get(entry.name);
      this.ahead.delete(entry.name);
      if (ahead?.error !== undefined) throw ahead.error;
      const bytes = ahead?.buffer ?? handedOver(ahead, entry) ?? inflateEntry(entry);
      if (this.keepNext.delete(entry.name)) this.kept.set(entry.name, bytes);
      return bytes;
    });
  }

  /**
   * The next read of each of `names` holds its bytes for the read after (then lets go): a
   * command that reads a sheet and then edits it (check --mark: the Pieces sheet) inflates it
   * once, not twice — 45 ms at 100,000 rows. Parts over AHEAD_CEILING are not held (at a
   * million rows the 312 MB would stay in memory through the whole check).
   */
  keepForSecondRead(names: readonly string[]): void {
    for (const name of names) {
      const actual = this.actual(name);
      const entry = this.parts.get(actual)?.stored;
      if (entry && entry.size <= AHEAD_CEILING) this.keepNext.add(actual);
    }
  }

  /**
   * Starts inflating `names` on libuv's thread pool, so that a big part (a 100,000-row Pieces
   * sheet: 50 ms) inflates on the other core while this thread reads the others; the promise
   * settles when all have. Nothing is refused here: a part's bytes, or the error inflating it
   * met, are handed out by its next read, which counts it against the package's limit as a
   * read always did. Parts too big to inflate, or to hold ahead (AHEAD_CEILING), are left to
   * that read.
   */
  inflateAhead(names: readonly string[]): Promise<void> {
    const pending: Promise<void>[] = [];
    let bytes = this.inflatedBytes;
    for (const name of names) {
      const actual = this.actual(name);
      const part = this.parts.get(actual);
      const entry = part?.stored;
      if (!part || part.content || !entry || this.ahead.has(actual)) continue;
      if (!inflatesAhead(entry)) continue;
      bytes += entry.size;
      if (bytes > PACKAGE_INFLATE_CEILING) break;
      const result: { buffer?: Buffer; error?: unknown } = {};
      this.ahead.set(actual, result);
      pending.push(
        inflateEntryAsync(entry).then(
          (buffer) => {
            result.buffer = buffer;
          },
          (error: unknown) => {
            result.error = error ?? new Error('inflate');
          },
        ),
      );
    }
    const handed = names.map((name) => this.actual(name)).filter((name) => this.isHanded(name));
    if (this.handedFrom && handed.length > 0) pending.push(this.handedFrom.arrival(handed));
    // Then one turn of the event loop: node:zlib lets go of a finished inflate's output (its
    // handle's last write) only then, and a command runs synchronously from here on, so the
    // part would stay held to the end of it (+30 MB peak at 100,000 rows).
    return Promise.all(pending).then(() => new Promise((resolve) => setImmediate(resolve)));
  }

  /**
   * Parts inflated elsewhere from this package's own bytes (the command line's main thread:
   * src/xlsx/handedOver.ts), handed out by their next read as if inflated ahead here, and
   * awaited by the next inflateAhead. A part that would not be inflated ahead here, or whose
   * bytes do not have its declared size, is inflated by its read instead, as before.
   */
  takeInflated(parts: InflatedParts): void {
    this.handedFrom = parts;
    for (const name of parts.names) {
      const actual = this.actual(name);
      const entry = this.parts.get(actual)?.stored;
      if (!entry || this.ahead.has(actual) || !inflatesAhead(entry)) continue;
      this.ahead.set(actual, { from: parts });
    }
  }

  private isHanded(actual: string): boolean {
    return this.ahead.get(actual)?.from !== undefined;
  }

  /**
   * A read of the part as it inflates on libuv's thread pool, a chunk at a time (a sheet too
   * big to hold whole, scanned meanwhile: XlsxWorkbook.readInChunks), counted against the
   * package's limit as a read is. Null for a part written, not deflated, or that a read would
   * refuse for the package's limit: left to that read.
   */
  readInChunks(name: string): AsyncIterable<Buffer> | null {
    const actual = this.actual(name);
    const part = this.parts.get(actual);
    const entry = part?.stored;
    if (!part || part.content || !entry || entry.method !== 8) return null;
    if (!this.inflated.has(actual)) {
      if (this.inflatedBytes + entry.size > PACKAGE_INFLATE_CEILING) return null;
      this.inflated.add(actual);
      this.inflatedBytes += entry.size;
    }
    this.ahead.delete(actual);
    return inflateEntryChunks(entry);
  }

  readText(name: string): string | null {
    const data = this.read(name);
    if (!data) return null;
    const text = data.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /**
   * The part as read, inflated again in chunks as they are asked for (chunks), or at once
   * (whole): for an edit of a part too big to hold again (SheetEditor.streamed). Null for a part
   * written, removed or not deflated.
   */
  source(name: string): PartSource | null {
    const actual = this.actual(name);
    const part = this.parts.get(actual);
    const entry = part?.stored;
    if (!part || part.content || !entry || entry.method !== 8) return null;
    const label = this.label;
    return {
      size: entry.size,
      chunks: () => inflateEntryChunks(entry),
      whole: () => readingPart(label, entry.name, () => inflateEntry(entry)),
    };
  }

  /** New content for `name`: text, bytes, or pieces of bytes written one after the other. */
  write(name: string, content: string | PartData, options: WriteOptions = {}): void {
    const actual = this.actual(name);
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const dense = options.dense === true;
    const part = this.parts.get(actual);
    this.ahead.delete(actual);
    this.forget(actual);
    deflateAhead(data, dense);
    if (part) {
      part.content = data;
      part.dense = dense;
      return;
    }
    this.order.push(actual);
    this.parts.set(actual, { stored: null, content: data, dense });
    this.lowerNames.set(actual.toLowerCase(), actual);
  }

  /** A part written or removed: bytes held for a second read are no longer its bytes. */
  private forget(actual: string): void {
    this.keepNext.delete(actual);
    this.kept.delete(actual);
  }

  remove(name: string): void {
    const actual = this.actual(name);
    this.ahead.delete(actual);
    this.forget(actual);
    if (!this.parts.delete(actual)) return;
    this.order.splice(this.order.indexOf(actual), 1);
    this.lowerNames.delete(actual.toLowerCase());
  }

  /**
   * A part's compressed bytes as the file holds them, while this run leaves the part as it was
   * (they are then also the bytes written); null once it is written or removed, or if new.
   */
  storedData(name: string): { readonly method: number; readonly data: Buffer } | null {
    const part = this.parts.get(this.actual(name));
    const entry = part?.stored;
    if (!part || part.content !== null || !entry) return null;
    const data = entry.local.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    return { method: entry.method, data };
  }

  /** What writeZip needs: untouched entries as they were, the rest as new content. */
  entries(): OutEntry[] {
    return this.order.map((name) => {
      const part = this.parts.get(name) as Part;
      if (part.content === null && part.stored) return { kind: 'stored', entry: part.stored };
      const data = part.content ?? Buffer.alloc(0);
      return part.dense ? { kind: 'new', name, data, dense: true } : { kind: 'new', name, data };
    });
  }

  relationships(source: string): Relationship[] {
    const relsPath = relsPathOf(source);
    const text = this.readText(relsPath);
    if (!text) return [];
    return readingPart(this.label, relsPath, () => this.parseRelationships(text));
  }

  private parseRelationships(text: string): Relationship[] {
    return findElements(text, 'Relationship').map((element) => ({
      id: attribute(element.text, 'Id') ?? '',
      type: attribute(element.text, 'Type') ?? '',
      target: attribute(element.text, 'Target') ?? '',
      external: attribute(element.text, 'TargetMode') === 'External',
    }));
  }

  /** The parts `source` points at with relationships of `type`. */
  targets(source: string, type: string): string[] {
    return this.relationships(source)
      .filter((rel) => rel.type === type && !rel.external)
      .map((rel) => resolveTarget(source, rel.target));
  }

  /** Adds a relationship from `source` to `part`; returns its id. */
  addRelationship(source: string, type: string, part: string): string {
    const relsPath = relsPathOf(source);
    const text =
      this.readText(relsPath) ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const used = new Set(findElements(text, 'Relationship').map((e) => attribute(e.text, 'Id')));
    let number = used.size + 1;
    while (used.has(`rId${number}`)) number += 1;
    const id = `rId${number}`;
    const element = `<Relationship Id="${id}" Type="${type}" Target="${escapeAttribute(relativeTarget(source, part))}"/>`;
    this.write(relsPath, insertBeforeClose(text, 'Relationships', element));
    return id;
  }

  /** Removes the relationships of `source` whose ids are listed. */
  removeRelationships(source: string, ids: ReadonlySet<string>): void {
    const relsPath = relsPathOf(source);
    const text = this.readText(relsPath);
    if (!text) return;
    let updated = text;
    for (const element of findElements(text, 'Relationship').reverse()) {
      if (ids.has(attribute(element.text, 'Id') ?? '')) {
        updated = updated.slice(0, element.start) + updated.slice(element.end);
      }
    }
    this.write(relsPath, updated);
  }

  /** Declares the content type of a new part (an Override, unless its extension has a Default). */
  setContentType(part: string, type: string): void {
    const text = this.readText('[Content_Types].xml') ?? '';
    const extension = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
    for (const element of findElements(text, 'Default')) {
      if (
        (attribute(element.text, 'Extension') ?? '').toLowerCase() === extension &&
        attribute(element.text, 'ContentType') === type
      ) {
        return;
      }
    }
    const name = `/${part}`;
    for (const element of findElements(text, 'Override')) {
      if ((attribute(element.text, 'PartName') ?? '').toLowerCase() === name.toLowerCase()) {
        if (attribute(element.text, 'ContentType') === type) return;
        const updated = withAttribute(element.text, 'ContentType', type);
        this.write(
          '[Content_Types].xml',
          text.slice(0, element.start) + updated + text.slice(element.end),
        );
        return;
      }
    }
    const override = `<Override PartName="${escapeAttribute(name)}" ContentType="${type}"/>`;
    this.write('[Content_Types].xml', insertBeforeClose(text, 'Types', override));
  }

  /** Adds a Default content type for an extension when none is declared (e.g. vml). */
  setDefaultContentType(extension: string, type: string): void {
    const text = this.readText('[Content_Types].xml') ?? '';
    const known = findElements(text, 'Default').some(
      (element) => (attribute(element.text, 'Extension') ?? '').toLowerCase() === extension,
    );
    if (known) return;
    const element = `<Default Extension="${extension}" ContentType="${type}"/>`;
    this.write('[Content_Types].xml', insertBeforeClose(text, 'Types', element));
  }

  removeContentType(part: string): void {
    const text = this.readText('[Content_Types].xml') ?? '';
    const name = `/${part}`.toLowerCase();
    for (const element of findElements(text, 'Override')) {
      if ((attribute(element.text, 'PartName') ?? '').toLowerCase() === name) {
        this.write('[Content_Types].xml', text.slice(0, element.start) + text.slice(element.end));
        return;
      }
    }
  }

  /** A part name not yet used: `${stem}${n}${extension}` with the smallest free n ≥ 1. */
  freeName(stem: string, extension: string): string {
    for (let number = 1; ; number += 1) {
      const name = `${stem}${number}${extension}`;
      if (!this.has(name)) return name;
    }
  }

  /** The main workbook part, from the package relationships. */
  workbookPart(): string | null {
    const found = this.targets('', REL.officeDocument)[0];
    if (found) return found;
    // Some writers use the strict or an older namespace; the type ends the same way.
    const loose = this.relationships('').find((rel) => rel.type.endsWith('/officeDocument'));
    return loose ? resolveTarget('', loose.target) : null;
  }
}

/** `text` with `element` added just before the closing tag of `name` (or inside a self-closed one). */
export function insertBeforeClose(text: string, name: string, element: string): string {
  const close = new RegExp(`</((?:[A-Za-z_][\\w.-]*:)?${name})>\\s*$`).exec(text);
  if (close) return text.slice(0, close.index) + element + text.slice(close.index);
  const open = findElement(text, name);
  if (open && open.text.endsWith('/>')) {
    const tag = open.text.slice(0, -2);
    const qualified = /^<([\w.:-]+)/.exec(tag)?.[1] ?? name;
    return text.slice(0, open.start) + `${tag}>${element}</${qualified}>` + text.slice(open.end);
  }
  throw new Error(`no </${name}>`);
}
