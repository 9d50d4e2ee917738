/**
 * Runs the program's bundle (gongfang-worker.js, 750 KB) with V8's code cache: the compiled
 * code of an earlier run, so a command does not compile the bundle's functions again (the
 * cache is made at the end of a run, so it holds what that run compiled lazily too).
 *
 * The cache is a file per user in the system's temporary folder (the program's own folder may
 * be read-only), named by a hash of the bundle, Node's and V8's versions and the machine, and
 * written whole through a temporary file renamed over it. It names the commands whose runs it
 * holds the code of: the first run of another command writes it again, with that run's code
 * added (V8 keeps what it read from the cache), so it soon holds what every command compiles. It is only an optimisation: a cache
 * that cannot be read, written or trusted is not used, and the command runs as without it.
 * Writing one removes the oldest beyond CACHES_KEPT (pruneCaches).
 * Not trusted: a folder or file not the user's own or writable by others (code another user
 * planted would run as this one), a file whose checksum does not match (V8 does not check the
 * code it is handed), or data V8 itself rejects (script.cachedDataRejected). GONGFANG_CODE_CACHE
 * names another folder, or turns the cache off with "off". With source maps on (node
 * --enable-source-maps, for whoever is fixing the program) the bundle is loaded as a module,
 * without the cache: Node maps the stack traces of modules it loads, not of vm scripts.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { threadId } from 'node:worker_threads';
import * as zlib from 'node:zlib';
import { modifiedAt, namesIn, writerRunning } from '../xlsx/leftovers';

/** The CommonJS wrapper Node puts around a module (Module.wrap). */
const WRAP_START = '(function (exports, require, module, __filename, __dirname) { ';
const WRAP_END = '\n});';

/**
 * A cache file: "GFCC", the length of the commands' names, the length of V8's data, the CRC-32
 * of both; then the names (a line each) and the data.
 */
const MAGIC = 0x43434647;
const HEADER = 16;

/** The folder the cache lives in, or null when off. */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env): string | null {
  const setting = env.GONGFANG_CODE_CACHE;
  if (setting === 'off' || setting === '0') return null;
  if (setting) return path.resolve(setting);
  const user =
    typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username;
  return path.join(os.tmpdir(), `gongfang-${user}`);
}

/** Whether `stats` is the user's own and writable by no one else (always so on Windows). */
function ownedSafely(stats: fs.Stats): boolean {
  if (typeof process.getuid !== 'function') return true;
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

/** The cache's file for `source`, or null when off; creates its folder (0700) if needed. */
function cacheFile(source: Buffer, folder: string): string | null {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stats = fs.lstatSync(folder);
    if (!stats.isDirectory() || !ownedSafely(stats)) return null;
  } catch {
    return null;
  }
  const key = createHash('sha256')
    .update(`${process.version} ${process.versions.v8} ${process.arch} ${process.platform}\n`)
    .update(source)
    .digest('hex')
    .slice(0, 32);
  return path.join(folder, `program-${key}.v8cache`);
}

interface Cache {
  /** The commands whose runs the data holds the code of. */
  readonly commands: readonly string[];
  readonly data: Buffer;
}

/** The cache in `file`, if the file is there, the user's own, and whole. */
function readCache(file: string): Cache | undefined {
  try {
    const stats = fs.lstatSync(file);
    if (!stats.isFile() || !ownedSafely(stats)) return undefined;
    const bytes = fs.readFileSync(file);
    if (bytes.length < HEADER || bytes.readUInt32LE(0) !== MAGIC) return undefined;
    const namesLength = bytes.readUInt32LE(4);
    const rest = bytes.subarray(HEADER);
    if (namesLength + bytes.readUInt32LE(8) !== rest.length) return undefined;
    if (bytes.readUInt32LE(12) !== zlib.crc32(rest)) return undefined;
    const names = rest.subarray(0, namesLength).toString('utf8');
    return { commands: names.split('\n'), data: rest.subarray(namesLength) };
  } catch {
    return undefined;
  }
}

function writeCache(file: string, cache: Cache): void {
  const names = Buffer.from(cache.commands.join('\n'), 'utf8');
  const header = Buffer.alloc(HEADER);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(names.length, 4);
  header.writeUInt32LE(cache.data.length, 8);
  header.writeUInt32LE(zlib.crc32(cache.data, zlib.crc32(names)), 12);
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([header, names, cache.data]), {
      mode: 0o600,
      flag: 'wx',
    });
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true });
    return;
  }
  pruneCaches(path.dirname(file));
}

/** Caches kept in the folder: those of the programs (or Node versions) used most recently. */
export const CACHES_KEPT = 4;
const CACHE_NAME = /^program-[0-9a-f]{32}\.v8cache$/;
/** writeCache's temporary: the cache's name, the writing process and thread. */
const TEMPORARY_NAME = /^program-[0-9a-f]{32}\.v8cache\.(\d+)-\d+\.tmp$/;

/**
 * Each new build of the program, or another Node, has a cache of its own (about 1 MB): once
 * one is written, all but the CACHES_KEPT written last are removed, and the temporaries of
 * runs no longer running (killed while writing), so the folder does not grow with every
 * upgrade. Only the user's own plain files of these names are touched; a file that cannot be
 * removed is left.
 */
function pruneCaches(folder: string): void {
  const caches: { file: string; written: number }[] = [];
  for (const name of namesIn(folder)) {
    const isCache = CACHE_NAME.test(name);
    const writer = Number(TEMPORARY_NAME.exec(name)?.[1] ?? 0);
    const file = path.join(folder, name);
    if (!isCache && !(writer > 0 && !writerRunning(writer, modifiedAt(file)))) continue;
    try {
      const stats = fs.lstatSync(file);
      if (!stats.isFile() || !ownedSafely(stats)) continue;
      if (isCache) caches.push({ file, written: stats.mtimeMs });
      else fs.rmSync(file, { force: true });
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
  caches.sort((a, b) => b.written - a.written);
  for (const { file } of caches.slice(CACHES_KEPT)) {
    try {
      fs.rmSync(file, { force: true });
    } catch {
      // Left for the next run.
    }
  }
}

/**
 * Runs `file` (a CommonJS bundle) as Node would run it as a module, compiled from the cache
 * when there is one V8 accepts; leaves one for the next run at exit when there was none, or
 * when it did not hold `command`'s code yet.
 */
export function runWithCodeCache(
  file: string,
  command: string,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled === true) {
    createRequire(file)(file);
    return;
  }
  const bytes = fs.readFileSync(file);
  const folder = codeCacheFolder(env);
  const cacheAt = folder === null ? null : cacheFile(bytes, folder);
  const cache = cacheAt === null ? undefined : readCache(cacheAt);
  const source = bytes.toString('utf8');
  const script = new vm.Script(WRAP_START + source + WRAP_END, {
    filename: file,
    ...(cache ? { cachedData: cache.data } : {}),
  });
  const name = /^[\w-]{1,40}$/.test(command) ? command : '?';
  const usable = cache !== undefined && script.cachedDataRejected !== true;
  if (cacheAt !== null && !(usable && cache.commands.includes(name))) {
    const commands = usable ? [...cache.commands, name] : [name];
    process.once('exit', () => writeCache(cacheAt, { commands, data: script.createCachedData() }));
  }
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: { exports: unknown },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
}
