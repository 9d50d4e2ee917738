/** Shared by the CLI suites: temp folders, running the built command, reading results back. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workbook as ExcelWorkbook } from 'exceljs';
import type { Worksheet } from 'exceljs';
import { RUN_FOLDER } from '../support/runFolder';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BUILT_CLI = path.join(ROOT, 'dist', 'cli', 'gongfang.js');

/**
 * Copies the built command (gongfang.js, the rest of its main thread in gongfang-main.js, and
 * the worker it starts, gongfang-loader.js running gongfang-worker.js) into `folder`, readable
 * by everyone; returns the copy's gongfang.js.
 */
export function copyBuiltCommand(folder: string): string {
  const files = ['gongfang.js', 'gongfang-main.js', 'gongfang-loader.js', 'gongfang-worker.js'];
  for (const name of files) {
    fs.copyFileSync(path.join(path.dirname(BUILT_CLI), name), path.join(folder, name));
    fs.chmodSync(path.join(folder, name), 0o644);
  }
  return path.join(folder, 'gongfang.js');
}

export function tempFolder(prefix = 'gongfang-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Where the runs of this test process keep gongfang's state (the demos it wrote), instead of
 * the real ~/.local/state: one folder per jest worker, so suites never see each other's; inside
 * the run's folder (test/support/globalSetup.ts), removed when the run ends.
 */
export const TEST_STATE_HOME = path.join(
  process.env[RUN_FOLDER] ?? os.tmpdir(),
  `gongfang-test-state-${process.pid}`,
);

/** The environment a run gets: a plain locale, and `extra` on top. */
export function cliEnv(
  lang: 'en' | 'zh' | undefined,
  extra: Readonly<Record<string, string>> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    XDG_STATE_HOME: TEST_STATE_HOME,
    LANG: lang === 'zh' ? 'zh_CN.UTF-8' : 'en_US.UTF-8',
    ...extra,
  };
}

/** Runs the built `gongfang` as a user would, in `cwd`, with a plain English or Chinese locale. */
export function gongfang(
  args: readonly string[],
  options: { cwd: string; lang?: 'en' | 'zh'; env?: Readonly<Record<string, string>> },
): RunResult {
  const result = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: cliEnv(options.lang, options.env),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export async function readBack(file: string): Promise<ExcelWorkbook> {
  const book = new ExcelWorkbook();
  await book.xlsx.readFile(file);
  return book;
}

export function sheet(book: ExcelWorkbook, name: string): Worksheet {
  const found = book.getWorksheet(name);
  if (!found)
    throw new Error(`no tab ${name}; tabs: ${book.worksheets.map((s) => s.name).join(', ')}`);
  return found;
}

/** The values of a row as a plain array (index 0 is column A). */
export function rowValues(worksheet: Worksheet, row: number): unknown[] {
  const values = worksheet.getRow(row).values as unknown[];
  return values.slice(1);
}

export function fileHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
