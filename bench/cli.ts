/**
 * The `gongfang` command on big workbooks (issue 19), measured against a floor probe — the
 * least work any .xlsx editor must do (bench/support/floorProbe.ts) — and against exceljs and
 * SheetJS reading and writing the same file, side by side in one run.
 *
 * Every command runs as a child process (node startup included, as staff run it), on a fresh
 * copy of the workbook as staff have it after its first month — one `generate` has run on it, so
 * its change log (issue 20) is under way — reporting its wall time, CPU time and peak resident
 * set size. The first run on a workbook the change log has never seen (it writes every row's
 * snapshot once) is measured beside them as `generate, first run`, without a target. The
 * commands are run in rounds (each once per round, in turn) so that a change in the machine's
 * load falls on all of them alike; each one's best of the rounds is compared with the floor
 * probe's best, and the load average is printed beside the table.
 *
 * At 100,000 rows it then measures the .xlsx change log (issue 20): generate with and without
 * it on a workbook whose log is under way, and after 1,000 rows changed (changeLogBench).
 *
 * Sizes: 100,000 Pieces rows by default. GONGFANG_BENCH_ROWS=100000,1000000 adds the ten-year
 * ledger of a million rows (the peers are left out there: exceljs alone would need about 13 GB).
 * GONGFANG_BENCH_ROUNDS (default 3) sets the rounds; GONGFANG_BENCH_CHANGE_LOG_ONLY=1 measures
 * only the change log; GONGFANG_BENCH_KEEP=DIR keeps a copy of each
 * workbook built there (to profile a command on it).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stream } from 'exceljs';
import JSZip from 'jszip';
import {
  ADJUSTMENT_HEADER,
  ORDER_HEADER,
  PARTNER_HEADER,
  PIECE_HEADER,
  RESIDENT_HEADER,
  SETTING_HEADER,
} from '../test/support/ledgerSheets';

const MONTH = '2026-11';
const TODAY = '2026-11-28';
const PARTNERS = 5;
/** The issue's targets: ratio to the floor probe (wall time, best of the rounds) and peak RSS. */
const TARGETS_100K: Record<string, { ratio: number; mb?: number }> = {
  generate: { ratio: 2.0, mb: 256 },
  check: { ratio: 1.5 },
  'check --mark': { ratio: 2.5 },
  close: { ratio: 2.5 },
  partners: { ratio: 2.5 },
};
const TARGET_1M = { ratio: 2.5, mb: 1024 };
/** Peers are measured up to this size. */
const PEERS_UP_TO = 100_000;

interface LedgerShape {
  readonly pieceRows: number;
  readonly residents: number;
  readonly orders: number;
  /** The month of piece row i, as [year, month]. */
  readonly monthOf: (i: number) => [number, number];
}

const residentId = (i: number) => `R${String(i + 1).padStart(3, '0')}`;
const orderId = (i: number) => `O${String(i + 1).padStart(3, '0')}`;
const partnerId = (i: number) => `P${String(i + 1).padStart(2, '0')}`;

/**
 * 100,000 rows: three months, most of them in the month generated (the workbook of issue 7).
 * 1,000,000 rows: a ten-year ledger, 120 months ending with the month generated.
 */
export function shapeOf(pieceRows: number): LedgerShape {
  if (pieceRows <= 100_000) {
    return {
      pieceRows,
      residents: 200,
      orders: 20,
      monthOf: (i) => [2026, i % 5 === 0 ? 9 : i % 5 === 1 ? 10 : 11],
    };
  }
  return {
    pieceRows,
    residents: 600,
    orders: 120,
    monthOf: (i) => {
      const months = Math.floor((i * 120) / pieceRows); // 0 … 119, in order
      const index = 2016 * 12 + 11 + months; // 2016-12 … 2026-11
      return [Math.floor(index / 12), (index % 12) + 1];
    },
  };
}

/** A deterministic PRNG, so that every run builds the same workbook. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Written with exceljs's streaming writer, shared strings on as Excel saves them. One row in 997
 * outside the month has more rejected than completed pieces, so `check --mark` has cells to mark
 * and `close` still closes the month. Days, people, orders and counts are drawn at random (seeded):
 * rows that repeat with a period made 94,559 "looks like a duplicate" warnings out of 100,000 rows,
 * which no ledger has; drawn at random, about a hundred remain.
 */
export async function writeBigLedger(
  file: string,
  shape: LedgerShape,
  /** Rows whose Completed count is one more (the same ledger, edited since): by row index. */
  edited: (index: number) => boolean = () => false,
): Promise<void> {
  const writer = new stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: true,
  });
  const add = (name: string, rows: Iterable<unknown[]>) => {
    const ws = writer.addWorksheet(name);
    for (const row of rows) ws.addRow(row).commit();
    ws.commit();
  };
  const categories = ['困难户', '困难边缘户', '退休', '家庭主妇'];
  add('居民', [
    RESIDENT_HEADER,
    ...Array.from({ length: shape.residents }, (_, i) => [
      residentId(i),
      `居民${i + 1}`,
      '',
      categories[i % 4],
      '',
      '',
      '是',
      '',
    ]),
  ]);
  add('合作单位', [
    PARTNER_HEADER,
    ...Array.from({ length: PARTNERS }, (_, i) => [
      partnerId(i),
      `合作单位${i + 1}`,
      '',
      '',
      '是',
      '',
    ]),
  ]);
  add('订单', [
    ORDER_HEADER,
    ...Array.from({ length: shape.orders }, (_, i) => [
      orderId(i),
      partnerId(i % PARTNERS),
      `产品${i + 1}`,
      '粘钻',
      [0.015, 0.333, 2.5, 12.5][i % 4],
      [0.02, 0.5, 3, 15][i % 4],
      '',
      '',
      '',
      '进行中',
    ]),
  ]);
  function* pieces(): Generator<unknown[]> {
    yield PIECE_HEADER;
    const random = seeded(19);
    const pick = (n: number) => Math.floor(random() * n);
    for (let i = 0; i < shape.pieceRows; i += 1) {
      const [year, month] = shape.monthOf(i);
      const inMonth = `${year}-${String(month).padStart(2, '0')}` === MONTH;
      const completed = 10 + pick(40) + (edited(i) ? 1 : 0);
      yield [
        new Date(Date.UTC(year, month - 1, 1 + pick(27))),
        residentId(pick(shape.residents)),
        orderId(pick(shape.orders)),
        completed,
        i % 997 === 0 && !inMonth ? completed + 1 : pick(3),
        '李老师',
        '',
        String(i + 1),
      ];
    }
  }
  add('计件', pieces());
  add('调整', [ADJUSTMENT_HEADER, [MONTH, 'R001', 50, '全勤奖']]);
  add('设置', [SETTING_HEADER, ['机构名称', '测试工坊'], ['语言', 'zh-CN']]);
  await writer.commit();
}

interface Run {
  readonly exit: number | null;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
  readonly stderr: string;
}

interface Contender {
  readonly label: string;
  /** The issue's target for this command, if it has one. */
  readonly target?: { ratio: number; mb?: number };
  /** Exit codes that mean it did its work (check exits 1 when the data has errors). */
  readonly exits: readonly number[];
  /** The node arguments for a run on `input`, writing under `scratch`. */
  readonly args: (input: string, scratch: string) => string[];
  /** False: it reads only, so it may run on the shared input itself. */
  readonly writes: boolean;
  /** The workbook it runs on, when not the bench's input. */
  readonly source?: string;
}

/** Runs node with `args` and a hook that reports its CPU time and peak memory on exit. */
function measure(hook: string, args: readonly string[]): Run {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', hook, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const usage = /gongfang-bench (\d+) (\d+) (\d+)/.exec(run.stderr);
  return {
    exit: run.status,
    wallMs,
    cpuMs: Number(usage?.[2] ?? NaN) / 1000 + Number(usage?.[3] ?? NaN) / 1000,
    maxRssMb: Number(usage?.[1] ?? NaN) / 1024,
    stderr: run.stderr,
  };
}

/**
 * `input` as staff have it after its first month: one `generate` has run, so the change log is
 * under way and every later run reads the snapshot instead of writing it whole.
 */
function startChangeLog(input: string, out: string): void {
  fs.copyFileSync(input, out);
  const cli = path.resolve('dist', 'cli', 'gongfang.js');
  const run = spawnSync(
    process.execPath,
    [cli, 'generate', out, '--month', MONTH, '--today', TODAY, '--json'],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`generate to start the change log: ${run.stderr}`);
}

function contenders(folder: string, pieceRows: number, firstRunInput: string): Contender[] {
  const cli = path.resolve('dist', 'cli', 'gongfang.js');
  const probe = path.resolve('dist', 'bench', 'floorProbe.js');
  for (const file of [cli, probe]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  }
  const target = (name: string) => (pieceRows <= 100_000 ? TARGETS_100K[name] : TARGET_1M);
  const today = ['--today', TODAY, '--json'];
  const list: Contender[] = [
    {
      label: 'floor probe',
      exits: [0],
      writes: false,
      args: (input, scratch) => [probe, input, path.join(scratch, 'probe-out.xlsx')],
    },
    {
      label: 'generate',
      target: target('generate'),
      exits: [0],
      writes: true,
      args: (input) => [cli, 'generate', input, '--month', MONTH, ...today],
    },
    {
      label: 'generate, first run',
      exits: [0],
      writes: true,
      source: firstRunInput,
      args: (input) => [cli, 'generate', input, '--month', MONTH, ...today],
    },
    {
      label: 'check',
      target: target('check'),
      exits: [0, 1],
      writes: false,
      args: (input) => [cli, 'check', input, ...today],
    },
    {
      label: 'check --mark',
      target: target('check --mark'),
      exits: [0, 1],
      writes: true,
      args: (input) => [cli, 'check', input, '--mark', ...today],
    },
    {
      label: 'close',
      target: target('close'),
      exits: [0],
      writes: true,
      args: (input) => [
        cli,
        'close',
        input,
        '--month',
        MONTH,
        '--force',
        '--by',
        'bench',
        ...today,
      ],
    },
    {
      label: `partners (${PARTNERS})`,
      target: target('partners'),
      exits: [0],
      writes: false,
      args: (input, scratch) => [
        cli,
        'partners',
        input,
        '--month',
        MONTH,
        '--out-dir',
        path.join(scratch, 'partners'),
        ...today,
      ],
    },
  ];
  if (pieceRows > PEERS_UP_TO) return list;
  const exceljs = path.join(folder, 'exceljs-round-trip.js');
  fs.writeFileSync(
    exceljs,
    `const { Workbook } = require(${JSON.stringify(require.resolve('exceljs'))});\n` +
      `(async () => { const book = new Workbook(); await book.xlsx.readFile(process.argv[2]); await book.xlsx.writeFile(process.argv[3]); })().catch((e) => { console.error(e); process.exit(1); });\n`,
  );
  const sheetjs = path.join(folder, 'sheetjs-round-trip.js');
  fs.writeFileSync(
    sheetjs,
    `const XLSX = require(${JSON.stringify(require.resolve('xlsx'))});\n` +
      `XLSX.writeFile(XLSX.readFile(process.argv[2]), process.argv[3]);\n`,
  );
  list.push(
    {
      label: 'exceljs read-all/write-all',
      exits: [0],
      writes: false,
      args: (input, scratch) => [exceljs, input, path.join(scratch, 'exceljs-out.xlsx')],
    },
    {
      label: 'SheetJS 0.18.5 read-all/write-all',
      exits: [0],
      writes: false,
      args: (input, scratch) => [sheetjs, input, path.join(scratch, 'sheetjs-out.xlsx')],
    },
  );
  return list;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const loadAverage = () =>
  `${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`;

function runRounds(folder: string, input: string, list: readonly Contender[], rounds: number) {
  const hook = path.join(folder, 'report-usage.js');
  fs.writeFileSync(
    hook,
    "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(2, `\\ngongfang-bench ${u.maxRSS} ${u.userCPUTime} ${u.systemCPUTime}\\n`); });\n",
  );
  const runs = new Map<Contender, Run[]>(list.map((c) => [c, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const contender of list) {
      const scratch = fs.mkdtempSync(path.join(folder, 'run-'));
      let file = contender.source ?? input;
      if (contender.writes) {
        file = path.join(scratch, 'ledger.xlsx');
        fs.copyFileSync(contender.source ?? input, file);
      }
      const run = measure(hook, contender.args(file, scratch));
      runs.get(contender)?.push(run);
      fs.rmSync(scratch, { recursive: true, force: true });
      if (run.exit === null || !contender.exits.includes(run.exit)) {
        console.log(`${contender.label} failed (exit ${run.exit}):\n${run.stderr.slice(-2000)}`);
      }
    }
  }
  return runs;
}

function report(list: readonly Contender[], runs: Map<Contender, Run[]>): void {
  const best = (c: Contender) => Math.min(...(runs.get(c) ?? []).map((r) => r.wallMs));
  const bestCpu = (c: Contender) => Math.min(...(runs.get(c) ?? []).map((r) => r.cpuMs));
  const peak = (c: Contender) => Math.max(...(runs.get(c) ?? []).map((r) => r.maxRssMb));
  const ok = (c: Contender) =>
    (runs.get(c) ?? []).every((r) => r.exit !== null && c.exits.includes(r.exit));
  const floor = list[0] as Contender;
  const exceljs = list.find((c) => c.label.startsWith('exceljs'));
  const sheetjs = list.find((c) => c.label.startsWith('SheetJS'));
  const lines = [['', 'best s', 'runs (wall s)', 'CPU s', 'peak MB', '× floor', 'target']];
  for (const c of list) {
    const ratio = best(c) / best(floor);
    let verdict = '';
    if (c.target) {
      const met =
        ok(c) && ratio <= c.target.ratio && (c.target.mb === undefined || peak(c) <= c.target.mb);
      verdict = `≤ ${c.target.ratio.toFixed(1)}×${c.target.mb ? `, ≤ ${c.target.mb} MB` : ''}: ${met ? 'met' : 'NOT met'}`;
    }
    if (!ok(c)) verdict += ' (a run failed)';
    lines.push([
      c.label,
      seconds(best(c)),
      (runs.get(c) ?? []).map((r) => seconds(r.wallMs)).join(' '),
      seconds(bestCpu(c)),
      String(Math.round(peak(c))),
      `${ratio.toFixed(2)}×`,
      verdict,
    ]);
  }
  const widths = lines[0]?.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length))) ?? [];
  for (const line of lines) {
    console.log(
      line
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    );
  }
  for (const peer of [exceljs, sheetjs]) {
    if (!peer) continue;
    const ratios = list
      .filter((c) => c.target)
      .map((c) => `${c.label} ${(best(c) / best(peer)).toFixed(2)}×`);
    console.log(`against ${peer.label}: ${ratios.join(', ')}`);
  }
}

async function benchSize(folder: string, pieceRows: number, rounds: number): Promise<void> {
  const input = path.join(folder, `ledger-${pieceRows}.xlsx`);
  const started = performance.now();
  await writeBigLedger(input, shapeOf(pieceRows));
  console.log(
    `\n${pieceRows.toLocaleString('en-US')} Pieces rows: built in ${seconds(performance.now() - started)} s, ${(fs.statSync(input).size / 1024 / 1024).toFixed(1)} MB on disk; best of ${rounds}, side by side`,
  );
  const keep = process.env.GONGFANG_BENCH_KEEP;
  if (keep) {
    fs.mkdirSync(keep, { recursive: true });
    fs.copyFileSync(input, path.join(keep, path.basename(input)));
    console.log(`kept a copy in ${path.join(keep, path.basename(input))} (GONGFANG_BENCH_KEEP)`);
  }
  if (process.env.GONGFANG_BENCH_CHANGE_LOG_ONLY !== '1') {
    const underWay = path.join(folder, `under-way-${pieceRows}.xlsx`);
    startChangeLog(input, underWay);
    const list = contenders(folder, pieceRows, input);
    console.log(`load average before: ${loadAverage()}`);
    const runs = runRounds(folder, underWay, list, rounds);
    console.log(`load average after:  ${loadAverage()}`);
    report(list, runs);
  }
  if (pieceRows <= PEERS_UP_TO) await changeLogBench(folder, input, pieceRows, rounds);
  if (pieceRows > PEERS_UP_TO) {
    console.log('(exceljs and SheetJS are measured at 100,000 rows only: at this size exceljs');
    console.log(' alone would hold about 13 GB)');
  }
}

/** Issue 20's change log may cost generate this much over the same run without it. */
const CHANGE_LOG_TARGET = 0.1;
/** 1,000 of 100,000 Pieces rows edited since the last run. */
const editedRow = (index: number) => index % 100 === 37;

/**
 * The .xlsx change log's cost (issue 20, design B): generate on a workbook whose log is under
 * way (a generate ran on it before), unchanged, with the command and with the same command built
 * without the change log (dist/bench/without-change-log/, bench/support/noChangeLog.ts), side by
 * side in rounds; then on the same workbook with 1,000 Pieces rows changed since, which the run
 * records. Best of the rounds, wall time and peak RSS each.
 */
async function changeLogBench(
  folder: string,
  input: string,
  pieceRows: number,
  rounds: number,
): Promise<void> {
  const cli = path.resolve('dist', 'cli', 'gongfang.js');
  const without = path.resolve('dist', 'bench', 'without-change-log', 'gongfang.js');
  if (!fs.existsSync(without)) throw new Error(`${without} is missing: run npm run build first`);
  const generate = (command: string) => (file: string) => [
    command,
    'generate',
    file,
    '--month',
    MONTH,
    '--today',
    TODAY,
    '--json',
  ];
  const logged = path.join(folder, 'logged.xlsx');
  fs.copyFileSync(input, logged);
  const started = spawnSync(process.execPath, generate(cli)(logged), { encoding: 'utf8' });
  if (started.status !== 0) throw new Error(`generate to start the log: ${started.stderr}`);
  // The build without the log runs once too, on a copy, so that both start with their code
  // cache made (as a build does after its first run): its first round ran cold, and lazily
  // compiled code made its peak lower than any later run's (180 MB against 205–212).
  const warm = path.join(folder, 'warm-without.xlsx');
  fs.copyFileSync(logged, warm);
  const warmed = spawnSync(process.execPath, generate(without)(warm), { encoding: 'utf8' });
  if (warmed.status !== 0) throw new Error(`generate without the log: ${warmed.stderr}`);
  fs.rmSync(warm, { force: true });
  const editedLedger = path.join(folder, 'edited-ledger.xlsx');
  await writeBigLedger(editedLedger, shapeOf(pieceRows), editedRow);
  const edited = path.join(folder, 'logged-edited.xlsx');
  await withPiecesOf(logged, editedLedger, edited);
  const keep = process.env.GONGFANG_BENCH_KEEP;
  if (keep) fs.copyFileSync(edited, path.join(keep, `changed-${pieceRows}.xlsx`));
  const list: Contender[] = [
    { label: 'without change log', source: logged, args: generate(without) },
    { label: 'with change log, unchanged', source: logged, args: generate(cli) },
    { label: 'with change log, 1,000 rows changed', source: edited, args: generate(cli) },
  ].map((c) => ({ ...c, exits: [0], writes: true }));
  console.log(
    `\nThe change log: generate on ${pieceRows.toLocaleString('en-US')} Pieces rows, its log under way (a generate ran before), best of ${rounds}, side by side`,
  );
  console.log(`load average before: ${loadAverage()}`);
  const runs = runRounds(folder, input, list, rounds);
  console.log(`load average after:  ${loadAverage()}`);
  const best = (c: Contender) => Math.min(...(runs.get(c) ?? []).map((r) => r.wallMs));
  const cpu = (c: Contender) => Math.min(...(runs.get(c) ?? []).map((r) => r.cpuMs));
  const peak = (c: Contender) => Math.min(...(runs.get(c) ?? []).map((r) => r.maxRssMb));
  const [base, unchanged, changed] = list as [Contender, Contender, Contender];
  const more = (value: number, of: number) =>
    `${value >= of ? '+' : ''}${((value / of - 1) * 100).toFixed(1)} %`;
  for (const c of list) {
    const rss = (runs.get(c) ?? []).map((r) => Math.round(r.maxRssMb)).join(' ');
    const wall = (runs.get(c) ?? []).map((r) => seconds(r.wallMs)).join(' ');
    console.log(
      `  ${c.label.padEnd(36)} ${seconds(best(c))} s (${wall})  CPU ${seconds(cpu(c))} s  ${Math.round(peak(c))} MB (${rss})`,
    );
  }
  const timeCost = best(unchanged) / best(base) - 1;
  const memoryCost = peak(unchanged) / peak(base) - 1;
  const met = timeCost <= CHANGE_LOG_TARGET && memoryCost <= CHANGE_LOG_TARGET;
  console.log(
    `generate 100k with change log vs without: ${more(best(unchanged), best(base))} time (CPU ${more(cpu(unchanged), cpu(base))}), ${more(peak(unchanged), peak(base))} peak RSS — target ≤ ${CHANGE_LOG_TARGET * 100} % each: ${met ? 'met' : 'NOT met'}`,
  );
  console.log(
    `after 1,000 changed rows (recorded on Audit, snapshot rewritten): ${more(best(changed), best(base))} time (CPU ${more(cpu(changed), cpu(base))}), ${more(peak(changed), peak(base))} peak RSS against without (no target)`,
  );
}

/** `target` with the Pieces tab's sheet part of `source` (same tabs, same shared strings). */
async function withPiecesOf(target: string, source: string, out: string): Promise<void> {
  const partOf = async (zip: JSZip): Promise<string> => {
    const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
    const id = /<sheet [^>]*name="计件"[^>]*r:id="([^"]+)"/.exec(workbook)?.[1];
    const relation = (rels.match(/<Relationship [^>]*>/g) ?? []).find((r) =>
      r.includes(`Id="${id}"`),
    );
    const part = /Target="([^"]+)"/.exec(relation ?? '')?.[1];
    if (!part) throw new Error('no 计件 sheet part');
    return `xl/${part.replace(/^\/?xl\//, '')}`;
  };
  const into = await JSZip.loadAsync(fs.readFileSync(target));
  const from = await JSZip.loadAsync(fs.readFileSync(source));
  const pieces = await from.file(await partOf(from))?.async('nodebuffer');
  if (!pieces) throw new Error('no 计件 sheet in the edited ledger');
  into.file(await partOf(into), pieces);
  fs.writeFileSync(out, await into.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

function sizes(): number[] {
  const given = process.env.GONGFANG_BENCH_ROWS;
  if (!given) return [100_000];
  return given
    .split(',')
    .map((s) => Number(s.replace(/[_\s]/g, '')))
    .filter((n) => Number.isInteger(n) && n > 0);
}

export async function run(): Promise<void> {
  const rounds = Number(process.env.GONGFANG_BENCH_ROUNDS ?? 3) || 3;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfang-bench-'));
  try {
    for (const pieceRows of sizes()) await benchSize(folder, pieceRows, rounds);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
