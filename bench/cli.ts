/**
 * `gongfang generate` on a workbook with 100,000 Pieces rows (200 residents, 20 orders), side
 * by side with a plain exceljs read-all/write-all of the same file in the same run: target
 * ≤ 0.3× the exceljs time and ≤ 512 MB peak. Both are run as child processes, reporting wall
 * time and maximum resident set size; then generate once more in-process with read, compute
 * and write timed apart.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stream } from 'exceljs';
import { XlsxWorkbook } from '../src/xlsx/xlsxWorkbook';
import { generateMonth } from '../src/features/generateMonth';
import {
  ADJUSTMENT_HEADER,
  ORDER_HEADER,
  PIECE_HEADER,
  RESIDENT_HEADER,
  SETTING_HEADER,
} from '../test/support/ledgerSheets';

const PIECE_ROWS = 100_000;
const RESIDENTS = 200;
const ORDERS = 20;
const MONTH = '2026-11';
const TODAY = '2026-11-28';
const TARGET_RATIO = 0.3;
const TARGET_MB = 512;

const residentId = (i: number) => `R${String(i + 1).padStart(3, '0')}`;
const orderId = (i: number) => `O${String(i + 1).padStart(3, '0')}`;

/** Written with exceljs's streaming writer so that building the input stays quick. */
export async function writeBigLedger(file: string): Promise<void> {
  const writer = new stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
  const add = (name: string, rows: Iterable<unknown[]>) => {
    const ws = writer.addWorksheet(name);
    for (const row of rows) ws.addRow(row).commit();
    ws.commit();
  };
  add('居民', [
    RESIDENT_HEADER,
    ...Array.from({ length: RESIDENTS }, (_, i) => [
      residentId(i),
      `居民${i + 1}`,
      '',
      ['困难户', '困难边缘户', '退休', '家庭主妇'][i % 4],
      '',
      '',
      '是',
      '',
    ]),
  ]);
  add('合作单位', [
    ['编号', '名称'],
    ['P01', '晶彩饰品'],
  ]);
  add('订单', [
    ORDER_HEADER,
    ...Array.from({ length: ORDERS }, (_, i) => [
      orderId(i),
      'P01',
      `产品${i + 1}`,
      '粘钻',
      [0.015, 0.333, 2.5, 12.5][i % 4],
      '',
      '',
      '',
      '',
      '进行中',
    ]),
  ]);
  function* pieces(): Generator<unknown[]> {
    yield PIECE_HEADER;
    for (let i = 0; i < PIECE_ROWS; i += 1) {
      // Three months, most rows in the month generated.
      const month = i % 5 === 0 ? 9 : i % 5 === 1 ? 10 : 11;
      const date = new Date(Date.UTC(2026, month - 1, 1 + (i % 27)));
      yield [
        date,
        residentId(i % RESIDENTS),
        orderId(i % ORDERS),
        10 + (i % 40),
        i % 3,
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

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

async function inProcess(input: string, output: string): Promise<void> {
  const started = performance.now();
  const workbook = await XlsxWorkbook.open(input, { timeZone: 'Asia/Shanghai', envLang: 'zh-CN' });
  const read = performance.now();
  const result = generateMonth(workbook, { month: MONTH, now: new Date(), today: TODAY });
  const computed = performance.now();
  await workbook.writeTo(output);
  const written = performance.now();
  console.log(
    `in-process: read ${seconds(read - started)}, compute ${seconds(computed - read)}, write ${seconds(written - computed)}, total ${seconds(written - started)}`,
  );
  console.log(
    `  residents paid ${result.figures.residentsPaid}, net pay ${result.figures.netPay} fen; heap used ${megabytes(process.memoryUsage().heapUsed)}, rss ${megabytes(process.memoryUsage().rss)}`,
  );
}

interface Measured {
  readonly ok: boolean;
  readonly wallMs: number;
  readonly maxRssMb: number;
  readonly stderr: string;
}

/** Runs node with `args` and a hook that reports its peak memory on exit. */
function measure(folder: string, args: readonly string[]): Measured {
  const hook = path.join(folder, 'report-rss.js');
  fs.writeFileSync(
    hook,
    "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(2, `\\nmaxRSS ${u.maxRSS}\\n`); });\n",
  );
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', hook, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const maxRssKb = Number(/maxRSS (\d+)/.exec(run.stderr)?.[1] ?? NaN);
  return { ok: run.status === 0, wallMs, maxRssMb: maxRssKb / 1024, stderr: run.stderr };
}

/** The baseline: exceljs reads the whole workbook and writes it back, nothing else. */
function exceljsRoundTrip(folder: string, input: string): Measured {
  const script = path.join(folder, 'exceljs-round-trip.js');
  const exceljs = require.resolve('exceljs');
  fs.writeFileSync(
    script,
    `const { Workbook } = require(${JSON.stringify(exceljs)});\n` +
      `(async () => { const book = new Workbook(); await book.xlsx.readFile(process.argv[2]); await book.xlsx.writeFile(process.argv[3]); })().catch((e) => { console.error(e); process.exit(1); });\n`,
  );
  return measure(folder, [script, input, path.join(folder, 'exceljs-out.xlsx')]);
}

function gongfangGenerate(folder: string, input: string): Measured {
  const cli = path.resolve('dist', 'cli', 'gongfang.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  return measure(folder, [cli, 'generate', input, '--month', MONTH, '--today', TODAY, '--json']);
}

function sideBySide(folder: string, input: string): void {
  const copy = path.join(folder, 'copy.xlsx');
  fs.copyFileSync(input, copy);
  const baseline = exceljsRoundTrip(folder, input);
  const ours = gongfangGenerate(folder, copy);
  const ratio = ours.wallMs / baseline.wallMs;
  console.log(
    `exceljs read-all/write-all: exit ${baseline.ok ? 0 : 1}, wall ${seconds(baseline.wallMs)}, max RSS ${Math.round(baseline.maxRssMb)} MB`,
  );
  console.log(
    `gongfang generate (node dist/cli/gongfang.js): exit ${ours.ok ? 0 : 1}, wall ${seconds(ours.wallMs)}, max RSS ${Math.round(ours.maxRssMb)} MB; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
  );
  const met = ours.ok && baseline.ok && ratio <= TARGET_RATIO && ours.maxRssMb <= TARGET_MB;
  console.log(
    `  ${ratio.toFixed(2)}× the exceljs time; target ≤ ${TARGET_RATIO}× and ≤ ${TARGET_MB} MB: ${met ? 'met' : 'NOT met'}`,
  );
  if (!ours.ok) console.log(ours.stderr);
  if (!baseline.ok) console.log(baseline.stderr);
}

export async function run(): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfang-bench-'));
  try {
    const input = path.join(folder, 'big.xlsx');
    const started = performance.now();
    await writeBigLedger(input);
    console.log(
      `built a workbook with ${PIECE_ROWS.toLocaleString('en-US')} Pieces rows in ${seconds(performance.now() - started)} (${megabytes(fs.statSync(input).size)} on disk)`,
    );
    sideBySide(folder, input);
    await inProcess(input, path.join(folder, 'out.xlsx'));
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
