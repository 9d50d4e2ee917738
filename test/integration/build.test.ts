/**
 * scripts/build.mjs itself, run on small throw-away projects (its own copy beside them), so each
 * rule of the build is seen to hold and to fail loudly.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { ROOT } from '../support/bundle';

const projects: string[] = [];

/** A project with the real build script, manifest, bench runner and node_modules. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongfang-build-'));
  projects.push(dir);
  for (const file of ['scripts/build.mjs', 'package.json', 'appsscript.json', 'bench/bench.ts']) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(dir, file));
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function build(dir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const ENTRY = `
export function onOpen(e: unknown) { return ['opened', e]; }
export const checkData = (...args: unknown[]) => args.length;
export function helper_() { return 'private'; }
export { ping } from './endpoints';
`;
const ENDPOINTS = `export function ping(n: number) { return n + 1; }\n`;
const PAGE = {
  'src/ui/report/index.html': '<html><head></head><body><p id="p"></p></body></html>',
  'src/ui/report/main.ts': "document.getElementById('p')!.textContent = 'ok';\n",
  'src/ui/report/style.css': 'p { color: red; }\n',
  'src/ui/shared/lib.ts': 'export const shared = 1;\n',
};

afterAll(() => {
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

describe('scripts/build.mjs', () => {
  it('builds Code.js with a top-level function per public export, pages and the manifest', () => {
    const dir = project({
      'src/apps-script/entry.ts': ENTRY,
      'src/apps-script/endpoints.ts': ENDPOINTS,
      ...PAGE,
      'dist/apps-script/stale.html': 'from an older build',
    });
    const { status, output } = build(dir);
    expect({ status, output }).toEqual({
      status: 0,
      output: expect.stringContaining('build done'),
    });
    const pushed = path.join(dir, 'dist', 'apps-script');
    expect(readdirSync(pushed).sort()).toEqual(['Code.js', 'appsscript.json', 'report.html']);

    const context = vm.createContext({});
    vm.runInContext(readFileSync(path.join(pushed, 'Code.js'), 'utf8'), context);
    expect(context.onOpen(7)).toEqual(['opened', 7]);
    expect(context.checkData(1, 2, 3)).toBe(3);
    expect(context.ping(1)).toBe(2);
    expect(context.helper_).toBeUndefined();
    expect(context.__gongfang.helper_()).toBe('private');

    const page = readFileSync(path.join(pushed, 'report.html'), 'utf8');
    expect(page).toMatch(/<style>[\s\S]*color: red[\s\S]*<\/style>\s*<\/head>/);
    expect(page).toMatch(/<script>[\s\S]*textContent ?= ?"ok"[\s\S]*<\/script>\s*<\/body>/);
  });

  it('notes that the CLI is skipped while src/cli/main.ts is missing, and builds it once present', () => {
    const dir = project({
      'src/apps-script/entry.ts': ENTRY,
      'src/apps-script/endpoints.ts': ENDPOINTS,
    });
    expect(build(dir).output).toContain('skipped dist/cli/gongfang.js');
    mkdirSync(path.join(dir, 'src', 'cli'), { recursive: true });
    writeFileSync(path.join(dir, 'src', 'cli', 'main.ts'), "console.log('cli ran');\n");
    expect(build(dir).status).toBe(0);
    const ran = spawnSync(process.execPath, [path.join(dir, 'dist', 'cli', 'gongfang.js')], {
      encoding: 'utf8',
    });
    expect(ran.stdout).toBe('cli ran\n');
  });

  it('fails, pushing nothing, when an endpoint is not re-exported by entry.ts', () => {
    const dir = project({
      'src/apps-script/entry.ts': ENTRY,
      'src/apps-script/endpoints.ts': `${ENDPOINTS}export function pong() { return 0; }\n`,
      'dist/apps-script/Code.js': 'an older build',
    });
    const { status, output } = build(dir);
    expect(status).toBe(1);
    expect(output).toContain('endpoints.ts exports pong, which entry.ts does not re-export');
    expect(existsSync(path.join(dir, 'dist', 'apps-script'))).toBe(false);
  });

  it.each([
    ['a default export', `${ENTRY}export default function main() {}\n`, 'exports default'],
    [
      'a Node built-in',
      `import { readFileSync } from 'node:fs';\nexport const f = () => readFileSync;\n`,
      'node:fs',
    ],
  ])('fails on %s in the Apps Script entry', (_what, entry, message) => {
    const dir = project({ 'src/apps-script/entry.ts': entry, 'src/apps-script/endpoints.ts': '' });
    const { status, output } = build(dir);
    expect(status).toBe(1);
    expect(output).toContain(message);
  });

  it('refuses a page named like Code.js (Apps Script file names share one namespace)', () => {
    const dir = project({
      'src/apps-script/entry.ts': ENTRY,
      'src/apps-script/endpoints.ts': ENDPOINTS,
      'src/ui/Code/index.html': '<p></p>',
      'src/ui/Code/main.ts': 'export {};\n',
    });
    expect(build(dir)).toEqual({ status: 1, output: expect.stringContaining('src/ui/Code') });
  });

  it('runs every bench/<area>.ts that exports run(), and only the named ones when asked', () => {
    const dir = project({
      'src/apps-script/entry.ts': ENTRY,
      'src/apps-script/endpoints.ts': ENDPOINTS,
      'bench/benches.d.ts': readFileSync(path.join(ROOT, 'bench', 'benches.d.ts'), 'utf8'),
      'bench/alpha.ts': "export async function run() { console.log('alpha measured'); }\n",
      'bench/beta.ts': "export function run() { console.log('beta measured'); }\n",
    });
    expect(build(dir).status).toBe(0);
    const bench = (...names: string[]) =>
      spawnSync(process.execPath, [path.join(dir, 'dist', 'bench', 'bench.js'), ...names], {
        encoding: 'utf8',
      });
    const all = bench();
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/== alpha ==\nalpha measured[\s\S]*== beta ==\nbeta measured/);
    const one = bench('beta');
    expect(one.stdout).not.toContain('alpha');
    expect(bench('gamma').status).toBe(2);
  });

  // exceljs's streaming writer calls new Buffer(); bundled into bench.js, Node printed DEP0005.
  it("prints no dependency's Buffer() deprecation among the figures; other warnings still", () => {
    const dir = project({
      'src/apps-script/entry.ts': ENTRY,
      'src/apps-script/endpoints.ts': ENDPOINTS,
      'bench/benches.d.ts': readFileSync(path.join(ROOT, 'bench', 'benches.d.ts'), 'utf8'),
      'bench/stream.ts': `import * as path from 'node:path';
import { stream } from 'exceljs';
export async function run() {
  const writer = new stream.xlsx.WorkbookWriter({ filename: path.join(__dirname, 'big.xlsx') });
  const sheet = writer.addWorksheet('Pieces');
  sheet.addRow(['R001', 12]).commit();
  sheet.commit();
  await writer.commit();
  process.emitWarning('ours', 'Warning', 'OWN1');
  console.log('written');
}
`,
    });
    expect(build(dir).status).toBe(0);
    const run = spawnSync(process.execPath, [path.join(dir, 'dist', 'bench', 'bench.js')], {
      encoding: 'utf8',
    });
    expect(run.stdout).toContain('written');
    expect(run.stderr).not.toContain('DEP0005');
    expect(run.stderr).toContain('[OWN1] Warning: ours');
  });
});
