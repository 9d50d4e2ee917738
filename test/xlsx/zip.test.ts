/**
 * The zip reader's refusals in this process (test/cli/hostile.test.ts runs real hostile files
 * through the built command): names stored twice in any case or slash, entries sharing bytes
 * (the overlapping zip bomb), and the inflate limit.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { XlsxPackage } from '../../src/xlsx/package/package';
import { PackageRefused } from '../../src/xlsx/package/refusal';
import {
  INFLATE_CEILING,
  INFLATE_FLOOR,
  inflateEntry,
  inflateEntryAsync,
  inflateEntryChunks,
  inflateLimit,
  readZip,
  runEnds,
  writeZip,
  writeZipInParallel,
} from '../../src/xlsx/package/zip';
import type { StreamedData } from '../../src/xlsx/package/zip';
import { tempFolder } from '../cli/helpers';

let folder: string;
beforeEach(() => {
  folder = tempFolder('gongfang-zip-');
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

function zipOf(entries: readonly [string, string | Buffer][]): Buffer {
  const file = path.join(folder, 'test.zip');
  writeZip(
    file,
    entries.map(([name, data]) => ({ kind: 'new', name, data: Buffer.from(data) })),
  );
  return fs.readFileSync(file);
}

function refusal(read: () => unknown): PackageRefused {
  try {
    read();
  } catch (error) {
    if (error instanceof PackageRefused) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readZip refuses what readers could read differently', () => {
  test('a part name stored twice, also in another case or with a backslash or leading slash', () => {
    for (const second of [
      'xl/workbook.xml',
      'XL/Workbook.xml',
      'xl\\workbook.xml',
      '/xl/workbook.xml',
    ]) {
      const buffer = zipOf([
        ['xl/workbook.xml', '<workbook/>'],
        [second, '<workbook>other</workbook>'],
      ]);
      const error = refusal(() => readZip(buffer));
      expect({ second, problem: error.problem, part: error.part }).toEqual({
        second,
        problem: 'duplicatePart',
        part: second,
      });
    }
    expect(
      readZip(
        zipOf([
          ['a.xml', 'a'],
          ['b.xml', 'b'],
        ]),
      ).map((e) => e.name),
    ).toEqual(['a.xml', 'b.xml']);
  });

  test('two directory records pointing at one entry’s bytes (an overlapping zip bomb)', () => {
    const buffer = zipOf([
      ['a.xml', 'first'],
      ['b.xml', 'second'],
    ]);
    // Point b.xml's central record at a.xml's local header, and give it a.xml's name there.
    const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const first = buffer.readUInt32LE(end + 16);
    const second = first + 46 + buffer.readUInt16LE(first + 28);
    buffer.writeUInt32LE(buffer.readUInt32LE(first + 42), second + 42);
    buffer.copy(buffer, second + 16, first + 16, first + 28);
    const error = refusal(() => readZip(buffer));
    expect(['overlappingEntries', 'headerMismatch']).toContain(error.problem);
  });

  test('a local header naming another part than the directory does', () => {
    const buffer = zipOf([['a.xml', 'first']]);
    buffer.write('b', 30, 'latin1');
    expect(refusal(() => readZip(buffer)).problem).toBe('headerMismatch');
  });
});

/** How a writer that streams its parts ends each one: the sizes after the data. */
type Descriptor = 'wide' | 'signed' | 'bare';

/**
 * A zip whose local headers leave the sizes to a data descriptor. 'wide' is laid out as Apache
 * POI 5's streaming writer lays it out (SXSSF's Zip64Impl, "Excel compatible Zip64"): local
 * headers of version 4.5, the descriptor's sizes 8 bytes each even for a small part, the
 * central directory plain. 'signed' and 'bare' are the usual 4-byte sizes, with and without
 * the descriptor's signature.
 */
function streamedZip(parts: readonly [string, string][], kind: Descriptor): Buffer {
  const records: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const data = Buffer.from(text);
    const packed = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(kind === 'wide' ? 45 : 20, 4);
    local.writeUInt16LE(8, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(kind === 'wide' ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    if (kind === 'wide') {
      descriptor.writeBigUInt64LE(BigInt(packed.length), 8);
      descriptor.writeBigUInt64LE(BigInt(data.length), 16);
    } else {
      descriptor.writeUInt32LE(packed.length, 8);
      descriptor.writeUInt32LE(data.length, 12);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    const ending = kind === 'bare' ? descriptor.subarray(4) : descriptor;
    const record = Buffer.concat([local, Buffer.from(name), packed, ending]);
    records.push(record);
    centrals.push(Buffer.concat([central, Buffer.from(name)]));
    offset += record.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...records, directory, end]);
}

describe('data descriptors (sizes after the data, as streaming writers leave them)', () => {
  test.each<Descriptor>(['wide', 'signed', 'bare'])(
    '%s: every entry reads, and is copied whole',
    (kind) => {
      const parts: [string, string][] = [
        ['[Content_Types].xml', '<Types/>'],
        ['xl/worksheets/sheet1.xml', '<worksheet>'.repeat(50)],
        ['xl/empty.xml', ''],
      ];
      const buffer = streamedZip(parts, kind);
      const entries = readZip(buffer);
      expect(entries.map((entry) => [entry.name, inflateEntry(entry).toString()])).toEqual(parts);
      const file = path.join(folder, 'copied.zip');
      writeZip(
        file,
        entries.map((entry) => ({ kind: 'stored', entry })),
      );
      // Nothing of the package is lost: written back, it is the same file byte for byte.
      expect(fs.readFileSync(file).equals(buffer)).toBe(true);
    },
  );
});

describe('inflating a part', () => {
  test('the limit: 100 times the packed size, at least 1 MiB, at most 480 MiB', () => {
    expect(inflateLimit(100)).toBe(INFLATE_FLOOR);
    expect(inflateLimit(200_000)).toBe(20_000_000);
    expect(inflateLimit(10_000_000)).toBe(INFLATE_CEILING);
    expect(INFLATE_CEILING).toBe(480 * 1024 * 1024);
  });

  test("a ten-year ledger's Pieces sheet is within the limit (issue 19: 1,000,000 rows)", () => {
    // The bench's 1,000,000-row workbook: the Pieces part is 312 MB, 47 MB packed.
    expect(inflateLimit(47_000_000)).toBeGreaterThanOrEqual(312_000_000);
    // And the longest string Node holds (the sheet editor keeps a part as one) is longer.
    expect(INFLATE_CEILING).toBeLessThan(2 ** 29 - 24);
  });

  test('a part that inflates beyond the size it states is stopped at that size', () => {
    // Text that packs only a little, like real cell data.
    const data = Buffer.from(randomBytes(1024 * 1024).toString('base64'));
    const [entry] = readZip(zipOf([['sheet.xml', data]]));
    if (!entry) throw new Error('no entry');
    expect(inflateEntry(entry).length).toBe(data.length);
    const lying = { ...entry, size: 4096 };
    const error = refusal(() => inflateEntry(lying));
    expect(error.problem).toBe('sizeMismatch');
    expect(error.detail).toBe('> 4096');
    // Within its limit, and inflating to less than it states.
    const short = { ...entry, size: data.length + 1 };
    expect(refusal(() => inflateEntry(short)).problem).toBe('sizeMismatch');
    // Beyond the limit for its packed size: refused before inflating.
    const bomb = { ...entry, size: inflateLimit(entry.compressedSize) + 1 };
    expect(refusal(() => inflateEntry(bomb)).problem).toBe('tooLarge');
    // The packed bytes are a real deflate stream of the data (whatever level the writer chose).
    const packed = entry.local.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    expect(zlib.inflateRawSync(packed).equals(data)).toBe(true);
  });
});

/** What an inflate gave: its bytes, or its refusal's problem and detail, or another error. */
async function outcome(inflate: () => Buffer | Promise<Buffer>): Promise<unknown> {
  try {
    return { bytes: (await inflate()).toString('base64') };
  } catch (error) {
    if (error instanceof PackageRefused) return { problem: error.problem, detail: error.detail };
    return { error: error instanceof Error ? error.constructor.name + error.message : error };
  }
}

/**
 * A deflated entry of `bytes` random bytes (as base64), and the ways a package can lie about
 * it: stored, sizes too small, too big and past the limit, cut short, damaged, unknown method.
 */
function entryVariants(bytes: number) {
  const data = Buffer.from(randomBytes(bytes).toString('base64'));
  const [entry, stored] = readZip(
    zipOf([
      ['sheet.xml', data],
      ['empty.xml', ''],
    ]),
  );
  if (!entry || !stored) throw new Error('no entry');
  const packed = entry.local.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  const damaged = Buffer.from(entry.local);
  damaged[entry.dataStart + 10] = (damaged[entry.dataStart + 10] ?? 0) ^ 0xff;
  const cases = [
    entry,
    stored,
    { ...entry, size: 4096 },
    { ...entry, size: data.length + 1 },
    { ...entry, size: data.length - 1 },
    { ...entry, size: inflateLimit(entry.compressedSize) + 1 },
    { ...entry, compressedSize: packed.length - 100 },
    { ...entry, local: damaged },
    { ...entry, method: 12 },
  ];
  return { data, entry, cases };
}

describe('inflating a part on the thread pool (read ahead while other parts are read)', () => {
  test('gives the bytes, or the refusal, that inflating here gives', async () => {
    const { data, entry, cases } = entryVariants(256 * 1024);
    for (const [index, variant] of cases.entries()) {
      const here = await outcome(() => inflateEntry(variant));
      const ahead = await outcome(() => inflateEntryAsync(variant));
      expect({ index, ahead }).toEqual({ index, ahead: here });
    }
    expect(await outcome(() => inflateEntryAsync(entry))).toEqual({
      bytes: data.toString('base64'),
    });
  });

  test('inflated in chunks (a streamed edit): the bytes, or the refusal, inflating here gives', async () => {
    const { entry, cases } = entryVariants(3 * 1024 * 1024);
    const chunked = async (variant: typeof entry) => {
      const chunks: Buffer[] = [];
      for await (const chunk of inflateEntryChunks(variant)) chunks.push(chunk);
      // In pieces, not one buffer of the whole part.
      if (variant === entry) expect(chunks.length).toBeGreaterThan(2);
      return Buffer.concat(chunks);
    };
    for (const [index, variant] of cases.entries()) {
      const here = await outcome(() => inflateEntry(variant));
      const inChunks = await outcome(() => chunked(variant));
      expect({ index, inChunks }).toEqual({ index, inChunks: here });
    }
  });

  test('a part inflated ahead is handed out once, and refused only when it is read', async () => {
    const data = Buffer.from(randomBytes(64 * 1024).toString('base64'));
    const entries = readZip(
      zipOf([
        ['a.xml', data],
        ['b.xml', 'bee'],
      ]),
    );
    const lying = entries.map((entry) => (entry.name === 'b.xml' ? { ...entry, size: 2 } : entry));
    const pkg = new XlsxPackage(lying, 'book.xlsx');
    await pkg.inflateAhead(['a.xml', 'B.XML', 'missing.xml']);
    const first = pkg.read('a.xml');
    expect(first?.equals(data)).toBe(true);
    // A second read inflates again: the buffer read ahead is not held for it.
    const second = pkg.read('a.xml');
    expect(second?.equals(data)).toBe(true);
    expect(second).not.toBe(first);
    const error = refusal(() => pkg.read('b.xml'));
    expect({ problem: error.problem, part: error.part, file: error.file }).toEqual({
      problem: 'sizeMismatch',
      part: 'b.xml',
      file: 'book.xlsx',
    });
    // A part written meanwhile is read as written.
    await pkg.inflateAhead(['a.xml']);
    pkg.write('a.xml', 'new');
    expect(pkg.read('a.xml')?.toString()).toBe('new');
  });

  test('a part kept for a second read (check --mark) is inflated once, then let go', async () => {
    const data = Buffer.from(randomBytes(64 * 1024).toString('base64'));
    const entries = readZip(
      zipOf([
        ['a.xml', data],
        ['b.xml', 'bee'],
      ]),
    );
    const pkg = new XlsxPackage(entries, 'book.xlsx');
    pkg.keepForSecondRead(['A.XML', 'b.xml', 'missing.xml']);
    await pkg.inflateAhead(['a.xml']);
    const first = pkg.read('a.xml');
    expect(first?.equals(data)).toBe(true);
    // The same bytes, not inflated again: the read that edits gets what the read that checked had.
    expect(pkg.read('a.xml')).toBe(first);
    // Then let go: a third read inflates again.
    const third = pkg.read('a.xml');
    expect(third?.equals(data)).toBe(true);
    expect(third).not.toBe(first);
    // Bytes held for a part written meanwhile are not its bytes any more.
    expect(pkg.read('b.xml')?.toString()).toBe('bee');
    pkg.write('b.xml', 'new');
    expect(pkg.read('b.xml')?.toString()).toBe('new');
    pkg.remove('b.xml');
    expect(pkg.read('b.xml')).toBeNull();
  });
});

describe('writing a part given in pieces (an edited sheet: slices of the part read, rows changed)', () => {
  test.each([
    ['in this thread', writeZip],
    ['side by side on the thread pool', writeZipInParallel],
  ])(
    'is one deflate stream of the pieces joined, with their CRC (%s), as Python zipfile reads it',
    async (_, write) => {
      const text = (bytes: number) => Buffer.from(randomBytes(bytes).toString('base64'));
      const big = text(3 * 1024 * 1024);
      const pieces = [
        Buffer.from('<worksheet><sheetData>'),
        big.subarray(0, 1500 * 1024),
        Buffer.from('<row r="7"><c r="A7"><v>计件</v></c></row>'),
        Buffer.alloc(0),
        ...Array.from({ length: 300 }, () => text(5000)),
        big.subarray(1500 * 1024),
        Buffer.from('</sheetData></worksheet>'),
      ];
      const joined = Buffer.concat(pieces);
      const file = path.join(folder, 'pieces.zip');
      await write(file, [
        { kind: 'new', name: 'xl/worksheets/sheet1.xml', data: pieces },
        { kind: 'new', name: 'empty.xml', data: [] },
        { kind: 'new', name: 'small.xml', data: [Buffer.from('<a/>'), Buffer.from('<b/>')] },
      ]);
      const [sheet, empty, small] = readZip(fs.readFileSync(file));
      if (!sheet || !empty || !small) throw new Error('entries missing');
      expect(inflateEntry(sheet).equals(joined)).toBe(true);
      expect(inflateEntry(empty).length).toBe(0);
      expect(inflateEntry(small).toString()).toBe('<a/><b/>');
      expect(sheet.central.readUInt32LE(16)).toBe(zlib.crc32(joined));
      // A reader we did not write checks the stream and the CRC.
      const python = `import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nsys.stdout.write(str(len(z.read('xl/worksheets/sheet1.xml'))))`;
      expect(execFileSync('python3', ['-c', python, file]).toString()).toBe(String(joined.length));
    },
  );
});

/**
 * `pkg` written twice, its big parts deflated on the thread pool (ahead where they were) and
 * all in this thread: the same bytes. Returns the first file.
 */
async function writtenBothWays(pkg: XlsxPackage): Promise<string> {
  const when = new Date(2026, 10, 28, 12, 0, 0);
  const ahead = path.join(folder, 'ahead.zip');
  const here = path.join(folder, 'here.zip');
  await writeZipInParallel(ahead, pkg.entries(), when);
  writeZip(here, pkg.entries(), when);
  expect(fs.readFileSync(ahead).equals(fs.readFileSync(here))).toBe(true);
  return ahead;
}

describe('big parts deflated as soon as they are written to the package (deflateAhead)', () => {
  test('the bytes the write would deflate, of the newest content, for several parts at once', async () => {
    const text = (bytes: number) => Buffer.from(randomBytes(bytes).toString('base64'));
    const pkg = new XlsxPackage([]);
    const payout = text(2 * 1024 * 1024);
    const payslips = [text(1024 * 1024), Buffer.from('<row/>'), text(1024 * 1024)];
    pkg.write('xl/worksheets/sheet1.xml', text(2 * 1024 * 1024));
    pkg.write('xl/worksheets/sheet2.xml', payslips);
    pkg.write('small.xml', '<a/>');
    // Written again before the save (Audit protected, a tab replaced): the first deflate is
    // of bytes no longer the part's.
    pkg.write('xl/worksheets/sheet1.xml', payout);
    const ahead = await writtenBothWays(pkg);
    const [sheet1, sheet2, small] = readZip(fs.readFileSync(ahead));
    expect(sheet1 && inflateEntry(sheet1).equals(payout)).toBe(true);
    expect(sheet2 && inflateEntry(sheet2).equals(Buffer.concat(payslips))).toBe(true);
    expect(small && inflateEntry(small).toString()).toBe('<a/>');
  });
});

describe('dense parts (base64 of packed bytes: the change log’s snapshot tabs)', () => {
  test('are packed by Huffman codes alone, ahead or at the write alike, as the newest write says', async () => {
    const text = (bytes: number) => Buffer.from(randomBytes(bytes).toString('base64'));
    const huffman = (data: Buffer, level: number) =>
      zlib.deflateRawSync(data, { level, strategy: zlib.constants.Z_HUFFMAN_ONLY });
    const pkg = new XlsxPackage([]);
    // Big enough to be deflated ahead (level 1), small (level 6), and one written dense, then
    // written again as an ordinary part.
    const big = text(900 * 1024);
    const small = text(20_000);
    const again = text(900 * 1024);
    pkg.write('xl/worksheets/sheet1.xml', big, { dense: true });
    pkg.write('xl/worksheets/sheet2.xml', small, { dense: true });
    pkg.write('xl/worksheets/sheet3.xml', again, { dense: true });
    pkg.write('xl/worksheets/sheet3.xml', again);
    const ahead = await writtenBothWays(pkg);
    const packed = readZip(fs.readFileSync(ahead)).map((entry) =>
      entry.local.subarray(entry.dataStart, entry.dataStart + entry.compressedSize),
    );
    expect(packed[0]?.equals(huffman(big, 1))).toBe(true);
    expect(packed[1]?.equals(huffman(small, 6))).toBe(true);
    expect(packed[2]?.equals(zlib.deflateRawSync(again, { level: 1 }))).toBe(true);
    // A reader we did not write inflates them.
    const python = `import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nsys.stdout.write(str(sum(len(z.read(n)) for n in z.namelist())))`;
    const total = big.length + small.length + again.length;
    expect(execFileSync('python3', ['-c', python, ahead]).toString()).toBe(String(total));
  });
});

describe('writing a part made as it is written (a streamed edit of a big sheet)', () => {
  /** Text that deflates about as a sheet does, not as random bytes or one repeated byte. */
  function sheetLike(length: number, seed: number): Buffer {
    const bytes = Buffer.alloc(length);
    let state = seed >>> 0 || 1;
    for (let at = 0; at < length; at += 1) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      bytes[at] = 0x30 + ((state >>> 16) % (at % 700 < 350 ? 10 : 40));
    }
    return bytes;
  }

  function streamed(pieces: readonly Buffer[], chunkSizes: readonly number[]): StreamedData {
    const whole = Buffer.concat(pieces);
    return {
      pieceLengths: pieces.map((piece) => piece.length),
      pieces: () => pieces,
      chunks: async function* () {
        let at = 0;
        for (let index = 0; at < whole.length; index += 1) {
          const size = chunkSizes[index % chunkSizes.length] ?? 1;
          yield whole.subarray(at, at + size);
          at += size;
          await new Promise((resolve) => setImmediate(resolve));
        }
      },
    };
  }

  test('runEnds cuts runs where the pieces are cut (joined up to 1 MiB, a big piece alone)', () => {
    const MiB = 1024 * 1024;
    expect(runEnds([])).toEqual({ ends: [0], size: 0 });
    expect(runEnds([0, 10, 0])).toEqual({ ends: [10], size: 10 });
    expect(runEnds([10, 2 * MiB, 20])).toEqual({
      ends: [10, 10 + 2 * MiB, 30 + 2 * MiB],
      size: 30 + 2 * MiB,
    });
    expect(runEnds([MiB - 1, 1, 5, MiB])).toEqual({
      ends: [MiB, MiB + 5, 2 * MiB + 5],
      size: 2 * MiB + 5,
    });
    expect(runEnds([MiB - 1, 2, 5])).toEqual({ ends: [MiB + 1, MiB + 6], size: MiB + 6 });
  });

  // Long stretches (one run over 4 MiB, fed to a zlib stream), stretches joined with rows, an
  // empty part; chunks cut anywhere, smaller and bigger than the runs.
  test.each([
    ['a long stretch between rows', [30, 9 * 1024 * 1024 + 7, 300, 2 * 1024 * 1024, 40]],
    ['many short stretches', Array.from({ length: 40 }, (_, i) => (i % 2 ? 90 : 200_000 + i))],
    ['a part made of one piece', [5 * 1024 * 1024]],
    ['an empty part', [0]],
  ])('is written as the same pieces given at once would be (%s)', async (_, lengths) => {
    const pieces = lengths.map((length, index) => sheetLike(length, index + 1));
    const when = new Date(2026, 10, 28, 9, 30);
    const expected = path.join(folder, 'pieces.zip');
    await writeZipInParallel(expected, [{ kind: 'new', name: 'sheet.xml', data: pieces }], when);
    for (const chunkSizes of [[1 << 20], [65_536, 7, 300_001], [3 * 1024 * 1024 + 5]]) {
      const file = path.join(folder, 'streamed.zip');
      const data = streamed(pieces, chunkSizes);
      await writeZipInParallel(file, [{ kind: 'new', name: 'sheet.xml', data }], when);
      expect(fs.readFileSync(file).equals(fs.readFileSync(expected))).toBe(true);
      // Written without streams (writeZip), from the pieces: the same again.
      writeZip(file, [{ kind: 'new', name: 'sheet.xml', data }], when);
      expect(fs.readFileSync(file).equals(fs.readFileSync(expected))).toBe(true);
    }
  });
});
