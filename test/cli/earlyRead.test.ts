/**
 * The workbook read early by the main thread (src/cli/earlyRead.ts) and handed to the worker
 * (src/cli/receiveEarlyRead.ts, src/xlsx/handedOver.ts), in this process: the bytes and the
 * inflated parts are used only for the very file opened, unchanged since they were read; a
 * file replaced or changed meanwhile (between the early read and the command's lock) is read
 * afresh. The built command runs with the early read in every other CLI suite; through it,
 * test/cli/disk.test.ts "two commands at once" is this file's end to end: the second command
 * reads the workbook early while the first holds it, and loses the first's month if the
 * identity check is taken out.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
// The modules themselves (not namespace copies), for spying on what the program calls.
import nodeFs from 'node:fs';
import zlib from 'node:zlib';
import { MessageChannel } from 'node:worker_threads';
import { Workbook as ExcelWorkbook } from 'exceljs';
import { inflateInSteps, readEarly, settled } from '../../src/cli/earlyRead';
import type { EarlyReadMessage } from '../../src/cli/earlyRead';
import { earlyReadTarget } from '../../src/cli/earlyReadTarget';
import { receiveEarlyRead } from '../../src/cli/receiveEarlyRead';
import { handOverFrom } from '../../src/xlsx/handedOver';
import { XlsxPackage } from '../../src/xlsx/package/package';
import { inflateEntry, readZip, writeZip } from '../../src/xlsx/package/zip';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { tempFolder } from './helpers';

const OPTIONS = { timeZone: 'Asia/Shanghai', envLang: 'en' } as const;
/** A clock long after any file of the test was written: every file counts as settled. */
const LATER = () => Date.now() + 60_000;
const ROWS = 3000;

let folder: string;
beforeEach(() => {
  folder = tempFolder('gongfang-early-');
});
afterEach(() => {
  handOverFrom(null);
  jest.restoreAllMocks();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** A workbook whose Pieces tab has ROWS rows noted `note`, and a Residents tab. */
async function ledger(name: string, note: string): Promise<string> {
  const book = new ExcelWorkbook();
  const residents = book.addWorksheet('居民');
  residents.addRow(['居民编号', '姓名']);
  residents.addRow(['R001', '王秀英']);
  const pieces = book.addWorksheet('计件');
  pieces.addRow(['日期', '居民编号', '订单编号', '完成数', '备注']);
  for (let row = 1; row <= ROWS; row += 1) pieces.addRow(['2026-11-02', 'R001', 'D1', row, note]);
  const file = path.join(folder, name);
  await book.xlsx.writeFile(file);
  return file;
}

/** What readEarly sends for `file`, all of it (the main thread's read is over). */
function earlyMessages(file: string, now = LATER): Promise<EarlyReadMessage[]> {
  const channel = new MessageChannel();
  const messages: EarlyReadMessage[] = [];
  return new Promise((resolve) => {
    let parts = -1;
    channel.port2.on('message', (message: EarlyReadMessage) => {
      messages.push(message);
      if (message.kind === 'file') parts = message.parts.length;
      else if (message.kind === 'part') parts -= 1;
      if (message.kind === 'none' || parts === 0) {
        channel.port2.close();
        resolve(messages);
      }
    });
    readEarly(file, channel.port1, now);
  });
}

/** The worker's side, fed `messages` as the main thread sent them. */
function handOver(messages: readonly EarlyReadMessage[]): () => void {
  const channel = new MessageChannel();
  const stop = receiveEarlyRead(channel.port2);
  for (const message of messages) {
    const bytes = message.kind === 'none' ? null : message.bytes;
    const moved = bytes?.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
    channel.port1.postMessage(message, moved);
  }
  channel.port1.close();
  return stop;
}

async function piecesNotes(file: string): Promise<unknown[]> {
  const workbook = await XlsxWorkbook.open(file, OPTIONS);
  const tab = workbook.readTab(['计件']);
  return (tab?.values ?? []).map((row) => row[4]);
}

/** The sizes of the parts this process inflated itself while `run` ran. */
async function inflatedSizes(run: () => Promise<unknown>): Promise<number[]> {
  const sizes: number[] = [];
  const inflate = zlib.inflateRawSync;
  jest.spyOn(zlib, 'inflateRawSync').mockImplementation((data, options) => {
    const bytes = inflate(data, options ?? {});
    sizes.push(bytes.length);
    return bytes;
  });
  await run();
  return sizes;
}

function piecesSize(file: string): number {
  const entry = readZip(fs.readFileSync(file)).find((e) => /sheet2\.xml$/.test(e.name));
  if (!entry) throw new Error('no Pieces sheet');
  return entry.size;
}

describe('the bytes read early', () => {
  test('are used for the same file, unchanged: not read again, Pieces not inflated again', async () => {
    const file = await ledger('ledger.xlsx', 'old');
    const messages = await earlyMessages(file);
    const announced = messages.find((m) => m.kind === 'file');
    expect(announced?.kind === 'file' && announced.parts).toEqual(
      expect.arrayContaining(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']),
    );
    handOver(messages);
    const readFile = jest.spyOn(nodeFs, 'readFile');
    let notes: unknown[] = [];
    const sizes = await inflatedSizes(async () => (notes = await piecesNotes(file)));
    expect(notes.slice(1)).toEqual(Array(ROWS).fill('old'));
    expect(readFile).not.toHaveBeenCalled();
    expect(sizes).not.toContain(piecesSize(file));
  });

  test('a file replaced after the early read (another inode) is read afresh', async () => {
    const file = await ledger('ledger.xlsx', 'old');
    const messages = await earlyMessages(file);
    fs.renameSync(await ledger('new.xlsx', 'new'), file);
    handOver(messages);
    const notes = await piecesNotes(file);
    expect(notes.slice(1)).toEqual(Array(ROWS).fill('new'));
  });

  test('a file written over in place after the early read is read afresh', async () => {
    const file = await ledger('ledger.xlsx', 'old');
    const messages = await earlyMessages(file);
    const inode = fs.statSync(file).ino;
    fs.writeFileSync(file, fs.readFileSync(await ledger('new.xlsx', 'NEW')));
    expect(fs.statSync(file).ino).toBe(inode);
    handOver(messages);
    const notes = await piecesNotes(file);
    expect(notes.slice(1)).toEqual(Array(ROWS).fill('NEW'));
  });

  test('the same bytes written again in place (times changed) are read afresh', async () => {
    const file = await ledger('ledger.xlsx', 'old');
    const messages = await earlyMessages(file);
    const past = new Date(Date.now() - 3_600_000);
    fs.writeFileSync(file, fs.readFileSync(file));
    fs.utimesSync(file, past, past);
    handOver(messages);
    const readFile = jest.spyOn(nodeFs, 'readFile');
    expect((await piecesNotes(file)).slice(1)).toEqual(Array(ROWS).fill('old'));
    expect(readFile).toHaveBeenCalledTimes(1);
  });

  test('serve only the file they were read from, once', async () => {
    const file = await ledger('ledger.xlsx', 'old');
    const other = await ledger('other.xlsx', 'other');
    handOver(await earlyMessages(file));
    expect((await piecesNotes(other)).slice(1)).toEqual(Array(ROWS).fill('other'));
    const readFile = jest.spyOn(nodeFs, 'readFile');
    expect((await piecesNotes(file)).slice(1)).toEqual(Array(ROWS).fill('old'));
    expect(readFile).toHaveBeenCalledTimes(1);
  });

  test('a file changed moments ago is not handed over: its times may not show the next change', async () => {
    const file = await ledger('ledger.xlsx', 'old');
    const justAfter = () => fs.statSync(file).ctimeMs + 5;
    expect(await earlyMessages(file, justAfter)).toEqual([{ kind: 'none' }]);
  });

  test('a missing file, or one that is not a workbook, is left to the worker to report', async () => {
    expect(await earlyMessages(path.join(folder, 'missing.xlsx'))).toEqual([{ kind: 'none' }]);
    expect(await earlyMessages(folder)).toEqual([{ kind: 'none' }]);
    if (process.platform !== 'win32') {
      // A FIFO is opened without waiting for a writer (that would hang the main thread).
      const fifo = path.join(folder, 'fifo.xlsx');
      execFileSync('mkfifo', [fifo]);
      expect(await earlyMessages(fifo)).toEqual([{ kind: 'none' }]);
    }
    const text = path.join(folder, 'text.xlsx');
    fs.writeFileSync(text, 'not a zip');
    const messages = await earlyMessages(text);
    expect(messages).toEqual([expect.objectContaining({ kind: 'file', parts: [] })]);
    handOver(messages);
    const refused = await XlsxWorkbook.open(text, OPTIONS).catch((error: unknown) => error);
    expect(refused).toMatchObject({ key: 'cliNotAWorkbook' });
  });
});

describe('the parts inflated early', () => {
  /** A package with a Pieces sheet of `pieces` and a Residents sheet. */
  function packageWith(pieces: string): string {
    const file = path.join(folder, 'package.xlsx');
    const rel = (id: string, type: string, target: string) =>
      `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
    const parts: [string, string][] = [
      [
        '_rels/.rels',
        `<Relationships>${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
      ],
      [
        'xl/workbook.xml',
        '<workbook xmlns:r="r"><sheets><sheet name="Pieces" sheetId="1" r:id="rId1"/>' +
          '<sheet name="居民" sheetId="2" r:id="rId2"/></sheets></workbook>',
      ],
      [
        'xl/_rels/workbook.xml.rels',
        `<Relationships>${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${rel('rId2', 'worksheet', 'worksheets/sheet2.xml')}</Relationships>`,
      ],
      ['xl/worksheets/sheet1.xml', pieces],
      ['xl/worksheets/sheet2.xml', `<worksheet>${'<row/>'.repeat(100)}</worksheet>`],
    ];
    writeZip(
      file,
      parts.map(([name, text]) => ({ kind: 'new', name, data: Buffer.from(text) })),
    );
    return file;
  }

  test('are the tabs read first, the Pieces sheet among them', async () => {
    const messages = await earlyMessages(
      packageWith(`<worksheet>${'<row/>'.repeat(1000)}</worksheet>`),
    );
    expect(messages[0]).toMatchObject({
      kind: 'file',
      // Smallest first: the worker reads the small tabs first, Pieces last.
      parts: ['xl/worksheets/sheet2.xml', 'xl/worksheets/sheet1.xml'],
    });
  });

  test('none when the Pieces sheet is too big to inflate ahead: only the bytes go over', async () => {
    // 2 MB that pack 1,000 times over: past the 100× a part may be inflated ahead at.
    const messages = await earlyMessages(
      packageWith(`<worksheet>${' '.repeat(2_000_000)}</worksheet>`),
    );
    expect(messages).toEqual([expect.objectContaining({ kind: 'file', parts: [] })]);
  });
});

describe('a part inflated a step at a time', () => {
  function entryOf(text: string) {
    const file = path.join(folder, 'steps.zip');
    writeZip(file, [{ kind: 'new', name: 'a.xml', data: Buffer.from(text) }]);
    const [entry] = readZip(fs.readFileSync(file));
    if (!entry) throw new Error('no entry');
    return entry;
  }
  const text = Array.from({ length: 20_000 }, (_, i) => `<row r="${i}">${i * 7919}</row>`).join('');

  test('gives the bytes inflateEntry gives, in one buffer (no copy)', async () => {
    const entry = entryOf(text);
    expect(entry.compressedSize).toBeGreaterThan(10 * 1024);
    const bytes = await inflateInSteps(entry, () => false, 1024);
    expect(bytes?.equals(inflateEntry(entry))).toBe(true);
    expect(bytes?.buffer.byteLength).toBe(entry.size + 1);
  });

  test('stops, giving nothing, once stopped', async () => {
    const entry = entryOf(text);
    let steps = 0;
    expect(await inflateInSteps(entry, () => ++steps > 3, 1024)).toBeNull();
    expect(steps).toBe(4);
  });

  test('gives nothing for a part that inflates past its declared size', async () => {
    const entry = entryOf(text);
    expect(await inflateInSteps({ ...entry, size: entry.size - 1 }, () => false, 1024)).toBeNull();
    expect(await inflateInSteps({ ...entry, size: entry.size + 1 }, () => false, 1024)).toBeNull();
  });
});

describe('settled: times a later change would show in', () => {
  const times = (mtimeMs: number, ctimeMs = mtimeMs) => ({
    dev: 1,
    ino: 2,
    size: 3,
    mtimeMs,
    ctimeMs,
  });
  const now = 1_800_000_000_000.5;
  test('times with a fraction of a millisecond (ext4, xfs, btrfs, tmpfs, APFS, NTFS)', () => {
    expect(settled(times(now - 20.25), now)).toBe(true);
    expect(settled(times(now - 5.25), now)).toBe(false);
    expect(settled(times(now - 60_000.25, now - 1.25), now)).toBe(false);
  });
  test('whole milliseconds or seconds (FAT keeps two): three seconds', () => {
    const whole = Math.floor(now / 1000) * 1000;
    expect(settled(times(whole - 2000), now)).toBe(false);
    expect(settled(times(whole - 4000), now)).toBe(true);
  });
});

describe('the workbook a command will open, from its arguments alone', () => {
  const cwd = '/work/folder';
  test.each([
    [['check', 'ledger.xlsx'], '/work/folder/ledger.xlsx'],
    [['check', '--mark', '--today', '2026-11-28', 'a.xlsx', '--json'], '/work/folder/a.xlsx'],
    [['generate', '--month', '2026-11', '-o', 'out.xlsx', '/x/in.xlsx'], '/x/in.xlsx'],
    [['close', '--by', 'Li', '--month', '2026-11', 'l.xlsx'], '/work/folder/l.xlsx'],
    [['partners', '--out-dir', 'reports', 'l.xlsx'], '/work/folder/l.xlsx'],
    [['reopen', '--reason', 'x.xlsx', 'l.xlsx'], '/work/folder/l.xlsx'],
    [['year', '--year', '2026', 'l.xlsx'], '/work/folder/l.xlsx'],
    [['archive', 'l.xlsx'], '/work/folder/l.xlsx'],
    [['init', 'l.xlsx'], '/work/folder/l.xlsx'],
  ])('%j → %s', (argv, file) => {
    expect(earlyReadTarget(argv, cwd)).toBe(file);
  });
  test.each([
    [['demo', 'l.xlsx']],
    [['check']],
    [['check', 'l.xlsx', '--help']],
    [['generate', '-v', 'l.xlsx']],
    [['nonsense', 'l.xlsx']],
    [['--version']],
    [[]],
  ])('%j → none', (argv) => {
    expect(earlyReadTarget(argv, cwd)).toBeNull();
  });
});

describe('a package takes parts inflated elsewhere', () => {
  test('only with the size the directory declares; otherwise it inflates the part itself', async () => {
    const file = path.join(folder, 'parts.zip');
    const text = 'x'.repeat(10_000);
    writeZip(file, [{ kind: 'new', name: 'a.xml', data: Buffer.from(text) }]);
    const pkg = new XlsxPackage(readZip(fs.readFileSync(file)));
    pkg.takeInflated({
      names: ['a.xml'],
      take: () => Buffer.from('short'),
      arrival: () => Promise.resolve(),
    });
    await pkg.inflateAhead([]);
    expect(pkg.readText('a.xml')).toBe(text);
  });

  test('the bytes handed out once: a second read inflates again', async () => {
    const file = path.join(folder, 'parts.zip');
    const text = 'y'.repeat(10_000);
    writeZip(file, [{ kind: 'new', name: 'a.xml', data: Buffer.from(text) }]);
    const pkg = new XlsxPackage(readZip(fs.readFileSync(file)));
    const handed = Buffer.from('z'.repeat(10_000));
    let taken = 0;
    pkg.takeInflated({
      names: ['a.xml'],
      take: () => (taken++ === 0 ? handed : undefined),
      arrival: () => Promise.resolve(),
    });
    expect(pkg.read('a.xml')).toBe(handed);
    expect(pkg.readText('a.xml')).toBe(text);
  });
});
