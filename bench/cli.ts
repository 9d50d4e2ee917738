/**
 * `gongfang generate` on a workbook with 100,000 Pieces rows (200 residents, 20 orders):
 * target ≤ 10 s and ≤ 1 GB end to end. Measured twice: in-process with the code path the
 * command uses (read, compute and write timed apart), and one run of the built command,
 * reporting its wall time and maximum resident set size.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stream } from 'exceljs';
import { XlsxWorkbook } from '../src/cli/xlsxWorkbook';
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
const TARGET_SECONDS = 10;
const TARGET_MB = 1024;

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
  await workbook.save(output);
  const written = performance.now();
  console.log(
    `in-process: read ${seconds(read - started)}, compute ${seconds(computed - read)}, write ${seconds(written - computed)}, total ${seconds(written - started)}`,
  );
  console.log(
    `  residents paid ${result.figures.residentsPaid}, net pay ${result.figures.netPay} fen; heap used ${megabytes(process.memoryUsage().heapUsed)}, rss ${megabytes(process.memoryUsage().rss)}`,
  );
}

/** Runs the built command with a hook that reports its peak memory on exit. */
function endToEnd(folder: string, input: string): void {
  const cli = path.resolve('dist', 'cli', 'gongfang.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const hook = path.join(folder, 'report-rss.js');
  fs.writeFileSync(
    hook,
    "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(2, `\\nmaxRSS ${u.maxRSS} cpu ${u.userCPUTime + u.systemCPUTime}\\n`); });\n",
  );
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ['--require', hook, cli, 'generate', input, '--month', MONTH, '--today', TODAY, '--json'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const wall = performance.now() - started;
  const usage = /maxRSS (\d+) cpu (\d+)/.exec(run.stderr);
  const maxRssKb = Number(usage?.[1] ?? NaN);
  const cpuMs = Number(usage?.[2] ?? NaN) / 1000;
  const ok = run.status === 0;
  const mb = maxRssKb / 1024;
  console.log(
    `end to end (node dist/cli/gongfang.js generate): exit ${run.status}, wall ${seconds(wall)} (CPU ${seconds(cpuMs)}), max RSS ${Math.round(mb)} MB; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
  );
  console.log(
    `  target ≤ ${TARGET_SECONDS} s and ≤ ${TARGET_MB} MB: ${ok && wall / 1000 <= TARGET_SECONDS && mb <= TARGET_MB ? 'met' : 'NOT met'}`,
  );
  if (!ok) console.log(run.stderr);
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
    const copy = path.join(folder, 'copy.xlsx');
    fs.copyFileSync(input, copy);
    endToEnd(folder, copy);
    await inProcess(input, path.join(folder, 'out.xlsx'));
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
