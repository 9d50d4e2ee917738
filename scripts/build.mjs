#!/usr/bin/env node
/**
 * Builds everything Gongfang ships, with esbuild only:
 *
 *   dist/apps-script/Code.js          src/apps-script/entry.ts as one IIFE + a top-level
 *                                     function per export (Apps Script only sees those)
 *   dist/apps-script/<page>.html      each src/ui/<page>/ (index.html + main.ts + style.css)
 *                                     as one self-contained page
 *   dist/apps-script/appsscript.json  the manifest
 *   dist/cli/gongfang.js              src/cli/main.ts for Node 20 (skipped while it is missing)
 *   dist/cli/gongfang-main.js         src/cli/mainAfterStart.ts: the rest of the main thread
 *   dist/cli/gongfang-loader.js       src/cli/loaderMain.ts: the worker thread's first file
 *   dist/cli/gongfang-worker.js       src/cli/workerMain.ts: the program, in a worker thread
 *   dist/bench/bench.js               bench/bench.ts for Node
 *   dist/bench/floorProbe.js          bench/support/floorProbe.ts (the CLI bench's floor probe)
 *   dist/bench/without-change-log/    the command without the .xlsx change log (CLI bench)
 *
 * Every output is attempted; the script exits 1 if any failed, after saying which and why.
 *
 * `--status <file.json>` also writes which outputs failed (the jest global setup uses it).
 * `node scripts/build.mjs --page <folder> --out <file.html>` builds one page folder only
 * (the browser harness's own tests use it for a fixture page that is never shipped).
 */
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);

export const APPS_SCRIPT_DIR = at('dist', 'apps-script');
/** The bundle's one global; every wrapper function forwards to it. */
export const GLOBAL_NAME = '__gongfang';

/**
 * The CLI keeps its CommonJS runtime dependencies external (none today; exceljs is a dev dependency): installed beside it,
 * loaded by require. ESM-only ones (@noble/hashes, zod) are bundled instead, because a CommonJS
 * bundle can require() an ES module only from Node 20.19 on, and package.json allows any Node 20.
 */
function commonJsDependencies() {
  const names = Object.keys(
    JSON.parse(readFileSync(at('package.json'), 'utf8')).dependencies ?? {},
  );
  return names.filter((name) => {
    const manifest = at('node_modules', ...name.split('/'), 'package.json');
    return !existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).type !== 'module';
  });
}

/**
 * Apps Script V8 runs ES2019+ and has BigInt (the fingerprint's SHA-256 uses it), but no
 * Node globals: libraries that test process.env.NODE_ENV get a constant instead.
 * https://developers.google.com/apps-script/guides/v8-runtime
 */
/**
 * Leaves out message areas a bundle never shows: each becomes an empty table under the same
 * export name. The catalogue is one object, so without this every page and Code.js would carry
 * the command line's messages (and a page the server's).
 */
function messagesLeftOut(areas) {
  const pattern = new RegExp(`[\\/]messages[\\/](${areas.join('|')})$`);
  return {
    name: 'messages-left-out',
    setup(build) {
      build.onResolve({ filter: pattern }, (args) => ({
        path: path.join(args.resolveDir, `${args.path}.ts`),
        namespace: 'messages-left-out',
      }));
      build.onLoad({ filter: /.*/, namespace: 'messages-left-out' }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const name = /export const (\w+)\s*=\s*defineMessages/.exec(source)?.[1];
        if (!name) throw new Error(`${args.path}: no "export const … = defineMessages"`);
        return { contents: `export const ${name} = { 'zh-CN': {}, en: {} };`, loader: 'js' };
      });
    },
  };
}

/** The command line's messages: never shown by Apps Script or a page. */
const CLI_MESSAGES = ['cli', 'files', 'yearCli', 'monthCli'];
/**
 * The pages' own words (labels, buttons, what a page says as it works): never shown by the
 * server, so not in Code.js, which Apps Script parses at every menu click and server call.
 * test/integration/messagesShipped.test.ts holds every message Code.js names to what it keeps.
 */
const PAGE_MESSAGES = ['sidebarPages', 'monthDialogs'];
/**
 * The only message areas the command's main thread shows (src/cli/supervisor.ts, lostOutput.ts:
 * Ctrl-C's "Interrupted", an unexpected error, output lost); test/cli/mainThreadBundle.test.ts
 * holds every message it names to these. The whole catalogue made gongfang-main.js 241 KB, and
 * loading it took 17–19 ms before the early read could start, on a core the starting worker
 * shares (docs/performance.md, "Round twelve").
 */
export const MAIN_THREAD_MESSAGES = ['cli', 'files'];

/** Every message area but `kept` (src/i18n/messages/<area>.ts). */
function messageAreasBut(kept) {
  return readdirSync(at('src', 'i18n', 'messages'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => name.slice(0, -'.ts'.length))
    .filter((area) => !kept.includes(area));
}
/** Messages only the server shows (menus, alerts, reports, cell marks): not in a page. */
const SERVER_MESSAGES = [
  ...CLI_MESSAGES,
  'check',
  'menu',
  'month',
  'onEdit',
  'permissions',
  'roles',
  'selfTest',
  'setup',
  'validation',
  'year',
];

const appsScriptOptions = {
  plugins: [messagesLeftOut([...CLI_MESSAGES, ...PAGE_MESSAGES])],
  bundle: true,
  platform: 'neutral',
  target: 'es2019',
  supported: { bigint: true },
  mainFields: ['module', 'main'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'silent',
};

/** Names of entry's exports, from esbuild's own module graph (never from the source text). */
async function exportNames(entry) {
  const result = await esbuild.build({
    ...appsScriptOptions,
    entryPoints: [entry],
    format: 'esm',
    write: false,
    metafile: true,
    outdir: at('dist', '.exports'),
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  return output ? output.exports : [];
}

/**
 * Apps Script calls menu items, triggers and google.script.run targets by the names of
 * top-level function declarations only; names ending in '_' are private there, so they get
 * no wrapper. https://developers.google.com/apps-script/guides/html/reference/run
 */
export function topLevelWrappers(names) {
  return names
    .filter((name) => !name.endsWith('_'))
    .map((name) => `function ${name}(...args) {\n  return ${GLOBAL_NAME}.${name}(...args);\n}\n`)
    .join('');
}

function checkExportNames(names) {
  const bad = names.filter((name) => name === 'default' || !/^[A-Za-z_$][\w$]*$/.test(name));
  if (bad.length > 0) {
    throw new Error(
      `src/apps-script/entry.ts: exports ${bad.join(', ')} cannot become top-level functions; ` +
        'export named functions only.',
    );
  }
}

/** Every google.script.run endpoint must be a top-level function, i.e. exported by entry.ts. */
async function checkEndpointsReachable(entryExports) {
  const endpointsFile = at('src', 'apps-script', 'endpoints.ts');
  if (!existsSync(endpointsFile)) return;
  const missing = (await exportNames(endpointsFile)).filter(
    (name) => !name.endsWith('_') && !entryExports.includes(name),
  );
  if (missing.length > 0) {
    throw new Error(
      `src/apps-script/endpoints.ts exports ${missing.join(', ')}, which entry.ts does not ` +
        're-export: google.script.run could not call them.',
    );
  }
}

/**
 * Apps Script parses all of Code.js on every execution (each menu click, onOpen and
 * google.script.run call), so it is kept small (bench/support/sizeLimits.ts, test/integration/size.test.ts):
 * whitespace and syntax are minified, but names are not, so a stack trace in the execution log
 * still names our functions (at checkPieces (Code:312:40)); lines are kept short.
 */
export const CODE_JS_OPTIONS = {
  minifyWhitespace: true,
  minifySyntax: true,
  // Local names shortened, but every function keeps its own name (keepNames sets fn.name, which
  // is what V8 prints in a stack trace), so an Apps Script execution log still names ours.
  minifyIdentifiers: true,
  keepNames: true,
  lineLimit: 160,
};

async function buildCodeJs(outDir) {
  const entry = at('src', 'apps-script', 'entry.ts');
  const [names, bundle] = await Promise.all([
    exportNames(entry),
    esbuild.build({
      ...appsScriptOptions,
      ...CODE_JS_OPTIONS,
      entryPoints: [entry],
      format: 'iife',
      globalName: GLOBAL_NAME,
      write: false,
      metafile: true,
      outfile: path.join(outDir, 'Code.js'),
    }),
  ]);
  checkExportNames(names);
  await checkEndpointsReachable(names);
  // Which modules went in, and how many bytes each (outside the pushed folder).
  await mkdir(at('dist'), { recursive: true });
  await writeFile(at('dist', 'code-js-modules.json'), JSON.stringify(modulesIn(bundle.metafile)));
  const code = bundle.outputFiles[0].text;
  const header =
    '// Gongfang: built by scripts/build.mjs from src/apps-script/entry.ts. Do not edit.\n';
  const wrappers = `\n// Top-level functions for menus, triggers and google.script.run.\n${topLevelWrappers(names)}`;
  await writeFile(path.join(outDir, 'Code.js'), header + code + wrappers);
  return `Code.js (${names.length} exports)`;
}

function modulesIn(metafile) {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  return Object.fromEntries(
    Object.entries(output?.inputs ?? {}).map(([file, { bytesInOutput }]) => [file, bytesInOutput]),
  );
}

/** Keeps inlined code from closing or commenting out its own element. */
function escapeForInline(text, tag) {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1').replace(/<!--/g, '<\\!--');
}

function inlineInto(html, css, js) {
  const style = css.trim() ? `<style>\n${escapeForInline(css, 'style')}</style>` : '';
  const script = `<script>\n${escapeForInline(js, 'script')}</script>`;
  let page = html
    .replace(/<link\b[^>]*href=["']?(?:\.\/)?style\.css["']?[^>]*>/i, () => style)
    .replace(
      /<script\b[^>]*src=["']?(?:\.\/)?main\.(?:ts|js)["']?[^>]*>\s*<\/script>/i,
      () => script,
    );
  if (style && !page.includes(style)) {
    page = /<\/head>/i.test(page)
      ? page.replace(/<\/head>/i, () => `${style}\n</head>`)
      : style + page;
  }
  if (!page.includes(script)) {
    page = /<\/body>/i.test(page)
      ? page.replace(/<\/body>/i, () => `${script}\n</body>`)
      : page + script;
  }
  return page;
}

/** One page folder (index.html + main.ts [+ style.css]) → one self-contained .html file. */
export async function buildPage(pageDir, outFile) {
  const html = await readFile(path.join(pageDir, 'index.html'), 'utf8');
  const shared = {
    bundle: true,
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  };
  const script = await esbuild.build({
    ...shared,
    ...CODE_JS_OPTIONS,
    plugins: [messagesLeftOut(SERVER_MESSAGES)],
    entryPoints: [path.join(pageDir, 'main.ts')],
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    outdir: path.join(pageDir, '.out'),
    metafile: true,
  });
  const js = script.outputFiles
    .filter((f) => f.path.endsWith('.js'))
    .map((f) => f.text)
    .join('\n');
  // CSS imported from main.ts comes out beside the JS; style.css is bundled too unless imported.
  let css = script.outputFiles
    .filter((f) => f.path.endsWith('.css'))
    .map((f) => f.text)
    .join('\n');
  const styleFile = path.join(pageDir, 'style.css');
  const imported = Object.keys(script.metafile.inputs).some((p) => path.resolve(p) === styleFile);
  if (existsSync(styleFile) && !imported) {
    const style = await esbuild.build({
      ...shared,
      entryPoints: [styleFile],
      outdir: path.join(pageDir, '.out'),
    });
    css = `${style.outputFiles[0].text}\n${css}`;
  }
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, inlineInto(html, css, js));
  return path.basename(outFile);
}

/** Folders of src/ui that are pages (shared code lives in folders without index.html). */
export function pageFolders(uiDir = at('src', 'ui')) {
  if (!existsSync(uiDir)) return [];
  return readdirSync(uiDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(uiDir, entry.name))
    .filter(
      (dir) => existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'main.ts')),
    );
}

async function buildPages(outDir) {
  const pages = pageFolders();
  // An Apps Script project's files share one namespace whatever their type.
  const clash = pages.map((d) => path.basename(d)).filter((n) => /^(code|appsscript)$/i.test(n));
  if (clash.length > 0)
    throw new Error(`src/ui/${clash[0]}: a page may not be named like Code.js or appsscript.json`);
  await Promise.all(
    pages.map((dir) => buildPage(dir, path.join(outDir, `${path.basename(dir)}.html`))),
  );
  return `${pages.length} page(s)${pages.length ? `: ${pages.map((d) => path.basename(d)).join(', ')}` : ''}`;
}

async function copyManifest(outDir) {
  await copyFile(at('appsscript.json'), path.join(outDir, 'appsscript.json'));
  return 'appsscript.json';
}

const nodeOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: commonJsDependencies(),
  charset: 'utf8',
  legalComments: 'none',
  sourcemap: 'inline',
  logLevel: 'silent',
};

/**
 * The command is four files: gongfang.js, the few lines that start the worker thread,
 * gongfang-main.js, the rest of the main thread (the early read, the supervisor: signals,
 * clean-up), loaded once the worker is started, gongfang-worker.js, the program, run in the
 * worker thread, and gongfang-loader.js, the few lines that thread starts with (the program
 * with V8's code cache).
 */
async function buildCli() {
  const entry = at('src', 'cli', 'main.ts');
  if (!existsSync(entry)) return 'skipped dist/cli/gongfang.js: src/cli/main.ts does not exist yet';
  const worker = at('src', 'cli', 'workerMain.ts');
  const loader = at('src', 'cli', 'loaderMain.ts');
  const afterStart = at('src', 'cli', 'mainAfterStart.ts');
  const built = ['dist/cli/gongfang.js'];
  await Promise.all([
    ...(existsSync(afterStart)
      ? [
          esbuild
            .build({
              ...nodeOptions,
              entryPoints: [afterStart],
              outfile: at('dist', 'cli', 'gongfang-main.js'),
              sourcemap: 'linked',
              plugins: [messagesLeftOut(messageAreasBut(MAIN_THREAD_MESSAGES))],
            })
            .then(() => built.push('dist/cli/gongfang-main.js')),
        ]
      : []),
    ...(existsSync(loader)
      ? [
          esbuild
            .build({
              ...nodeOptions,
              entryPoints: [loader],
              outfile: at('dist', 'cli', 'gongfang-loader.js'),
              sourcemap: false,
            })
            .then(() => built.push('dist/cli/gongfang-loader.js')),
        ]
      : []),
    esbuild.build({
      ...nodeOptions,
      entryPoints: [entry],
      outfile: at('dist', 'cli', 'gongfang.js'),
      banner: { js: '#!/usr/bin/env node' },
      // The map beside the bundle, not inside it: Node then parses 0.5 MB at every command, not
      // 2.2 MB (about 25 ms a run); node --enable-source-maps still finds it.
      sourcemap: 'linked',
    }),
    ...(existsSync(worker)
      ? [
          esbuild
            .build({
              ...nodeOptions,
              entryPoints: [worker],
              outfile: at('dist', 'cli', 'gongfang-worker.js'),
              sourcemap: 'linked',
            })
            .then(() => built.push('dist/cli/gongfang-worker.js')),
        ]
      : []),
  ]);
  return built.join(', ');
}

/**
 * bench.ts imports 'gongfang:benches': one entry per bench/<area>.ts beside it, so an area's
 * bench joins `npm run bench` by existing.
 */
const benchModulesPlugin = {
  name: 'gongfang-benches',
  setup(build) {
    build.onResolve({ filter: /^gongfang:benches$/ }, () => ({
      path: 'benches',
      namespace: 'gongfang',
    }));
    build.onLoad({ filter: /.*/, namespace: 'gongfang' }, () => {
      const names = readdirSync(at('bench'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'bench.ts')
        .map((f) => f.slice(0, -'.ts'.length))
        .sort();
      const imports = names.map(
        (n, i) => `import * as m${i} from ${JSON.stringify(at('bench', `${n}.ts`))};`,
      );
      const list = names.map((n, i) => `{ name: ${JSON.stringify(n)}, run: m${i}.run }`);
      return {
        contents: `${imports.join('\n')}\nexport const benches = [${list.join(', ')}];\n`,
        loader: 'ts',
        resolveDir: at('bench'),
      };
    });
  },
};

async function buildBench() {
  await esbuild.build({
    ...nodeOptions,
    // The sidebars' bench drives chromium and bundles a page script: both stay installed tools.
    external: [...nodeOptions.external, 'playwright-core', 'esbuild'],
    plugins: [benchModulesPlugin],
    entryPoints: [at('bench', 'bench.ts')],
    outfile: at('dist', 'bench', 'bench.js'),
  });
  // The CLI bench's floor probe runs as a child process of its own, beside the commands.
  const probe = at('bench', 'support', 'floorProbe.ts');
  if (!existsSync(probe)) return 'dist/bench/bench.js (no bench/support/floorProbe.ts)';
  await esbuild.build({
    ...nodeOptions,
    entryPoints: [probe],
    outfile: at('dist', 'bench', 'floorProbe.js'),
  });
  const without = await buildWithoutChangeLog();
  return `dist/bench/bench.js, dist/bench/floorProbe.js${without}`;
}

/**
 * The command with the .xlsx change log taken out (bench/support/noChangeLog.ts in place of
 * src/cli/audit.ts), in a folder of its own: the CLI bench runs generate with and without the
 * change log side by side. Bench only: the product has no switch to turn the change log off.
 */
async function buildWithoutChangeLog() {
  const stub = at('bench', 'support', 'noChangeLog.ts');
  const changeLog = at('src', 'cli', 'audit.ts');
  if (!existsSync(stub) || !existsSync(changeLog)) return '';
  const withoutChangeLog = {
    name: 'without-change-log',
    setup(build) {
      build.onResolve({ filter: /[\\/]audit$/ }, (args) =>
        path.join(args.resolveDir, `${args.path}.ts`) === changeLog ? { path: stub } : undefined,
      );
    },
  };
  const folder = at('dist', 'bench', 'without-change-log');
  await Promise.all(
    [
      ['main.ts', 'gongfang.js'],
      ['mainAfterStart.ts', 'gongfang-main.js'],
      ['loaderMain.ts', 'gongfang-loader.js'],
      ['workerMain.ts', 'gongfang-worker.js'],
    ].map(([entry, outfile]) =>
      esbuild.build({
        ...nodeOptions,
        plugins: [withoutChangeLog],
        entryPoints: [at('src', 'cli', entry)],
        outfile: path.join(folder, outfile),
        sourcemap: false,
      }),
    ),
  );
  return ', dist/bench/without-change-log/';
}

function describe(error) {
  if (error && Array.isArray(error.errors) && error.errors.length > 0) {
    return error.errors
      .map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text))
      .join('\n  ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Replaces folder `target` by `staging` (retrying if a concurrent build swapped first). */
async function swapIn(staging, target) {
  for (let attempt = 0; ; attempt++) {
    await rm(target, { recursive: true, force: true });
    try {
      await rename(staging, target);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Builds every output; returns one line per output, and which failed. */
export async function buildAll() {
  const started = Date.now();
  // The pushed folder is built afresh beside the old one, then swapped in whole: stale files
  // are never pushed, and tests reading it meanwhile never see it half-written.
  const staging = at('dist', `.apps-script-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const pushed = { 'Code.js': buildCodeJs, pages: buildPages, manifest: copyManifest };
  const steps = { ...pushed, cli: buildCli, bench: buildBench };
  const results = await Promise.allSettled(Object.values(steps).map((step) => step(staging)));
  const names = Object.keys(steps);
  const lines = results.map((r, i) =>
    r.status === 'fulfilled' ? `  ok   ${r.value}` : `  FAIL ${names[i]}: ${describe(r.reason)}`,
  );
  const failed = Object.fromEntries(
    results.flatMap((r, i) => (r.status === 'rejected' ? [[names[i], describe(r.reason)]] : [])),
  );
  if (Object.keys(failed).some((name) => name in pushed)) {
    // A half-built project must never be pushed: leave no folder at all.
    await rm(APPS_SCRIPT_DIR, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  } else {
    await swapIn(staging, APPS_SCRIPT_DIR);
  }
  return {
    ok: results.every((r) => r.status === 'fulfilled'),
    lines,
    failed,
    ms: Date.now() - started,
  };
}

async function main(argv) {
  const pageAt = argv.indexOf('--page');
  if (pageAt >= 0) {
    const outAt = argv.indexOf('--out');
    if (outAt < 0 || !argv[pageAt + 1] || !argv[outAt + 1]) {
      console.error('usage: node scripts/build.mjs --page <folder> --out <file.html>');
      return 2;
    }
    await buildPage(path.resolve(argv[pageAt + 1]), path.resolve(argv[outAt + 1]));
    return 0;
  }
  const { ok, lines, failed, ms } = await buildAll();
  const report = `gongfang build ${ok ? 'done' : 'FAILED'} in ${ms} ms\n${lines.join('\n')}`;
  console.log(report);
  const statusAt = argv.indexOf('--status');
  if (statusAt >= 0 && argv[statusAt + 1]) {
    // For the test run: which outputs failed, so only the suites that need them fail.
    await mkdir(path.dirname(path.resolve(argv[statusAt + 1])), { recursive: true });
    await writeFile(
      path.resolve(argv[statusAt + 1]),
      JSON.stringify({ ok, failed, report }, null, 2),
    );
  }
  return ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(describe(error));
      process.exitCode = 1;
    },
  );
}
