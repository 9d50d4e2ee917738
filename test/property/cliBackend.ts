/**
 * The month-end model's Backend (monthEndModel.ts) through the built command on an .xlsx file:
 * each step is `gongfang generate | close | check --correct | reopen` run on the file, as staff
 * would run it. Between runs the source tabs are written from the model, with what Gongfang
 * wrote kept: Closings, Settings, and its own Adjustments rows. Shared by the month-end and the
 * year-end property tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import type { CellValue } from '../../src/workbook/cells';
import { cliEnv } from '../cli/helpers';
import type { RunResult } from '../cli/helpers';
import { runBuiltCli } from '../support/builtCli';
import { monthTabs } from '../support/monthWorkbook';
import { sourceSheets } from './monthEndModel';
import type { Backend, Model, Outcome } from './monthEndModel';

export type Runner = (args: readonly string[], cwd: string) => Promise<RunResult>;

export const inProcess: Runner = (args, cwd) => runBuiltCli(args, { cwd, env: cliEnv('zh') });

export const OPTIONS = { timeZone: 'Asia/Shanghai', envLang: 'zh-CN' } as const;

/** A workbook holding `tabs`, written through the file backend's port only. */
async function write(file: string, tabs: Record<string, CellValue[][]>): Promise<void> {
  const book = XlsxWorkbook.create({ ...OPTIONS, lang: 'zh-CN' });
  for (const [name, [header = [], ...rows]] of Object.entries(tabs)) {
    book.setUpTabs([
      {
        name,
        create: true,
        newHeaders: header.map((text, i) => ({ column: i + 1, text: String(text) })),
        headerWidth: header.length,
        columns: [],
      },
    ]);
    if (rows.length > 0) book.appendRows(name, rows);
  }
  await book.save(file);
}

export function cliBackend(folder: string, run: Runner): Backend {
  const file = path.join(folder, 'book.xlsx');
  let model: Model | null = null;
  // The file as last read, until a command or a rewrite changes it.
  let opened: { stamp: string; book: XlsxWorkbook } | null = null;
  const tab = async (name: string): Promise<CellValue[][]> => {
    if (!fs.existsSync(file)) return [];
    const stat = fs.statSync(file);
    const stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    if (opened?.stamp !== stamp) opened = { stamp, book: await XlsxWorkbook.open(file, OPTIONS) };
    return (opened.book.readTab([name])?.values ?? []).map((row) => [...row]);
  };
  /**
   * Writes the model's rows; `order` puts the Closings rows in another order, `edit` changes
   * Gongfang's own Adjustments rows.
   */
  const rewrite = async (
    order?: (rows: CellValue[][]) => CellValue[][],
    edit: (rows: CellValue[][]) => CellValue[][] = (rows) => rows,
  ) => {
    if (model === null) return;
    const tabs = monthTabs(sourceSheets(model));
    const [header, ...kept] = await tab('调整');
    const own = edit(kept.filter((row) => row[4] !== '' && row[4] !== undefined));
    const [first = [], ...staff] = tabs['调整'] ?? [];
    tabs['调整'] = [header ?? first, ...staff, ...own];
    const settings = await tab('设置');
    if (settings.length > 0) tabs['设置'] = settings;
    const [closingsHeader, ...closings] = await tab('结账');
    if (closingsHeader) tabs['结账'] = [closingsHeader, ...(order ? order(closings) : closings)];
    await write(file, tabs);
  };
  const json = async (args: string[]): Promise<{ code: number | null; answer: any }> => {
    const result = await run([...args, '--json'], folder);
    try {
      return { code: result.code, answer: JSON.parse(result.stdout) };
    } catch {
      throw new Error(
        `gongfang ${args.join(' ')}: ${result.code}\n${result.stdout}\n${result.stderr}`,
      );
    }
  };
  const outcome = ({ answer }: { answer: any }): Outcome => {
    if (answer.ok === true) return { ok: true };
    // close --json lists what needs confirming (or the rows that block it) without a code.
    const key =
      answer.error?.code ?? (answer.warnings?.length > 0 ? 'closeNeedsConfirm' : 'closeBlocked');
    return { ok: false, key: String(key) };
  };
  return {
    async sync(next) {
      model = next;
      await rewrite();
    },
    async generate(month, today) {
      return outcome(await json(['generate', 'book.xlsx', '--month', month, '--today', today]));
    },
    async close(month, today, force) {
      const args = ['close', 'book.xlsx', '--month', month, '--today', today, '--by', '王老师'];
      return outcome(await json(force ? [...args, '--force'] : args));
    },
    async correct(today) {
      const { answer } = await json(['check', 'book.xlsx', '--correct', '--today', today]);
      return Number(answer.corrected ?? 0);
    },
    async reopen(month, today) {
      const args = ['reopen', 'book.xlsx', '--month', month, '--reason', '重做', '--force'];
      return outcome(await json([...args, '--today', today]));
    },
    async rows(name) {
      return tab(name);
    },
    async check(today) {
      await json(['check', 'book.xlsx', '--mark', '--today', today]);
    },
    async editOwnRow(index, fen) {
      await rewrite(undefined, (own) => {
        const row = own[index % Math.max(1, own.length)];
        if (row && fen !== null) row[2] = fen / 100;
        return own.filter((r) => fen !== null || r !== row);
      });
    },
    async sortClosings(seed) {
      await rewrite(
        (rows) =>
          fc.sample(fc.shuffledSubarray(rows, { minLength: rows.length }), {
            seed,
            numRuns: 1,
          })[0] ?? rows,
      );
    },
  };
}
