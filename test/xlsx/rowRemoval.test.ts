/**
 * Removing rows from an .xlsx sheet (Archive year's one write), checked on a workbook openpyxl
 * wrote and read back by openpyxl: the rows below move up, and notes, hyperlinks, merged cells,
 * conditional formats, validations, the table and a defined name move with them; a note on a
 * removed row goes; rows holding formulas that would move are refused before anything changes.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { WorkbookFileError } from '../../src/xlsx/fileError';
import { RowShift, shiftRef, shiftSqref, shiftVml } from '../../src/xlsx/package/rowRemoval';

const PYTHON = '/usr/bin/python3';
const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'rows_workbook.py');
const skip =
  spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0
    ? null
    : `openpyxl is not importable by ${PYTHON}`;
if (skip) console.log(`row removal tests with openpyxl skipped: ${skip}`);
const describeIf = skip ? describe.skip : describe;

describe('RowShift and references', () => {
  const shift = new RowShift([3, 4, 5, 10]);
  it('moves rows up past the removed ones', () => {
    expect([1, 2, 3, 6, 9, 10, 11].map((r) => shift.row(r))).toEqual([1, 2, null, 3, 6, null, 7]);
  });
  it('shrinks ranges as Excel does, and drops those left with nothing', () => {
    expect(shiftRef('A2:H21', shift)).toBe('A2:H17');
    expect(shiftRef('$H$4:$H$12', shift)).toBe('$H$3:$H$8');
    expect(shiftRef('C3:D5', shift)).toBeNull();
    expect(shiftRef('A:C', shift)).toBe('A:C');
    expect(shiftRef('11:12', shift)).toBe('7:8');
    expect(shiftSqref('B3 B6 C10:C11', shift)).toBe('B3 C7:C7');
  });
  it("moves a note's VML shape with its row", () => {
    const shape = (row: number) =>
      `<v:shape id="s${row}"><x:ClientData ObjectType="Note"><x:Anchor>2, 15, ${row - 1}, 10, 4, 15, ${row + 3}, 4</x:Anchor><x:Row>${row}</x:Row><x:Column>6</x:Column></x:ClientData></v:shape>`;
    const vml = `<xml>${shape(4)}${shape(14)}</xml>`;
    // x:Row is 0-based: row 5 (removed) and row 15 (moves to 11).
    expect(shiftVml(vml, shift)).toBe(
      `<xml><v:shape id="s14"><x:ClientData ObjectType="Note"><x:Anchor>2, 15, 9, 10, 4, 15, 13, 4</x:Anchor><x:Row>10</x:Row><x:Column>6</x:Column></x:ClientData></v:shape></xml>`,
    );
  });
});

describeIf('removing rows from a sheet openpyxl wrote', () => {
  let folder: string;
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfang-rows-'));
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  function python(args: readonly string[]): string {
    const run = spawnSync(PYTHON, [FIXTURE, ...args], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return run.stdout;
  }

  async function workbook(name: string): Promise<{ book: XlsxWorkbook; file: string }> {
    const file = path.join(folder, name);
    python([file]);
    const book = await XlsxWorkbook.open(file, { timeZone: 'Asia/Shanghai', envLang: 'zh-CN' });
    return { book, file };
  }

  it('moves what points at the rows that stay, and drops what pointed at rows removed', async () => {
    const { book, file } = await workbook('dressed.xlsx');
    // Rows 2–6 go (the first five data rows, row 5's note with them), and row 10.
    book.rewriteRows([
      {
        tab: '计件',
        newHeaders: [{ column: 9, text: '结转' }],
        remove: [2, 3, 4, 5, 6, 10],
        append: [['2025-12-31', 'R1', 'O1', 150, 0, '工坊结转', '', '', '2025']],
        numberFormats: ['@', '@', '@', '0', '0', '@', '@', '@', '@'],
      },
    ]);
    const out = path.join(folder, 'dressed-out.xlsx');
    await book.writeTo(out);
    const seen = JSON.parse(python(['--inspect', out])) as {
      rows: unknown[][];
      comments: Record<string, string>;
      hyperlinks: Record<string, string>;
      merges: string[];
      conditional: string[];
      validations: string[];
      tables: Record<string, string>;
      names: Record<string, string>;
    };
    expect(seen.rows[0]).toEqual([
      '日期',
      '居民编号',
      '订单编号',
      '完成数',
      '不合格数',
      '登记人',
      '备注',
      '记录号',
      '结转',
    ]);
    // E6, E7, E8, then E10 (E9 was row 10), … E20, then the appended row.
    expect(seen.rows.slice(1, 4).map((row) => row[7])).toEqual(['E6', 'E7', 'E8']);
    expect(seen.rows[4]?.[7]).toBe('E10');
    expect(seen.rows.length).toBe(1 + 20 - 6 + 1);
    expect(seen.rows.at(-1)?.slice(0, 4)).toEqual(['2025-12-31', 'R1', 'O1', 150]);
    // Six rows above them went: row 15 → 9, 18 → 12, 19 → 13; row 5's note is gone.
    expect(seen.comments).toEqual({ G9: 'staff note on row 15' });
    expect(seen.hyperlinks).toEqual({ H12: 'https://example.org/slip/17' });
    expect(seen.merges).toEqual(['F13:G13']);
    expect(seen.conditional).toEqual(['D2:D15']);
    expect(seen.validations).toEqual(['D2:D15']);
    expect(seen.tables).toEqual({ Pieces: 'A1:H15' });
    expect(seen.names).toEqual({ slips: "'计件'!$H$2:$H$15" });
    expect(fs.existsSync(file)).toBe(true);
    // Every part still well-formed XML, as an application will parse it.
    const wellFormed = spawnSync(
      PYTHON,
      [path.join(path.dirname(FIXTURE), 'well_formed.py'), out],
      {
        encoding: 'utf8',
      },
    );
    expect(wellFormed.stdout + wellFormed.stderr).toBe('');
  });

  it('refuses rows holding formulas that would move, changing nothing', async () => {
    const { book } = await workbook('formula.xlsx');
    const xmlBefore = JSON.stringify(book.readTab(['计件']));
    const withFormula = path.join(folder, 'formula-in.xlsx');
    // openpyxl writes a formula into G12 of a copy; our editor reads it.
    spawnSync(PYTHON, [
      '-c',
      `from openpyxl import load_workbook\nb = load_workbook(${JSON.stringify(path.join(folder, 'formula.xlsx'))})\nb['计件']['G12'] = '=D12-E12'\nb.save(${JSON.stringify(withFormula)})`,
    ]);
    const formulaBook = await XlsxWorkbook.open(withFormula, {
      timeZone: 'Asia/Shanghai',
      envLang: 'zh-CN',
    });
    let refused: unknown = null;
    try {
      formulaBook.rewriteRows([
        { tab: '计件', newHeaders: [], remove: [2, 3], append: [['x']], numberFormats: [] },
      ]);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(WorkbookFileError);
    expect((refused as WorkbookFileError).render('zh-CN')).toMatch(/^「计件」第 12 行有公式/);
    expect(formulaBook.changed).toBe(false);
    expect(JSON.stringify(book.readTab(['计件']))).toBe(xmlBefore);
  });
});
