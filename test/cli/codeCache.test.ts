/**
 * The program's V8 code cache (src/cli/codeCache.ts), through the built command: written after
 * a first run, read and kept by the next, extended by a run of another command, and never a
 * reason for a command to fail or to run code it cannot trust (a damaged file, data V8 rejects,
 * a folder others may write to, a folder that cannot be made).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { BUILT_CLI, cliEnv, gongfang, tempFolder } from './helpers';

let folder: string;
beforeEach(() => {
  folder = tempFolder('gongfang-code-cache-');
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

const version = (cache: string) =>
  gongfang(['--version'], { cwd: folder, env: { GONGFANG_CODE_CACHE: cache } });

function cacheFiles(cache: string): string[] {
  return fs.existsSync(cache) ? fs.readdirSync(cache).map((name) => path.join(cache, name)) : [];
}

/** The one cache file in `cache`, with the commands it names. */
function theCache(cache: string): { file: string; bytes: Buffer; commands: string[] } {
  const files = cacheFiles(cache);
  expect(files).toHaveLength(1);
  const file = files[0] ?? '';
  const bytes = fs.readFileSync(file);
  const names = bytes.subarray(16, 16 + bytes.readUInt32LE(4)).toString('utf8');
  return { file, bytes, commands: names.split('\n') };
}

/** Whether a cache file's checksum matches what it holds. */
function whole(bytes: Buffer): boolean {
  return bytes.readUInt32LE(12) === zlib.crc32(bytes.subarray(16));
}

describe('the code cache', () => {
  test('is written by a first run, used as it is by the next, extended by another command', () => {
    const cache = path.join(folder, 'cache');
    const first = version(cache);
    expect(first.code).toBe(0);
    const written = theCache(cache);
    expect(written.file).toMatch(/program-[0-9a-f]{32}\.v8cache$/);
    expect(written.commands).toEqual(['--version']);
    if (typeof process.getuid === 'function') {
      expect(fs.statSync(cache).mode & 0o777).toBe(0o700);
      expect(fs.statSync(written.file).mode & 0o777).toBe(0o600);
    }
    // The next run of the same command takes the cache as it is.
    expect(version(cache).stdout).toBe(first.stdout);
    expect(theCache(cache).bytes.equals(written.bytes)).toBe(true);
    // Another command adds its code.
    const help = gongfang(['--help'], { cwd: folder, env: { GONGFANG_CODE_CACHE: cache } });
    expect(help.code).toBe(0);
    const extended = theCache(cache);
    expect(extended.commands).toEqual(['--version', '--help']);
    expect(extended.bytes.length).toBeGreaterThan(written.bytes.length);
  });

  test('a damaged file, or data V8 rejects, is not used but written again', () => {
    const cache = path.join(folder, 'cache');
    const first = version(cache);
    const { file, bytes } = theCache(cache);
    expect(whole(bytes)).toBe(true);
    // A byte of the code changed: the checksum no longer matches.
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 100] = (damaged[damaged.length - 100] ?? 0) ^ 0xff;
    fs.writeFileSync(file, damaged);
    expect(whole(damaged)).toBe(false);
    expect(version(cache)).toEqual(first);
    expect(whole(theCache(cache).bytes)).toBe(true);
    // Whole by our checksum, but not code V8 made: V8 rejects it.
    const names = Buffer.from('--version');
    const junk = Buffer.alloc(4096, 7);
    const header = Buffer.alloc(16);
    header.writeUInt32LE(0x43434647, 0);
    header.writeUInt32LE(names.length, 4);
    header.writeUInt32LE(junk.length, 8);
    header.writeUInt32LE(zlib.crc32(junk, zlib.crc32(names)), 12);
    const rejected = Buffer.concat([header, names, junk]);
    expect(whole(rejected)).toBe(true);
    fs.writeFileSync(file, rejected);
    expect(version(cache)).toEqual(first);
    const rewritten = theCache(cache).bytes;
    expect(whole(rewritten)).toBe(true);
    expect(rewritten.length).toBeGreaterThan(rejected.length);
  });

  test('writing a cache keeps the newest four and clears temporaries of runs gone, nothing else', () => {
    const cache = path.join(folder, 'cache');
    fs.mkdirSync(cache, { mode: 0o700 });
    const hour = 60 * 60 * 1000;
    const old = (name: string, hoursAgo: number) => {
      const file = path.join(cache, name);
      fs.writeFileSync(file, 'an older build', { mode: 0o600 });
      const at = new Date(Date.now() - hoursAgo * hour);
      fs.utimesSync(file, at, at);
    };
    // Caches of five older builds, newest first.
    const builds = [1, 2, 3, 4, 5].map((n) => `program-${String(n).repeat(32)}.v8cache`);
    builds.forEach((name, index) => old(name, index + 1));
    // A temporary of a run killed while writing (its process gone), and one being written.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    old(`program-${'a'.repeat(32)}.v8cache.${gone}-1.tmp`, 0);
    const fresh = `program-${'b'.repeat(32)}.v8cache.${process.pid}-1.tmp`;
    old(fresh, 0);
    // Written two hours before the process that has its number now started (Linux's /proc
    // says when): a killed run's, whose number was given again.
    if (process.platform === 'linux')
      old(`program-${'d'.repeat(32)}.v8cache.${process.pid}-2.tmp`, 2);
    old('notes.txt', 100);
    const foreign = `program-${'c'.repeat(32)}.v8cache`;
    old(foreign, 50);
    if (typeof process.getuid === 'function') fs.chmodSync(path.join(cache, foreign), 0o666);
    expect(version(cache).code).toBe(0);
    const left = fs.readdirSync(cache);
    const made = left.filter(
      (name) => name.endsWith('.v8cache') && !builds.includes(name) && name !== foreign,
    );
    expect(made).toHaveLength(1);
    const expected = [...builds.slice(0, 3), ...made, fresh, 'notes.txt'];
    // Not the user's own plain file (others may write to it): not touched.
    if (typeof process.getuid === 'function') expected.push(foreign);
    expect(left.sort()).toEqual(expected.sort());
  });

  test('a folder others may write to is neither read nor written', () => {
    if (typeof process.getuid !== 'function') return;
    const cache = path.join(folder, 'shared');
    fs.mkdirSync(cache);
    fs.chmodSync(cache, 0o777);
    expect(version(cache).code).toBe(0);
    expect(cacheFiles(cache)).toEqual([]);
  });

  test('a folder that cannot be made, or the cache off, leaves the command as it was', () => {
    const blocked = path.join(folder, 'a-file');
    fs.writeFileSync(blocked, '');
    const expected = version(path.join(folder, 'cache')).stdout;
    const run = version(path.join(blocked, 'cache'));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(expected);
    expect(run.stderr).toBe('');
    const off = version('off');
    expect(off.stdout).toBe(expected);
    expect(fs.readdirSync(folder).sort()).toEqual(['a-file', 'cache']);
  });

  test('with source maps on, the program is loaded as a module (its stack traces mapped), no cache', () => {
    const cache = path.join(folder, 'cache');
    const run = spawnSync(process.execPath, ['--enable-source-maps', BUILT_CLI, '--version'], {
      cwd: folder,
      encoding: 'utf8',
      env: cliEnv('en', { GONGFANG_CODE_CACHE: cache }),
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(version(path.join(folder, 'other')).stdout);
    expect(cacheFiles(cache)).toEqual([]);
  });
});
