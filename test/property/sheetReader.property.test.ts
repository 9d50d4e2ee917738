/**
 * The sheet reader's one-pass scanner (issue 19) reads what the straightforward scanner it
 * replaced read, on random sheet XML: prefixes, attributes in any order and quoting, spaces
 * around '=', every cell type, formulas, missing references, rich and phonetic text, entities,
 * odd numbers. The reference below is the code as it was before.
 */
import fc from 'fast-check';
import type { CellValue } from '../../src/workbook/cells';
import { fromSheetDate } from '../../src/xlsx/zonedDates';
import {
  type SheetReadContext,
  columnNumber,
  readSharedStrings,
  readSparseCells,
  readSparseCellsInChunks,
  isDateSerial,
  serialToWallClock,
} from '../../src/xlsx/package/sheetReader';
import { runText, unescapeXml } from '../../src/xlsx/package/xml';

// ---- the reference: src/xlsx/package/sheetReader.ts before issue 19 -------------------------
const CELL_REF = /^([A-Z]{1,3})(\d+)$/;

/** Where <sheetData>'s content ends: its end tag, found from the back of the part. */
function sheetDataEnd(xml: string): number {
  const at = xml.lastIndexOf('sheetData>');
  if (at < 0) return xml.length;
  const open = xml.lastIndexOf('<', at);
  return xml.charCodeAt(open + 1) === 47 ? open : xml.length;
}

/** Rows by number, as either reader keeps them. */
interface ReadRows {
  entries(): Iterable<[number, CellValue[]]>;
}

/**
 * Scans <sheetData> for valued cells. Formulas count by their cached result only. A plain
 * indexOf walk over the tags: on a 100,000-row sheet it is the reader's whole cost.
 */

function readSparseCellsBefore(xml: string, context: SheetReadContext): Map<number, CellValue[]> {
  const rows = new Map<number, CellValue[]>();
  const start = xml.search(/<(?:[A-Za-z_][\w.-]*:)?sheetData[\s>/]/);
  if (start < 0) return rows;
  const end = sheetDataEnd(xml);
  let rowNumber = 0;
  let column = 0;
  let current: CellValue[] | null = null;
  let position = start + 1;
  while (position < end) {
    const open = xml.indexOf('<', position);
    if (open < 0 || open >= end) break;
    const close = xml.indexOf('>', open);
    if (close < 0) break;
    let nameEnd = open + 1;
    while (nameEnd < close) {
      const code = xml.charCodeAt(nameEnd);
      if (code === 32 || code === 47 || code === 9 || code === 10 || code === 13) break;
      nameEnd += 1;
    }
    const name = xml.slice(open + 1, nameEnd);
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    position = close + 1;
    const selfClosing = xml.charCodeAt(close - 1) === 47;
    if (local === 'row') {
      const r = attributeValue(xml.slice(nameEnd, close), ' r="', R_ATTRIBUTE);
      rowNumber = r !== undefined ? Number(r) : rowNumber + 1;
      column = 0;
      current = null;
      continue;
    }
    if (local !== 'c') continue;
    const attrs = xml.slice(nameEnd, selfClosing ? close - 1 : close);
    let content = '';
    if (!selfClosing) {
      const endTag = name === 'c' ? '</c>' : `</${name}>`;
      const cellEnd = xml.indexOf(endTag, position);
      content = xml.slice(position, cellEnd < 0 ? end : cellEnd);
      position = cellEnd < 0 ? end : cellEnd + endTag.length;
    }
    const ref = attributeValue(attrs, ' r="', R_ATTRIBUTE);
    const parsed = ref !== undefined ? CELL_REF.exec(ref) : null;
    if (parsed) {
      column = columnNumber(parsed[1] ?? '');
      rowNumber = Number(parsed[2]);
    } else {
      column += 1;
    }
    if (content === '') continue;
    const value = cellValue(attrs, content, context);
    if (value === '') continue;
    if (current === null) {
      current = rows.get(rowNumber) ?? [];
      rows.set(rowNumber, current);
    }
    current[column - 1] = value;
  }
  return rows;
}

/** An attribute by the common spelling (` r="…"`), or by the pattern for any other. */
function attributeValue(attrs: string, quick: string, pattern: RegExp): string | undefined {
  const at = attrs.indexOf(quick);
  if (at >= 0) {
    const from = at + quick.length;
    return attrs.slice(from, attrs.indexOf('"', from));
  }
  const match = pattern.exec(attrs);
  return match ? (match[1] ?? match[2]) : undefined;
}

const V_OPEN = /<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>/;
const R_ATTRIBUTE = /(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const T_ATTRIBUTE = /(?:^|\s)t\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const S_ATTRIBUTE = /(?:^|\s)s\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/** The text of the cell's <v>, or null when it has none. */
function valueText(content: string): string | null {
  let from: number;
  const plain = content.indexOf('<v>');
  if (plain >= 0) {
    from = plain + 3;
  } else {
    const open = V_OPEN.exec(content);
    if (!open) return null;
    from = open.index + open[0].length;
  }
  const close = content.indexOf('</', from);
  return content.slice(from, close < 0 ? content.length : close);
}

function cellValue(attrs: string, content: string, context: SheetReadContext): CellValue {
  const type = attributeValue(attrs, ' t="', T_ATTRIBUTE) ?? 'n';
  if (type === 'inlineStr') return runText(content);
  const raw = valueText(content);
  if (raw === null) return '';
  switch (type) {
    case 's':
      return context.sharedStrings()[Number(raw)] ?? '';
    case 'str':
    case 'e':
      return unescapeXml(raw);
    case 'b':
      return raw.trim() === '1' || raw.trim() === 'true';
    case 'd': {
      const wallClock = new Date(`${raw.trim().replace(/Z$/, '')}Z`);
      return Number.isNaN(wallClock.getTime())
        ? unescapeXml(raw)
        : fromSheetDate(wallClock, context.timeZone);
    }
    default: {
      if (raw.trim() === '') return '';
      const number = Number(raw);
      if (Number.isNaN(number)) return unescapeXml(raw);
      const style = attributeValue(attrs, ' s="', S_ATTRIBUTE);
      // Past Excel's last date the number stays a number (Check then names it as typed).
      if (
        style !== undefined &&
        context.isDateStyle(Number(style)) &&
        isDateSerial(number, context.date1904)
      ) {
        return fromSheetDate(serialToWallClock(number, context.date1904), context.timeZone);
      }
      return number;
    }
  }
}

/** The shared string table, each item's runs joined. */
function readSharedStringsBefore(xml: string): string[] {
  const strings: string[] = [];
  const pattern =
    /<(?:[A-Za-z_][\w.-]*:)?si>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?si>|<(?:[A-Za-z_][\w.-]*:)?si\/>/g;
  for (const match of xml.matchAll(pattern)) strings.push(runText(match[1] ?? ''));
  return strings;
}

// ---- random sheets ----------------------------------------------------------------------------

const STRINGS = ['居民1', 'R001', '', ' padded ', 'a&amp;b', '_x0041_', '7'];

function context(dateStyles: ReadonlySet<number>, date1904: boolean): SheetReadContext {
  return {
    sharedStrings: () => STRINGS,
    isDateStyle: (index) => dateStyles.has(index),
    date1904,
    timeZone: 'Asia/Shanghai',
  };
}

const letters = fc.constantFrom('A', 'B', 'H', 'Z', 'AA', 'XFD', 'a1', '');
const numberText = fc.oneof(
  fc.integer({ min: -1_000_000, max: 3_000_000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom(
    '0.015',
    '-0',
    '1.',
    '.5',
    '1e3',
    ' 12 ',
    '',
    '  ',
    '0012',
    '1234567890123456789',
    '45678.25',
    'abc',
    '1,000',
    '-',
    '+3',
  ),
);
const text = fc.constantFrom(
  'plain',
  '&lt;tag&gt;',
  'a &amp; b',
  '_x000D_',
  '工坊',
  ' ',
  '',
  // Longer than the reader looks at byte by byte for the end tag (sheetReader.ts, NEAR_END).
  `${'工坊'.repeat(20)} &amp; ${'x'.repeat(100)}`,
  // A raw '>' is allowed in text: end tags' names without their '</' (readSparseCellsInChunks).
  'narrow> /row> x:row> sheetData>',
);

/** One cell's XML: prefix, attributes (order, quotes, spacing) and content vary. */
const cellXml = (prefix: string) =>
  fc
    .record({
      // Rows 0 and past Excel's last (1,048,576) are kept apart from the others (SparseCells).
      ref: fc.option(
        fc.tuple(
          letters,
          fc.oneof(
            fc.integer({ min: 0, max: 1_048_576 }),
            fc.integer({ min: 1_048_570, max: 1_048_600 }),
            fc.integer({ min: 0, max: 30 }),
          ),
        ),
        {
          nil: undefined,
        },
      ),
      type: fc.option(fc.constantFrom('s', 'n', 'b', 'e', 'str', 'd', 'inlineStr', 'x'), {
        nil: undefined,
      }),
      style: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      quote: fc.constantFrom('"', "'"),
      spacing: fc.constantFrom(' ', '  ', '\n', '\t'),
      equals: fc.constantFrom('=', ' = '),
      order: fc.integer({ min: 0, max: 5 }),
      // r, s, t in that order, as Excel and most writers put them (the reader's fast path).
      excelOrder: fc.boolean(),
      extra: fc.boolean(),
      formula: fc.boolean(),
      content: fc.oneof(
        numberText,
        text,
        fc.constantFrom('2026-11-03T00:00:00', 'TRUE', '1', 'true', '3', '0', '2', '5', '6'),
      ),
      shape: fc.constantFrom(
        'v',
        'v-attr',
        'none',
        'self',
        'rich',
        'phonetic',
        'empty-v',
        'inline',
      ),
    })
    .map((drawn) => {
      // Excel's order comes with Excel's spelling too, so that the fast path is taken often.
      const c = drawn.excelOrder
        ? { ...drawn, quote: '"', spacing: ' ', equals: '=', extra: false }
        : drawn;
      const q = c.quote;
      const attrs = [
        c.ref ? `r${c.equals}${q}${c.ref[0]}${c.ref[1]}${q}` : null,
        c.type !== undefined ? `t${c.equals}${q}${c.type}${q}` : null,
        c.style !== undefined ? `s${c.equals}${q}${c.style}${q}` : null,
        c.extra ? `x14ac:dyDescent${c.equals}${q}0.25${q}` : null,
      ].filter((a): a is string => a !== null);
      const named = (name: string) => attrs.find((a) => a.startsWith(name));
      const rotated = c.excelOrder
        ? [named('r'), named('s'), named('t'), named('x14ac')].filter(
            (a): a is string => a !== undefined,
          )
        : attrs
            .slice(c.order % Math.max(1, attrs.length))
            .concat(attrs.slice(0, c.order % Math.max(1, attrs.length)));
      const start = `<${prefix}c${rotated.map((a) => c.spacing + a).join('')}`;
      if (c.shape === 'self') return `${start}/>`;
      const f = c.formula ? `<${prefix}f>SUM(A1:A2)</${prefix}f>` : '';
      let inner: string;
      switch (c.shape) {
        case 'v':
          inner = `${f}<${prefix}v>${c.content}</${prefix}v>`;
          break;
        case 'v-attr':
          inner = `${f}<${prefix}v xml:space="preserve">${c.content}</${prefix}v>`;
          break;
        case 'none':
          inner = f;
          break;
        case 'empty-v':
          inner = `<${prefix}v></${prefix}v>`;
          break;
        case 'inline':
          // One plain run, as Gongfang writes its snapshot tabs (the reader's fast path).
          inner = `<${prefix}is><${prefix}t>${c.content}</${prefix}t></${prefix}is>`;
          break;
        case 'rich':
          inner = `<${prefix}is><${prefix}r><${prefix}t>${c.content}</${prefix}t></${prefix}r><${prefix}r><${prefix}t xml:space="preserve"> more</${prefix}t></${prefix}r></${prefix}is>`;
          break;
        default:
          inner = `<${prefix}is><${prefix}t>${c.content}</${prefix}t><${prefix}rPh sb="0" eb="1"><${prefix}t>pin</${prefix}t></${prefix}rPh></${prefix}is>`;
      }
      return `${start}>${inner}</${prefix}c>`;
    });

const sheetXml = fc
  .record({
    prefix: fc.constantFrom('', 'x:'),
    rows: fc.array(
      fc.record({
        r: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
        spans: fc.boolean(),
        cells: fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 8 }),
      }),
      { maxLength: 12 },
    ),
    cellSeed: fc.array(fc.constant(null), { maxLength: 0 }),
  })
  .chain(({ prefix, rows }) =>
    fc
      .array(cellXml(prefix), {
        minLength: rows.reduce((n, row) => n + row.cells.length, 0),
        maxLength: rows.reduce((n, row) => n + row.cells.length, 0),
      })
      .map((cells) => {
        let next = 0;
        const body = rows
          .map((row) => {
            const attrs = `${row.r !== undefined ? ` r="${row.r}"` : ''}${row.spans ? ' spans="1:8"' : ''}`;
            const inner = row.cells.map(() => cells[next++] ?? '').join('');
            return inner === '' && row.spans
              ? `<${prefix}row${attrs}/>`
              : `<${prefix}row${attrs}>${inner}</${prefix}row>`;
          })
          .join('');
        return `<?xml version="1.0"?><${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${prefix}sheetData>${body}</${prefix}sheetData></${prefix}worksheet>`;
      }),
  );

/** Rows as plain arrays, holes and '' alike read as '' (readers take a missing cell as empty). */
function plain(cells: ReadRows): [number, (string | number | boolean)[]][] {
  return [...cells.entries()]
    .map(([row, values]): [number, (string | number | boolean)[]] => [
      row,
      Array.from({ length: values.length }, (_, i) => {
        const value: CellValue | undefined = values[i];
        return value instanceof Date ? `date:${value.getTime()}` : (value ?? '');
      }),
    ])
    .map(([row, values]): [number, (string | number | boolean)[]] => {
      while (values.length > 0 && values[values.length - 1] === '') values.pop();
      return [row, values];
    })
    .filter(([, values]) => values.length > 0)
    .sort((a, b) => a[0] - b[0]);
}

/** The cells read, or the error thrown (a t="d" cell far outside Intl's range throws in both). */
function outcome(read: () => ReadRows): unknown {
  try {
    return plain(read());
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

describe('readSparseCells', () => {
  it('reads every random sheet as the scanner before it did', () => {
    fc.assert(
      fc.property(sheetXml, fc.boolean(), fc.subarray([0, 1, 3, 5]), (xml, date1904, dates) => {
        const read = context(new Set(dates), date1904);
        expect(outcome(() => readSparseCells(xml, read))).toEqual(
          outcome(() => readSparseCellsBefore(xml, read)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('reads numbers as Number() does, through the digit fast path and around it', () => {
    fc.assert(
      fc.property(numberText, (value) => {
        const xml = `<worksheet><sheetData><row r="1"><c r="A1"><v>${value}</v></c></row></sheetData></worksheet>`;
        const read = context(new Set(), false);
        expect(plain(readSparseCells(xml, read))).toEqual(plain(readSparseCellsBefore(xml, read)));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives one Date per serial and the same instant as before', () => {
    const xml = `<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>46329</v></c><c r="B1" s="1"><v>46329</v></c></row></sheetData></worksheet>`;
    const row = readSparseCells(xml, context(new Set([1]), false)).get(1) ?? [];
    expect(row[0]).toBeInstanceOf(Date);
    expect(row[0]).toBe(row[1]);
    expect((row[0] as Date).getTime()).toBe(
      fromSheetDate(serialToWallClock(46329, false), 'Asia/Shanghai').getTime(),
    );
  });
});

/** `bytes` cut at `cuts` (offsets, any order), as chunks arrive from an inflate stream. */
async function* chunksOf(bytes: Buffer, cuts: readonly number[]): AsyncGenerator<Buffer> {
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    yield bytes.subarray(from, cut);
    from = cut;
  }
  yield bytes.subarray(from);
}

/** Every row with its cells as stored (holes kept), in the order the rows were read. */
function stored(cells: ReadRows): [number, unknown[]][] {
  return [...cells.entries()].map(([row, values]) => [
    row,
    Array.from({ length: values.length }, (_, i) => {
      const value: CellValue | undefined = values[i];
      if (!(i in values)) return 'hole';
      return value instanceof Date ? `date:${value.getTime()}` : value;
    }),
  ]);
}

describe('readSparseCellsInChunks', () => {
  const merges = fc.constantFrom(
    '',
    '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>',
    '<x:mergeCells><x:mergeCell ref="C3:D3"/></x:mergeCells><pageMargins left="0.7"/>',
  );

  it('reads a sheet arriving in chunks cut anywhere as readSparseCells reads it whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        sheetXml,
        merges,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.subarray([0, 1, 3, 5]),
        async (xml, after, cuts, dates) => {
          const bytes = Buffer.from(xml.replace(/(<\/(?:x:)?worksheet>)$/, `${after}$1`), 'utf8');
          const read = context(new Set(dates), false);
          let whole: unknown;
          try {
            whole = stored(readSparseCells(bytes, read));
          } catch (error) {
            whole = String(error);
          }
          let inChunks: unknown;
          let tail = '';
          try {
            const result = await readSparseCellsInChunks(chunksOf(bytes, cuts), read);
            inChunks = stored(result.cells);
            tail = result.tail.toString('utf8');
          } catch (error) {
            inChunks = String(error);
          }
          expect(inChunks).toEqual(whole);
          // The tail holds what follows the rows: the merged cells blankMergedCells reads.
          if (typeof whole !== 'string')
            expect(
              tail.endsWith(`${after}</${xml.includes('<x:worksheet') ? 'x:' : ''}worksheet>`),
            ).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads a part with no <sheetData>, or one cut inside its start tag, as readSparseCells does', async () => {
    const read = context(new Set(), false);
    const noData = Buffer.from('<worksheet><dimension ref="A1"/></worksheet>');
    expect(stored((await readSparseCellsInChunks(chunksOf(noData, [5, 20]), read)).cells)).toEqual(
      [],
    );
    const xml = Buffer.from(
      '<worksheet><sheetData><row r="2"><c r="B2"><v>7</v></c></row></sheetData></worksheet>',
    );
    for (let cut = 0; cut <= xml.length; cut += 1) {
      const result = await readSparseCellsInChunks(chunksOf(xml, [cut, cut + 3]), read);
      expect(stored(result.cells)).toEqual(stored(readSparseCells(xml, read)));
    }
  });
});

describe('readSharedStrings', () => {
  it('reads plain, spaced, rich and phonetic items as before', () => {
    const item = fc.oneof(
      text.map((t) => `<si><t>${t}</t></si>`),
      text.map((t) => `<si><t xml:space="preserve"> ${t} </t></si>`),
      text.map((t) => `<si><r><rPr><b/></rPr><t>${t}</t></r><r><t>!</t></r></si>`),
      text.map((t) => `<si><t>${t}</t><rPh sb="0" eb="1"><t>ピン</t></rPh></si>`),
      text.map((t) => `<x:si><x:t>${t}</x:t></x:si>`),
      fc.constantFrom('<si/>', '<si><t/></si>', '<si></si>', '<si><t>a<b</t></si>'),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 10 }), (items) => {
        const xml = `<sst count="${items.length}">${items.join('')}</sst>`;
        expect(readSharedStrings(xml)).toEqual(readSharedStringsBefore(xml));
      }),
      { numRuns: 1000 },
    );
  });
});
