/**
 * A workbook's bytes read before the program asked for them: the command line's main thread
 * reads the workbook named on the command line, and inflates the parts read first, while the
 * worker thread the program runs in is still starting (src/cli/earlyRead.ts). XlsxWorkbook.open
 * takes them only for the file it opens itself, and only if that file is still the one that
 * was read — same device, inode, size, modification and change times, compared once the
 * command holds its lock — else it reads the file afresh, as without them.
 */
import type * as fs from 'node:fs';

export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

export function identityOf(stats: fs.Stats): FileIdentity {
  const { dev, ino, size, mtimeMs, ctimeMs } = stats;
  return { dev, ino, size, mtimeMs, ctimeMs };
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return (
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.ctimeMs === b.ctimeMs
  );
}

/** Parts inflated elsewhere, arriving one by one. */
export interface InflatedParts {
  readonly names: readonly string[];
  /**
   * The part's bytes if they have arrived (looked for at once, without waiting), handed out
   * once; null when they were not inflated, undefined when not there yet.
   */
  take(name: string): Buffer | null | undefined;
  /** Settles once each of `names` has arrived (or will not). */
  arrival(names: readonly string[]): Promise<void>;
}

export interface HandedOver {
  /** The file as it was while its bytes were read. */
  readonly identity: FileIdentity;
  readonly bytes: Buffer;
  readonly parts: InflatedParts;
}

type Source = (file: string) => Promise<HandedOver | null>;

let source: Source | null = null;

/** Where XlsxWorkbook.open asks for a file's bytes read early; null: nowhere (the default). */
export function handOverFrom(next: Source | null): void {
  source = next;
}

/** The bytes read early of `file` (an absolute path), if any: handed out once. */
export function takeHandedOver(file: string): Promise<HandedOver | null> {
  return source === null ? Promise.resolve(null) : source(file);
}
