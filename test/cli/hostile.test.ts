/**
 * Packages the built command must refuse, not guess at (docs/xlsx.md, "Refused packages"): a
 * part stored twice, sizes the package misstates, a zip bomb, a character reference to no
 * character, and a Strict Open XML workbook saved by Excel. Each is exit 2 with a message
 * naming the problem and the next step, in either language, and nothing is written. The
 * hostile files are made with Python's zipfile from the demo workbook (a tool we did not write).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, fileHash, gongfang, tempFolder } from './helpers';

jest.setTimeout(300_000);

const PYTHON = '/usr/bin/python3';
const TODAY = '2026-11-28';
const pythonMissing =
  spawnSync(PYTHON, ['-c', 'import zipfile, zlib'], { encoding: 'utf8' }).status === 0
    ? null
    : `${PYTHON} is not installed`;
if (pythonMissing) console.log(`hostile-package tests skipped: ${pythonMissing}`);
const withPython = pythonMissing ? test.skip : test;

let made: string;
let folder: string;
beforeAll(() => {
  made = tempFolder('gongfang-hostile-made-');
  const result = gongfang(['demo', '--today', TODAY, '--out', 'ledger.xlsx'], { cwd: made });
  expect(result.code).toBe(0);
});
afterAll(() => fs.rmSync(made, { recursive: true, force: true }));
beforeEach(() => {
  folder = tempFolder('gongfang-hostile-');
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

const at = (name: string) => path.join(folder, name);

/**
 * Rewrites the demo into `name` with Python: `edit` is the body of a function
 * `edit(name, data)` returning a list of (name, data) entries to store instead (the Pieces
 * sheet's name is in `PIECES`), written with ZipInfo so the names are stored as given.
 */
function rebuilt(name: string, edit: string): string {
  return rebuiltWithPieces(name, edit).file;
}

function rebuiltWithPieces(name: string, edit: string): { file: string; pieces: string } {
  const script = `
import sys, zipfile, zlib
source, target = sys.argv[1], sys.argv[2]
zin = zipfile.ZipFile(source)
PIECES = next(n for n in zin.namelist() if n.startswith('xl/worksheets/sheet') and b'>Completed<' in zin.read(n))
def edit(name, data):
${edit
  .trim()
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        for entry_name, data in edit(info.filename, zin.read(info.filename)):
            zout.writestr(zipfile.ZipInfo(entry_name, info.date_time), data, zipfile.ZIP_DEFLATED)
print(PIECES)
`;
  const run = spawnSync(
    PYTHON,
    ['-W', 'ignore', '-c', script, path.join(made, 'ledger.xlsx'), at(name)],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return { file: at(name), pieces: run.stdout.trim() };
}

/** Files gongfang leaves only while it runs. */
function leftovers(): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.gongfang-tmp') || name.includes('gongfang-lock'));
}

/**
 * Every way in refuses the file with exit 2 and writes nothing: a plain check, a writing
 * command on the file itself, and generate --out to another file.
 */
function expectRefused(file: string, english: readonly string[], chinese: readonly string[]) {
  const name = path.basename(file);
  const before = fileHash(file);
  const check = gongfang(['check', name], { cwd: folder });
  expect({ code: check.code, stdout: check.stdout }).toEqual({ code: 2, stdout: '' });
  for (const text of english) expect(check.stderr).toContain(text);
  expect(check.stderr).not.toContain('Unexpected error');
  const generate = gongfang(['generate', name, '--month', '2026-11'], { cwd: folder, lang: 'zh' });
  expect(generate.code).toBe(2);
  for (const text of chinese) expect(generate.stderr).toContain(text);
  const out = gongfang(['generate', name, '--month', '2026-11', '--out', 'out.xlsx'], {
    cwd: folder,
  });
  expect(out.code).toBe(2);
  expect(fs.existsSync(at('out.xlsx'))).toBe(false);
  expect(fileHash(file)).toBe(before);
  expect(leftovers()).toEqual([]);
}

describe('hostile and ambiguous packages are refused, and nothing is written', () => {
  withPython('a part stored twice: which copy is the ledger is not guessed', () => {
    // The second copy of the Pieces sheet holds other counts than the first.
    const file = rebuilt(
      'twice.xlsx',
      `
if name != PIECES:
    return [(name, data)]
return [(name, data), (name, data.replace(b'<v>1', b'<v>9'))]`,
    );
    expectRefused(
      file,
      [
        '"twice.xlsx" was refused',
        'holds the part "xl/worksheets/sheet',
        'twice',
        'Nothing was read or written',
        'save it again',
      ],
      ['拒绝读取「twice.xlsx」', '存了两份', '另存为'],
    );
  });

  withPython('a size the package misstates, in its directory or in a local header', () => {
    const smaller = rebuiltWithPieces('smaller.xlsx', 'return [(name, data)]');
    // The central directory and the local header both record the Pieces sheet as 1 byte shorter.
    patchSizes(smaller.file, smaller.pieces, (size) => size - 1, true);
    expectRefused(
      smaller.file,
      ['"smaller.xlsx" was refused', 'is not the size the package records'],
      ['实际大小和文件包记录的不符'],
    );
    const local = rebuiltWithPieces('local.xlsx', 'return [(name, data)]');
    patchSizes(local.file, local.pieces, (size) => size + 7, false);
    expectRefused(
      local.file,
      ['is not the size the package records (local header ≠ central directory)'],
      ['实际大小和文件包记录的不符'],
    );
  });

  withPython('a zip bomb: a part that would inflate 1,000-fold is refused before inflating', () => {
    // 200 MB of spaces inside <sheetData> deflate to about 200 KB.
    const bomb = rebuilt(
      'bomb.xlsx',
      `
if name != PIECES:
    return [(name, data)]
return [(name, data.replace(b'<sheetData>', b'<sheetData>' + b' ' * (200 * 1024 * 1024), 1))]`,
    );
    expectRefused(
      bomb,
      [
        'would unpack to 200 MB (',
        'KB packed)',
        'a part at most 100 times its packed size and 256 MB',
      ],
      ['解压后会有 200 MB', '压缩大小的 100 倍'],
    );
  });

  withPython('a zip bomb that understates its size is stopped at the size it states', () => {
    const bomb = rebuiltWithPieces(
      'lying.xlsx',
      `
if name != PIECES:
    return [(name, data)]
return [(name, data.replace(b'<sheetData>', b'<sheetData>' + b' ' * (200 * 1024 * 1024), 1))]`,
    );
    // It claims to unpack to 512 KB, well within the limit for its compressed size.
    patchSizes(bomb.file, bomb.pieces, () => 512 * 1024, true);
    expectRefused(
      bomb.file,
      ['is not the size the package records (> 524288)'],
      ['实际大小和文件包记录的不符'],
    );
  });

  withPython('a character reference to no character, in a cell or in a tab name', () => {
    const cell = rebuilt(
      'character.xlsx',
      `
if name != PIECES:
    return [(name, data)]
return [(name, data.replace(b'</t>', b'&#x110000;</t>', 1))]`,
    );
    expectRefused(
      cell,
      ['"character.xlsx" was refused', '&#x110000;', 'which names no character'],
      ['&#x110000;', '不代表任何字符'],
    );
    const tabName = rebuilt(
      'tab-name.xlsx',
      `
if name != 'xl/workbook.xml':
    return [(name, data)]
return [(name, data.replace(b'name="Pieces"', b'name="Pieces&#0;"', 1))]`,
    );
    expectRefused(tabName, ['&#0;', 'xl/workbook.xml'], ['&#0;']);
  });

  test('Strict Open XML saved by Excel: refused, saying how to save an ordinary .xlsx', () => {
    fs.copyFileSync(
      path.join(ROOT, 'test', 'fixtures', 'hostile', 'excel-strict.xlsx'),
      at('strict.xlsx'),
    );
    expectRefused(
      at('strict.xlsx'),
      [
        '"strict.xlsx" is saved as "Strict Open XML Spreadsheet"',
        'File › Save As',
        'Excel Workbook (*.xlsx)',
      ],
      ['「strict.xlsx」是「Strict Open XML 电子表格」格式', '另存为'],
    );
  });
});

/**
 * Sets the uncompressed size the package records for `part`: in the central directory, and
 * in the local header too when `both`.
 */
function patchSizes(
  file: string,
  part: string,
  size: (recorded: number) => number,
  both: boolean,
): void {
  const buffer = fs.readFileSync(file);
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let offset = buffer.readUInt32LE(end + 16);
  const count = buffer.readUInt16LE(end + 10);
  for (let index = 0; index < count; index += 1) {
    const nameLength = buffer.readUInt16LE(offset + 28);
    const name = buffer.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    if (name === part) {
      const wanted = size(buffer.readUInt32LE(offset + 24));
      if (both) buffer.writeUInt32LE(wanted, offset + 24);
      buffer.writeUInt32LE(wanted, buffer.readUInt32LE(offset + 42) + 22);
    }
    offset += 46 + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  fs.writeFileSync(file, buffer);
}
