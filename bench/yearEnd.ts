/**
 * `npm run bench -- yearEnd`: `gongfang year` on a workbook holding a year of 60,000 Pieces rows
 * (200 residents, 20 orders, every month closed), side by side with a plain exceljs
 * read-all/write-all of the same file in the same run: target ≤ 0.3× its time (the floor ratio
 * of the performance issue, as `npm run bench -- cli` holds generate to). Then `gongfang
 * archive` of that year, timed, beside the same baseline. The load average is printed beside.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stream } from 'exceljs';
import {
  ADJUSTMENT_HEADER,
  ORDER_HEADER,
  PIECE_HEADER,
  RESIDENT_HEADER,
  SETTING_HEADER,
} from '../test/support/ledgerSheets';

const PIECE_ROWS = 60_000;
const RESIDENTS = 200;
const ORDERS = 20;
const YEAR = 2025;
const TODAY = '2026-01-20';
const TARGET_RATIO = 0.3;

const residentId = (i: number) => `R${String(i + 1).padStart(3, '0')}`;
const orderId = (i: number) => `O${String(i + 1).padStart(3, '0')}`;
const month = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}`;

/** A year's ledger (closed month by month afterwards, by the command itself). */
async function writeYearLedger(file: string): Promise<void> {
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
      `P0${1 + (i % 2)}`,
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
      const date = new Date(Date.UTC(YEAR, i % 12, 1 + (i % 27)));
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
  add('调整', [ADJUSTMENT_HEADER, [month(11), 'R001', 50, '全勤奖']]);
  add('设置', [SETTING_HEADER, ['机构名称', '测试工坊'], ['语言', 'zh-CN']]);
  await writer.commit();
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function timed(args: readonly string[]): { ok: boolean; ms: number; stderr: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: run.status === 0, ms: performance.now() - started, stderr: run.stderr };
}

function exceljsRoundTrip(folder: string, input: string) {
  const script = path.join(folder, 'exceljs-round-trip.js');
  fs.writeFileSync(
    script,
    `const { Workbook } = require(${JSON.stringify(require.resolve('exceljs'))});\n` +
      `(async () => { const book = new Workbook(); await book.xlsx.readFile(process.argv[2]); await book.xlsx.writeFile(process.argv[3]); })().catch((e) => { console.error(e); process.exit(1); });\n`,
  );
  return timed([script, input, path.join(folder, 'exceljs-out.xlsx')]);
}

export async function run(): Promise<void> {
  const cli = path.resolve('dist', 'cli', 'gongfang.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfang-bench-year-'));
  try {
    const input = path.join(folder, 'year.xlsx');
    await writeYearLedger(input);
    // Close the twelve months with the command itself, so Closings is what it writes.
    for (let m = 1; m <= 12; m += 1) {
      const closed = timed([
        cli,
        'close',
        input,
        '--month',
        month(m),
        '--by',
        'bench',
        '--today',
        TODAY,
        '--force',
        '--json',
      ]);
      if (!closed.ok) throw new Error(closed.stderr);
    }
    const copy = path.join(folder, 'year-copy.xlsx');
    fs.copyFileSync(input, copy);
    const baseline = exceljsRoundTrip(folder, input);
    const year = timed([cli, 'year', copy, '--year', String(YEAR), '--today', TODAY, '--json']);
    const load = `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`;
    const ratio = year.ms / baseline.ms;
    console.log(
      `a year of ${PIECE_ROWS.toLocaleString('en-US')} Pieces rows, ${RESIDENTS} residents, every month closed`,
    );
    console.log(`exceljs read-all/write-all: ${seconds(baseline.ms)}`);
    console.log(
      `gongfang year (Year, Statements, Impact): ${seconds(year.ms)}, exit ${year.ok ? 0 : 1}; ${load}`,
    );
    console.log(
      `  ${ratio.toFixed(2)}× the exceljs time; target ≤ ${TARGET_RATIO}×: ${year.ok && ratio <= TARGET_RATIO ? 'met' : 'NOT met'}`,
    );
    if (!year.ok) console.log(year.stderr);
    const archive = timed([
      cli,
      'archive',
      copy,
      '--year',
      String(YEAR),
      '--out',
      path.join(folder, 'archive.xlsx'),
      '--today',
      TODAY,
      '--json',
    ]);
    console.log(
      `gongfang archive of that year (archive written and read back, ledger rewritten): ${seconds(archive.ms)}, exit ${archive.ok ? 0 : 1}, ${(archive.ms / baseline.ms).toFixed(2)}× the exceljs time (no target); ${load}`,
    );
    if (!archive.ok) console.log(archive.stderr);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
