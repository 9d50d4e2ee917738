/**
 * The ledger-reading fast paths (issue 8 section 4) give what the plain definitions they skip
 * give, on random inputs. Each reference below is the code as it was before the fast path.
 */
import fc from 'fast-check';
import {
  cellText,
  dateInZone,
  decodeDate,
  decodeId,
  folded,
  isErrorValue,
  shortenValue,
} from '../../src/workbook/codecs';
import { pieceDraft, pieceDrafts, readTable, tableHeader } from '../../src/workbook/tables';
import {
  ACTIVE_VALUES,
  AUDIT_ACTIONS,
  AUDIT_FLAGS,
  CATEGORIES,
  CRAFTS,
  ORDER_STATUSES,
  PIECES,
  SETTING_KEYS,
  type Term,
  findTerm,
  namesOf,
  normalizeName,
} from '../../src/workbook/layout';
import type { CellValue } from '../../src/workbook/cells';
import { INVISIBLE_CHARACTERS } from '../../src/domain/validation/problemList';
import { PIECE_HEADER } from '../support/ledgerSheets';
import { anyCell } from './arbitraries';
import { idKey } from '../../src/domain/validation';
import { RowProblems, reportShared, rowList } from '../../src/domain/validation/problemList';
import { checkPieces, directory, lookalikes } from '../../src/domain/validation/pieces';
import type { PieceDraft } from '../../src/domain/validation/drafts';
import { FIRST, firstAlike } from '../../src/domain/validation/firstAlike';
import { plainNumberText } from '../../src/domain/money';
import { indexPayBook } from '../../src/domain/payout';
import type { PieceEntry } from '../../src/domain/records';

const foldedBefore = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/\u2212/g, '-')
    .trim();

const idKeyBefore = (id: string): string => id.normalize('NFKC').trim().toUpperCase();

function plainNumberTextBefore(n: number): string {
  if (n === 0) return '0';
  const shortest = String(n);
  const significant = shortest.replace(/e.*$/i, '').replace(/[-.]/g, '').replace(/^0+/, '');
  const text = significant.length > 15 ? String(Number(n.toPrecision(15))) : shortest;
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/0+$/, '');
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** ASCII (the fast path), full-width and other Unicode, spaces and the minus sign mixed. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .array(
      fc.constantFrom('R', 'r', '0', '7', '-', ' ', '\t', '\u3000', 'Ｒ', '０', '\u2212', 'ß', 'ﬁ'),
      { maxLength: 12 },
    )
    .map((chars) => chars.join('')),
);

describe('fast paths ≡ the plain definitions', () => {
  it('folded: NFKC, U+2212 → "-", trimmed', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(folded(text)).toBe(foldedBefore(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('decodeId: text is folded, without invisible characters, empty as null', () => {
    const context = { timeZone: 'Asia/Shanghai', lang: 'zh-CN' as const };
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          fc.constantFrom('R1\u200B', '#N/A', ' #REF! ', '#n/a', '#VALUE!', 'R#1', '#', '＃N/A'),
        ),
        (text) => {
          const before = foldedBefore(text.replace(INVISIBLE_CHARACTERS, ''));
          const decoded = decodeId(text, context);
          // An error value is reported, whichever path the text takes (round four: one pass).
          expect(decoded.ok).toBe(!isErrorValue(text));
          if (decoded.ok) expect(decoded.value).toBe(before === '' ? null : before);
          else expect(decoded.code).toBe('errorValue');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('pieceDrafts: the drafts readTable and pieceDraft make, row for row', () => {
    const context = { timeZone: 'Asia/Shanghai', lang: 'zh-CN' as const };
    // Columns in any order, some left out, others added; rows of any length, empty ones too.
    const header = fc
      .shuffledSubarray([...PIECE_HEADER, '其他', ''], { minLength: 1 })
      .map((names) => names as CellValue[]);
    const row = fc.oneof(
      fc.array(anyCell, { maxLength: 11 }),
      fc.array(fc.constantFrom<CellValue>('', '  ', null as unknown as CellValue), {
        maxLength: 4,
      }),
    );
    fc.assert(
      fc.property(header, fc.array(row, { maxLength: 30 }), (names, rows) => {
        const contents = { name: '计件', values: [names, ...rows] };
        const before = readTable(PIECES, contents, context).rows.map(pieceDraft);
        const now = [...pieceDrafts(contents, tableHeader(PIECES, contents), context)];
        expect(now).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('idKey: NFKC, trimmed, upper case', () => {
    fc.assert(
      fc.property(anyText, (id) => {
        expect(idKey(id)).toBe(idKeyBefore(id));
      }),
      { numRuns: 2000 },
    );
  });

  it('plainNumberText: whole numbers below 10^15 print as String(n)', () => {
    const numbers = fc.oneof(
      fc.integer(),
      fc.integer({ min: -(10 ** 15), max: 10 ** 15 }),
      fc.maxSafeInteger(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(1e15, -1e15, 1e15 - 1, 999_999_999_999_999, 2 ** 53, -0, 1e21, 5e-324),
    );
    fc.assert(
      fc.property(numbers, (n) => {
        expect(plainNumberText(n)).toBe(plainNumberTextBefore(n));
      }),
      { numRuns: 5000 },
    );
  });

  it('lookalikes: each row like an earlier one, with the first, as JSON keys found them', () => {
    const before = (pieces: readonly PieceEntry[]): [number, number][] => {
      const firstRow = new Map<string, number>();
      const found: [number, number][] = [];
      for (const p of pieces) {
        const key = JSON.stringify([p.date, p.residentId, p.orderId, p.completed, p.rejected]);
        const first = firstRow.get(key);
        if (first === undefined) firstRow.set(key, p.row);
        else found.push([p.row, first]);
      }
      return found;
    };
    // Few values per field, so rows often look alike, and IDs that run into each other.
    const piece = fc.record({
      date: fc.constantFrom('2026-11-03', '2026-11-04'),
      residentId: fc.constantFrom('R1', 'R12', '2R1', '1', 'R', 'Ｒ1', ''),
      orderId: fc.constantFrom('O1', '2O1', 'O12', '1', '', '\u0000'),
      completed: fc.oneof(fc.nat(4), fc.constantFrom(2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1)),
      rejected: fc.nat(4),
      recordedBy: fc.constant(''),
      notes: fc.constant(''),
      entry: fc.constant(null),
    });
    const same = (drafts: readonly Omit<PieceEntry, 'row'>[]): void => {
      const pieces = drafts.map((p, i) => ({ ...p, row: i + 2 }));
      expect(lookalikes(pieces)).toEqual(before(pieces));
    };
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), same), { numRuns: 2000 });
    // Tabs long enough for the table to fill its slots and probe far.
    fc.assert(fc.property(fc.array(piece, { minLength: 500, maxLength: 3000 }), same), {
      numRuns: 20,
    });
  });

  it('reportShared: the same errors as grouping by the ID keys themselves', () => {
    type Row = { row: number; id: string | null };
    const before = (rows: readonly Row[], checkOf: (row: number) => RowProblems): void => {
      const byKey = new Map<string, Row[]>();
      for (const row of rows) {
        if (row.id === null) continue;
        const group = byKey.get(idKey(row.id));
        if (group) group.push(row);
        else byKey.set(idKey(row.id), [row]);
      }
      for (const group of byKey.values()) {
        if (group.length < 2) continue;
        for (const row of group) {
          const others = group
            .filter((other) => other !== row)
            .slice(0, 11)
            .map((other) => other.row);
          checkOf(row.row).error('id', 'duplicateId', {
            value: row.id ?? '',
            other: rowList(others),
          });
        }
      }
    };
    const run = (rows: readonly Row[], how: 'before' | 'now') => {
      const checks = new Map(rows.map((r) => [r.row, new RowProblems('residents', r.row)]));
      const checkOf = (row: number) => checks.get(row) as RowProblems;
      if (how === 'before') before(rows, checkOf);
      else reportShared(rows, (r) => r.id, checkOf, 'id', 'duplicateId');
      return [...checks.values()].map((c) => c.problems);
    };
    const id = fc.oneof(
      fc.constantFrom('R1', 'r1', 'Ｒ1', ' R1 ', 'R2', '', null),
      fc.string({ maxLength: 3 }),
    );
    const same = (ids: readonly (string | null)[]): void => {
      const rows = ids.map((value, i) => ({ row: i + 2, id: value }));
      expect(run(rows, 'now')).toEqual(run(rows, 'before'));
    };
    fc.assert(fc.property(fc.array(id, { maxLength: 40 }), same), { numRuns: 2000 });
    fc.assert(fc.property(fc.array(id, { minLength: 500, maxLength: 3000 }), same), {
      numRuns: 20,
    });
  });

  it('firstAlike: the first earlier equal item, whatever the hashes (all alike, or all apart)', () => {
    const naive = (values: readonly number[], skipped: (i: number) => boolean): number[] =>
      values.map((value, i) =>
        skipped(i)
          ? FIRST
          : values.findIndex((other, j) => j < i && !skipped(j) && other === value),
      );
    const hashes = [(v: number) => v, () => 7, (v: number) => v % 3];
    fc.assert(
      fc.property(
        fc.array(fc.nat(20), { maxLength: 300 }),
        fc.nat(2),
        fc.nat(5),
        (values, which, every) => {
          const hash = hashes[which] as (v: number) => number;
          const skipped = (i: number): boolean => every > 0 && i % (every + 1) === 0;
          const hashed = Int32Array.from(values, hash);
          const skips = Uint8Array.from(values, (_, i) => (skipped(i) ? 1 : 0));
          const first = firstAlike(hashed, (j, i) => values[j] === values[i], skips);
          expect([...first]).toEqual(naive(values, skipped).map((j) => (j < 0 ? FIRST : j)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("quantityExceeded: the row crossing each order's quantity, as grouping every row found it", () => {
    const before = (pieces: readonly PieceEntry[], quantity: (id: string) => number | null) => {
      const byOrder = new Map<string, PieceEntry[]>();
      for (const p of pieces) byOrder.set(p.orderId, [...(byOrder.get(p.orderId) ?? []), p]);
      const warnings: { row: number; value: string; other: string }[] = [];
      for (const [orderId, entries] of byOrder) {
        const limit = quantity(orderId);
        if (limit === null) continue;
        const inOrder = [...entries].sort((a, b) =>
          a.date === b.date ? a.row - b.row : a.date < b.date ? -1 : 1,
        );
        let accepted = 0;
        const crossing = inOrder.find((p) => (accepted += p.completed - p.rejected) > limit);
        if (crossing)
          warnings.push({ row: crossing.row, value: String(accepted), other: String(limit) });
      }
      return warnings.sort((a, b) => a.row - b.row);
    };
    const orders = [
      { id: 'O1', status: 'open' as const, received: null, quantity: 10, payRate: 100 },
      { id: 'O2', status: 'open' as const, received: null, quantity: null, payRate: 100 },
      { id: 'O3', status: 'open' as const, received: null, quantity: 0, payRate: 100 },
      { id: 'O4', status: 'open' as const, received: null, quantity: 40, payRate: 100 },
    ];
    const ok = <T>(value: T) => ({ ok: true as const, value });
    const draft = fc.record({
      date: fc.constantFrom('2026-11-01', '2026-11-02', '2026-11-03'),
      order: fc.constantFrom('O1', 'O2', 'O3', 'O4', 'o4'),
      completed: fc.nat(12),
      rejected: fc.nat(3),
    });
    fc.assert(
      fc.property(fc.array(draft, { maxLength: 40 }), (rows) => {
        const drafts: PieceDraft[] = rows.map((r, i) => ({
          row: i + 2,
          date: ok(r.date),
          resident: ok('R1'),
          order: ok(r.order),
          completed: ok(r.completed),
          rejected: ok(r.rejected),
          recordedBy: ok(''),
          notes: ok(''),
          entry: ok(null),
        }));
        const checked = checkPieces(drafts, {
          today: '2026-12-31',
          residents: directory([{ id: 'R1', active: true }], new Set(['R1'])),
          orders: directory(orders, new Set(orders.map((o) => o.id))),
          closedMonths: new Set(),
        });
        const now = checked.problems
          .filter((p) => p.code === 'quantityExceeded')
          .map((p) => ({ row: p.row, value: p.params.value, other: p.params.other }));
        const limit = (id: string) => orders.find((o) => o.id === idKey(id))?.quantity ?? null;
        expect(now).toEqual(before(checked.pieces, limit));
      }),
      { numRuns: 1000 },
    );
  });

  it('indexPayBook: pieces by month, months and rows in the order met, as cutting every date', () => {
    const piece = fc.record({
      row: fc.nat(1000),
      date: fc.constantFrom('2026-10-31', '2026-11-01', '2026-11-30', '2025-11-01', '2026-12-01'),
    });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (rows) => {
        const pieces: PieceEntry[] = rows.map((r) => ({
          ...r,
          residentId: 'R1',
          orderId: 'O1',
          completed: 1,
          rejected: 0,
          recordedBy: '',
          notes: '',
          entry: null,
        }));
        const before = new Map<string, PieceEntry[]>();
        for (const p of pieces) {
          const month = p.date.slice(0, 7);
          before.set(month, [...(before.get(month) ?? []), p]);
        }
        const now = indexPayBook({ residents: [], orders: [], pieces, adjustments: [] });
        expect([...now.piecesByMonth]).toEqual([...before]);
      }),
      { numRuns: 500 },
    );
  });

  it('findTerm: the first term with a name matching, as searching every name found it', () => {
    const vocabularies: readonly (readonly Term[])[] = [
      ACTIVE_VALUES,
      AUDIT_ACTIONS,
      AUDIT_FLAGS,
      CATEGORIES,
      CRAFTS,
      ORDER_STATUSES,
      SETTING_KEYS,
    ];
    const before = (terms: readonly Term[], text: string): Term | undefined => {
      const wanted = normalizeName(text);
      if (wanted === '') return undefined;
      return terms.find((t) => namesOf(t).some((n) => normalizeName(n) === wanted));
    };
    const names = vocabularies.flatMap((terms) => terms.flatMap(namesOf));
    // Names as staff type them: other case, spaces around and inside, full width; or anything.
    const text = fc.oneof(
      fc.constantFrom(...names),
      fc
        .tuple(fc.constantFrom(...names), fc.constantFrom('', ' ', '\u3000', '  '))
        .map(([name, space]) => `${space}${name.toUpperCase().replace(/ /g, '  ')}${space}`),
      anyText,
    );
    fc.assert(
      fc.property(fc.nat(vocabularies.length - 1), text, (which, typed) => {
        const terms = vocabularies[which] as readonly Term[];
        expect(findTerm(terms, typed)).toBe(before(terms, typed));
      }),
      { numRuns: 3000 },
    );
  });

  it('decodeDate: a Date cell read in its zone, whatever cells and zones came before', () => {
    const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Nowhere/Bad'];
    // Midnights in Shanghai (as sheets hold dates), any instant, and invalid dates.
    const cell = fc.oneof(
      fc.integer({ min: 0, max: 40_000 }).map((day) => new Date(day * 86_400_000 - 8 * 3_600_000)),
      fc.date({ noInvalidDate: false }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, fc.constantFrom(...zones)), { maxLength: 30 }),
        (cells) => {
          for (const [date, timeZone] of cells) {
            const day = dateInZone(date, timeZone);
            const expected =
              day === null
                ? {
                    ok: false,
                    code: 'dateUnreadable',
                    value: shortenValue(cellText(date, timeZone)),
                  }
                : { ok: true, value: day };
            expect(decodeDate(date, { timeZone, lang: 'zh-CN' })).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
