/**
 * The year end of yearEnd.property.test.ts through the built command on .xlsx files: a random
 * month end (monthEndModel.ts) corrected and closed, the months of 2026 left without rows closed
 * too, then `gongfang year` for 2026 and 2027 pays each resident the model's pay once (read from
 * the 年度 tabs' cells), `gongfang archive` moves 2026 out (the archive's 年度 2026 as it was,
 * 年度 2027 unchanged), and pieces typed afterwards into 2027 are corrected and closed with
 * Σ 本次发放 still the model's pay. The command runs in this process (test/support/builtCli.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import type { CellValue } from '../../src/workbook/cells';
import { tempFolder } from '../cli/helpers';
import { pieceRow } from '../support/monthWorkbook';
import {
  FINAL_TODAY,
  ORDERS,
  RESIDENTS,
  applyEdit,
  exactPay,
  initialModel,
  paidFromClosings,
  runSequence,
  stepsArb,
} from './monthEndModel';
import type { Model, Step } from './monthEndModel';
import { OPTIONS, cliBackend, inProcess } from './cliBackend';
import { type LatePiece, addUp, latePiece, withoutTime, yearTotals } from './yearEndSupport';

async function tabOf(file: string, name: string): Promise<CellValue[][]> {
  const book = await XlsxWorkbook.open(file, OPTIONS);
  return withoutTime(
    (book.readTab([name], { exactName: true })?.values ?? []).map((row) => [...row]),
  );
}

async function yearEnd(folder: string, steps: readonly Step[], late: readonly LatePiece[]) {
  const backend = cliBackend(folder, inProcess);
  await runSequence(backend, steps);
  const model: Model = initialModel();
  for (const step of steps) applyEdit(model, step);
  const file = path.join(folder, 'book.xlsx');
  const today = ['--today', FINAL_TODAY];
  const code = async (args: string[]) => {
    const result = await inProcess([...args, '--json'], folder);
    const answer = JSON.parse(result.stdout) as { ok: boolean; error?: { code: string } };
    return answer.ok ? 'ok' : String(answer.error?.code);
  };
  // Months of 2026 skipped (no rows) are closed too, empty.
  for (const month of ['2026-10', '2026-11', '2026-12']) {
    const closed = await code(['close', 'book.xlsx', '--month', month, '--force', ...today]);
    expect(['ok', 'closeAlreadyClosed', 'monthFarFromRows']).toContain(closed);
  }
  // The two Year tabs pay every resident the model's pay, once.
  for (const year of ['2026', '2027']) {
    expect(['ok', 'yrNothing']).toContain(
      await code(['year', 'book.xlsx', '--year', year, ...today]),
    );
  }
  const year2026 = await tabOf(file, '年度 2026');
  const year2027 = await tabOf(file, '年度 2027');
  expect(addUp(yearTotals(year2026), yearTotals(year2027))).toEqual(exactPay(model));

  // 2026 archived: the archive's Year is the live one's, 2027's unchanged, 2026 refused.
  // Staff's rows, or Gongfang's correction rows (a correction of 2026-11 paid in 2026-12).
  const rowsIn2026 =
    [...model.pieces, ...model.adjustments].some((row) => row.month < 3) ||
    (await backend.rows('调整')).some((row) => String(row[0]).startsWith('2026-'));
  const archive = ['archive', 'book.xlsx', '--year', '2026', '--out', 'a.xlsx', ...today];
  const archived = await code(archive);
  expect(archived).toBe(rowsIn2026 ? 'ok' : 'arNothing');
  if (archived === 'ok') {
    expect(await tabOf(path.join(folder, 'a.xlsx'), '年度 2026')).toEqual(year2026);
    await code(['year', 'book.xlsx', '--year', '2027', ...today]);
    expect(await tabOf(file, '年度 2027')).toEqual(year2027);
    expect(await code(['year', 'book.xlsx', '--year', '2026', ...today])).toBe('yrArchived');
  }
  expect(await backend.correct(FINAL_TODAY)).toBe(0);

  // Pieces typed after the archive, in 2027-01 (closed or not) or 2027-02: corrected and closed.
  if (late.length > 0) {
    const book = await XlsxWorkbook.open(file, OPTIONS);
    book.appendRows(
      '计件',
      late.map((p) =>
        pieceRow(
          `2027-0${p.month}-${String(p.day).padStart(2, '0')}`,
          RESIDENTS[p.resident] as string,
          ORDERS[p.order] as string,
          p.completed,
        ),
      ),
    );
    await book.save(file);
  }
  for (const p of late) model.pieces.push({ ...p, month: 2 + p.month, rejected: 0 });
  for (let round = 0; round < 3; round += 1) {
    await backend.correct(FINAL_TODAY);
    for (const month of ['2027-01', '2027-02', '2027-03']) {
      await code(['close', 'book.xlsx', '--month', month, '--force', '--by', '王老师', ...today]);
    }
  }
  expect(await backend.correct(FINAL_TODAY)).toBe(0);
  expect(paidFromClosings(await backend.rows('结账')).perResident).toEqual(exactPay(model));
}

test('year and archive through the built command keep Σ paid = the exact pay', async () => {
  await fc.assert(
    fc.asyncProperty(
      stepsArb(Number(process.env.MONTH_END_STEPS ?? 8)),
      fc.array(latePiece, { maxLength: 3 }),
      async (steps, late) => {
        const folder = tempFolder('gongfang-year-end-');
        try {
          await yearEnd(folder, steps, late);
        } finally {
          fs.rmSync(folder, { recursive: true, force: true });
        }
      },
    ),
    { numRuns: Number(process.env.YEAR_END_CLI_RUNS ?? 8) },
  );
});
