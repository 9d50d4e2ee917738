/**
 * The built Apps Script project as it is pushed: what is in dist/apps-script, and what
 * Code.js defines when Apps Script loads it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { createEmulator } from '../emulator';
import {
  APPS_SCRIPT_DIR,
  BUNDLE_GLOBAL,
  ROOT,
  loadBundle,
  namesDefinedBy,
  readCodeJs,
  requireBuilt,
} from '../support/bundle';

/** entry.ts's export names, from esbuild's module graph (independently of the build script). */
async function entryExports(): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src', 'apps-script', 'entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    outdir: path.join(ROOT, 'dist', '.test-exports'),
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  if (!output) throw new Error('esbuild reported no entry output');
  return output.exports;
}

/**
 * Calls of Node-only globals: require('x') (or esbuild's __require shim), process.…,
 * setTimeout(…) — not members of our own objects (this.require(…), which the build's short
 * lines may break after the dot) nor method definitions.
 */
const NODE_ONLY =
  /(?<![.\w$]\s*)(?:(?:__)?require\((?![^)]*\)\s*\{)|process\.|setTimeout\((?![^)]*\)\s*\{))/g;

/** The modules esbuild bundled into Code.js, as the build lists them (dist/, not pushed). */
function modulesOfCodeJs(): string[] {
  readCodeJs();
  const file = path.join(ROOT, 'dist', 'code-js-modules.json');
  return Object.keys(JSON.parse(readFileSync(file, 'utf8')));
}

beforeAll(requireBuilt);

describe('the pushed folder', () => {
  it('holds only Code.js, appsscript.json and .html pages', () => {
    const files = readdirSync(APPS_SCRIPT_DIR, { recursive: true }).map(String);
    expect(files).toContain('Code.js');
    expect(files).toContain('appsscript.json');
    const others = files.filter((f) => f !== 'Code.js' && f !== 'appsscript.json');
    for (const file of others) expect(file).toMatch(/^[\w-]+\.html$/);
  });

  it('ships the manifest unchanged, with V8, the time zone and the four scopes', () => {
    const shipped = JSON.parse(readFileSync(path.join(APPS_SCRIPT_DIR, 'appsscript.json'), 'utf8'));
    expect(shipped).toEqual(JSON.parse(readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')));
    expect(shipped).toMatchObject({ runtimeVersion: 'V8', timeZone: 'Asia/Shanghai' });
    expect([...shipped.oauthScopes].sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      // The edit audit's installable triggers: ScriptApp (issue 20; docs/roles.md).
      'https://www.googleapis.com/auth/script.scriptapp',
      // Not spreadsheets.currentonly: partner reports create and open spreadsheets of their
      // own (SpreadsheetApp.create / openById), see docs/partners.md.
      'https://www.googleapis.com/auth/spreadsheets',
      // Who closed a month: Session.getActiveUser().getEmail() (issue 7; docs/month.md).
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
  });
});

describe('Code.js', () => {
  it('declares one top-level function per public export of entry.ts, and nothing else', async () => {
    const exports = await entryExports();
    const publicExports = exports.filter((name) => !name.endsWith('_'));
    expect(publicExports.length).toBeGreaterThan(0);
    const emulator = createEmulator();
    const context = loadBundle(emulator);
    const defined = namesDefinedBy(context);
    const functions = defined.filter((name) => typeof context[name] === 'function');
    expect(functions.sort()).toEqual([...publicExports].sort());
    // Besides the bundle itself, only known library state: zod 4 keeps its global config and
    // schema registry on globalThis (__zod_globalConfig, __zod_globalRegistry).
    const others = defined.filter((name) => typeof context[name] !== 'function');
    for (const name of others) expect(name).toMatch(new RegExp(`^(${BUNDLE_GLOBAL}|__zod_\\w+)$`));
    const bundle = context[BUNDLE_GLOBAL] as Record<string, unknown>;
    for (const name of publicExports) {
      // The wrapper always exists; what it forwards to must be a function too.
      expect({ name, wrapper: typeof context[name], export: typeof bundle[name] }).toEqual({
        name,
        wrapper: 'function',
        export: 'function',
      });
    }
    for (const name of exports.filter((n) => n.endsWith('_')))
      expect(context[name]).toBeUndefined();
  });

  it('the top-level functions forward their arguments and results to the bundle', () => {
    const context = loadBundle(createEmulator());
    const names = Object.keys(context[BUNDLE_GLOBAL] as object);
    expect(names.length).toBeGreaterThan(0);
    // Swap the bundle for a recorder, then call every top-level function.
    const seen: unknown[] = [];
    context[BUNDLE_GLOBAL] = Object.fromEntries(
      names.map((name) => [name, (...args: unknown[]) => (seen.push([name, args]), `${name}!`)]),
    );
    for (const name of names.filter((n) => !n.endsWith('_'))) {
      expect(context[name]({ source: 'menu' }, 2)).toBe(`${name}!`);
      expect(seen.pop()).toEqual([name, [{ source: 'menu' }, 2]]);
    }
  });

  it('loads without calling any service (the global scope runs on every execution)', () => {
    const emulator = createEmulator();
    loadBundle(emulator);
    expect(emulator.calls.total()).toBe(0);
  });

  it('uses no Node globals: loading defines no require/process/module/Buffer/setTimeout', () => {
    const emulator = createEmulator();
    const context = loadBundle(emulator);
    for (const name of [
      'require',
      'process',
      'module',
      'exports',
      'Buffer',
      'setTimeout',
      'global',
    ]) {
      expect(name in context).toBe(false);
    }
  });

  it('calls no require(, process. or setTimeout( (none exist in Apps Script)', () => {
    // The whole file, libraries included (the build keeps no comments).
    expect(readCodeJs().match(NODE_ONLY)).toBeNull();
  });

  it('bundles zod/mini only: no classic zod, no locale texts (every run parses the file)', () => {
    const modules = modulesOfCodeJs();
    expect(modules).toContain('src/apps-script/entry.ts');
    const zod = modules.filter((file) => file.startsWith('node_modules/zod/'));
    expect(zod.length).toBeGreaterThan(0);
    expect(zod.filter((file) => /\/(classic|locales)\//.test(file))).toEqual([]);
  });

  it('keeps our names and short lines, so Apps Script stack traces are useful', () => {
    const code = readCodeJs();
    const lines = code.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(1000);
    // Local names are shortened; keepNames gives each function its own name back (fn.name),
    // which V8 prints in stack traces (next test).
    expect(code).toContain('"defineMessages")');
  });

  it('names our functions in a stack trace from the built bundle', () => {
    // Without SpreadsheetApp, Set up fails inside runOperation: the trace must say so.
    const context = vm.createContext({});
    vm.runInContext(readCodeJs(), context);
    const stack = vm.runInContext(
      `(() => { try { setUpWorkbook(); return ''; } catch (e) { return String(e.stack); } })()`,
      context,
    ) as string;
    expect(stack).toContain('at runOperation');
  });
});
