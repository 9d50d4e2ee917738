/**
 * The floor probe (issue 19): the least work any editor of an .xlsx must do to read a workbook's
 * cells and save it with one tab added, with nothing of Gongfang's own code in it.
 *
 *   node dist/bench/floorProbe.js IN.xlsx OUT.xlsx
 *
 * 1. reads the file and its zip central directory;
 * 2. inflates every worksheet part and the shared strings part, decodes them as UTF-8 and
 *    scans every <c> element (and every <si>) once with a regular expression;
 * 3. builds and deflates one new 200-row sheet;
 * 4. writes a zip that copies every other entry's local header and compressed bytes unchanged,
 *    the new sheet after them, then the central directory, and fsyncs it (a safe save must).
 *
 * It prints what it counted, so the work cannot be optimised away. Written on its own, not on
 * src/xlsx/package/zip.ts, so that speeding up Gongfang's reader never moves the floor.
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly local: Buffer;
  readonly dataStart: number;
  readonly compressedSize: number;
  readonly central: Buffer;
}

function entriesOf(buffer: Buffer): Entry[] {
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a zip');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let index = 0; index < count; index += 1) {
    const flags = buffer.readUInt16LE(offset + 8);
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const length =
      46 + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart =
      30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    let localEnd = localOffset + dataStart + compressedSize;
    if (flags & 0x8) localEnd += buffer.readUInt32LE(localEnd) === 0x08074b50 ? 16 : 12;
    entries.push({
      name,
      method,
      local: buffer.subarray(localOffset, localEnd),
      dataStart,
      compressedSize,
      central: buffer.subarray(offset, offset + length),
    });
    offset += length;
  }
  return entries;
}

function inflated(entry: Entry): string {
  const data = entry.local.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  return (entry.method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
}

/** One scan of every cell element (and shared string item): counts them and their values. */
function scan(xml: string): { elements: number; values: number } {
  let elements = 0;
  let values = 0;
  const element = /<(?:\w+:)?(c|si)[\s>][^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?\1>)/g;
  for (let match = element.exec(xml); match; match = element.exec(xml)) {
    elements += 1;
    if (match[2]) values += 1;
  }
  return { elements, values };
}

function newSheet(rows: number): Buffer {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  for (let r = 1; r <= rows; r += 1) {
    parts.push(
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>R${r}</t></is></c><c r="B${r}" t="inlineStr"><is><t>居民${r}</t></is></c>` +
        `<c r="C${r}"><v>${r * 7}</v></c><c r="D${r}"><v>${r % 3}</v></c><c r="E${r}"><v>${(r * 1.25).toFixed(2)}</v></c>` +
        `<c r="F${r}"><v>${r * 3}</v></c><c r="G${r}"><v>${r * 11}</v></c><c r="H${r}"><v>${r * 13}</v></c></row>`,
    );
  }
  parts.push('</sheetData></worksheet>');
  return Buffer.from(parts.join(''), 'utf8');
}

function writeZip(file: string, kept: readonly Entry[], name: string, data: Buffer): void {
  const compressed = zlib.deflateRawSync(data, { level: 6 });
  const crc = zlib.crc32(data);
  const nameBytes = Buffer.from(name, 'utf8');
  const descriptor = fs.openSync(file, 'w', 0o600);
  let offset = 0;
  const write = (chunk: Buffer) => {
    let done = 0;
    while (done < chunk.length) done += fs.writeSync(descriptor, chunk, done);
    offset += chunk.length;
  };
  const centrals: Buffer[] = [];
  for (const entry of kept) {
    const central = Buffer.from(entry.central);
    central.writeUInt32LE(offset, 42);
    centrals.push(central);
    write(entry.local);
  }
  const local = Buffer.alloc(30 + nameBytes.length);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  nameBytes.copy(local, 30);
  const central = Buffer.alloc(46 + nameBytes.length);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(offset, 42);
  nameBytes.copy(central, 46);
  centrals.push(central);
  write(local);
  write(compressed);
  const directoryStart = offset;
  for (const record of centrals) write(record);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length, 8);
  end.writeUInt16LE(centrals.length, 10);
  end.writeUInt32LE(offset - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  write(end);
  fs.fsyncSync(descriptor);
  fs.closeSync(descriptor);
}

function main([input, output]: string[]): void {
  if (input === undefined || output === undefined) {
    throw new Error('usage: floorProbe IN.xlsx OUT.xlsx');
  }
  const entries = entriesOf(fs.readFileSync(input));
  let elements = 0;
  let values = 0;
  for (const entry of entries) {
    if (!/^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/i.test(entry.name)) continue;
    const counted = scan(inflated(entry));
    elements += counted.elements;
    values += counted.values;
  }
  let free = 1;
  while (entries.some((entry) => entry.name === `xl/worksheets/sheet${free}.xml`)) free += 1;
  writeZip(output, entries, `xl/worksheets/sheet${free}.xml`, newSheet(200));
  console.log(JSON.stringify({ entries: entries.length, elements, values }));
}

main(process.argv.slice(2));
