import { indexPayBook } from '../../src/domain/payout';
import {
  DETAIL_PART_CHARS,
  decodeSnapshot,
  encodeSnapshot,
  monthFingerprint,
  residentDigests,
  sha256Hex,
} from '../../src/domain/fingerprint';
import { utf8ToBytes } from '../../src/domain/sha256';
import { correctionMonthFor, isIssuedCorrection } from '../../src/domain/closing';
import { legacyCorrectedMonth } from '../../src/features/corrections';
import { adjustment, order, piece, resident } from '../support/monthFixtures';

const residents = [resident('R1'), resident('R2')];
const orders = [order('A', 150), order('B', 25000)];
const pieces = [
  piece('2026-11-03', 'R1', 'A', 100, 2),
  piece('2026-11-04', 'R2', 'B', 3),
  piece('2026-10-30', 'R2', 'B', 9),
];
const adjustments = [adjustment('2026-11', 'R1', 500, 'bonus')];
const fingerprint = (over: Partial<Parameters<typeof indexPayBook>[0]> = {}, version: 1 | 2 = 2) =>
  monthFingerprint(
    indexPayBook({ residents, orders, pieces, adjustments, ...over }),
    '2026-11',
    version,
  );

describe('the month fingerprint', () => {
  it('is SHA-256 in hex', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(fingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps its v1 canonical form: closings made earlier must still match', () => {
    expect(fingerprint({}, 1)).toBe(
      sha256Hex(
        [
          'gongfang-month-v1',
          '2026-11',
          'A\t2026-11\tR1\t500\tbonus',
          'P\t2026-11-03\tR1\tA\t100\t2\t150',
          'P\t2026-11-04\tR2\tB\t3\t0\t25000',
        ].join('\n'),
      ),
    );
  });

  it('v2 writes IDs as matching reads them, so retyping R1 as r1 changes nothing', () => {
    expect(fingerprint()).toBe(
      sha256Hex(
        [
          'gongfang-month-v2',
          '2026-11',
          'A\t2026-11\tR1\t500\tbonus',
          'P\t2026-11-03\tR1\tA\t100\t2\t150',
          'P\t2026-11-04\tR2\tB\t3\t0\t25000',
        ].join('\n'),
      ),
    );
    const retyped = (id: string) => (id === 'R1' ? 'r\u200b１' : id === 'A' ? 'a' : id);
    const changed = {
      residents: residents.map((r) => ({ ...r, id: retyped(r.id) })),
      orders: orders.map((o) => ({ ...o, id: retyped(o.id) })),
      pieces: pieces.map((p) => ({
        ...p,
        residentId: retyped(p.residentId),
        orderId: retyped(p.orderId),
      })),
      adjustments: adjustments.map((a) => ({ ...a, residentId: retyped(a.residentId) })),
    };
    expect(fingerprint(changed)).toBe(fingerprint());
    expect(fingerprint(changed, 1)).not.toBe(fingerprint({}, 1));
  });

  it('does not depend on row order, row numbers, notes or who recorded a row', () => {
    const moved = [...pieces]
      .reverse()
      .map((p, i) => ({ ...p, row: 100 + i, notes: 'x', recordedBy: 'y' }));
    expect(fingerprint({ pieces: moved })).toBe(fingerprint());
  });

  it('changes with a count, a pay rate, an adjustment, or a row of the month added', () => {
    const base = fingerprint();
    expect(fingerprint({ pieces: [{ ...pieces[0]!, rejected: 3 }, ...pieces.slice(1)] })).not.toBe(
      base,
    );
    expect(fingerprint({ orders: [order('A', 151), orders[1]!] })).not.toBe(base);
    expect(fingerprint({ adjustments: [adjustment('2026-11', 'R1', 501, 'bonus')] })).not.toBe(
      base,
    );
    expect(fingerprint({ pieces: [...pieces, piece('2026-11-09', 'R1', 'A', 1)] })).not.toBe(base);
    expect(fingerprint({ pieces: [...pieces, piece('2026-12-01', 'R1', 'A', 1)] })).toBe(base);
  });

  it('cannot be fooled by a tab typed inside a text field', () => {
    const a = fingerprint({ adjustments: [adjustment('2026-11', 'R1', 500, 'x\t1')] });
    const b = fingerprint({
      adjustments: [adjustment('2026-11', 'R1', 500, 'x'), adjustment('2026-11', 'R1', 0, '1')],
    });
    expect(a).not.toBe(b);
  });

  it('gives each resident a digest that changes only with their rows', () => {
    const before = residentDigests(
      indexPayBook({ residents, orders, pieces, adjustments }),
      '2026-11',
    );
    const after = residentDigests(
      indexPayBook({
        residents,
        orders,
        pieces: [...pieces, piece('2026-11-20', 'R2', 'A', 1)],
        adjustments,
      }),
      '2026-11',
    );
    expect(after.get('R1')).toBe(before.get('R1'));
    expect(after.get('R2')).not.toBe(before.get('R2'));
  });
});

describe('UTF-8 without TextEncoder', () => {
  it('encodes like TextEncoder, Chinese, emoji and lone surrogates included', () => {
    for (const text of ['', 'abc', '王秀英 ¥12.50', '😀 𠀀', 'x\ud800y', '\udc00']) {
      expect([...utf8ToBytes(text)]).toEqual([...new TextEncoder().encode(text)]);
    }
  });
});

describe('the per-resident snapshot of a closing', () => {
  it('round-trips IDs with any characters (v3: paid at this closing too)', () => {
    const entries = new Map([
      ['007', { netPay: 1234, digest: 'abc123', correctedBefore: 0, paid: 1234 }],
      ['A;B=C:D', { netPay: -5, digest: 'ff00', correctedBefore: -250, paid: 245 }],
      ['R9', { netPay: 0, digest: '-', correctedBefore: 300, paid: -300 }],
    ]);
    const cells = encodeSnapshot(entries);
    expect(cells).toEqual([
      'v3;n=3;p=1;007=1234:abc123:0:1234;A%3BB%3DC%3AD=-5:ff00:-250:245;R9=0:-:300:-300',
    ]);
    expect(decodeSnapshot(cells)).toEqual({ version: 3, entries });
  });

  it('still reads the Detail of earlier versions (v2, v1), with no paid figure', () => {
    expect(decodeSnapshot('v2;R1=1200:abc:-300;R%3B2=5:ff')).toEqual({
      version: 2,
      entries: new Map([
        ['R1', { netPay: 1200, digest: 'abc', correctedBefore: -300, paid: null }],
        ['R;2', { netPay: 5, digest: 'ff', correctedBefore: 0, paid: null }],
      ]),
    });
    expect(decodeSnapshot('v1;R1=12:0a')?.version).toBe(1);
  });

  it('goes on in further cells of at most 30,000 characters, and a cut Detail reads as none', () => {
    const many = new Map(
      Array.from({ length: 5000 }, (_, i) => [
        `R${i}`,
        { netPay: 123456, digest: 'abcdef012345', correctedBefore: 0, paid: 123456 },
      ]),
    );
    const cells = encodeSnapshot(many);
    expect(cells.length).toBeGreaterThan(3);
    expect(Math.max(...cells.map((cell) => cell.length))).toBeLessThanOrEqual(DETAIL_PART_CHARS);
    expect(cells[0]).toMatch(new RegExp(`^v3;n=5000;p=${cells.length};R0=`));
    expect(decodeSnapshot(cells)?.entries).toEqual(many);
    // A reader that cuts a cell at 32,767 characters, a cell lost, or one entry cut short.
    expect(decodeSnapshot(cells.slice(0, -1))).toBeNull();
    expect(decodeSnapshot([...cells.slice(0, -1), (cells.at(-1) ?? '').slice(0, -10)])).toBeNull();
    expect(decodeSnapshot([(cells[0] ?? '').slice(0, 100)])).toBeNull();
    expect(decodeSnapshot([...cells, 'R9=1:-:0:1'])).toBeNull();
    expect(decodeSnapshot('')).toBeNull();
    expect(decodeSnapshot('v1;R1=12')).toBeNull();
    expect(decodeSnapshot(encodeSnapshot(new Map()))).toEqual({ version: 3, entries: new Map() });
  });
});

describe('corrections of closed months', () => {
  it('are recognised by their Corrects month, for an earlier month only', () => {
    const row = (month: string, correctsMonth: string | null, reason = '') => ({
      ...adjustment(month, 'R1', 500, reason),
      correctsMonth,
    });
    expect(isIssuedCorrection(row('2026-11', '2026-10'))).toBe(true);
    expect(isIssuedCorrection(row('2026-10', '2026-10'))).toBe(false);
    expect(isIssuedCorrection(row('2026-10', '2026-11'))).toBe(false);
    // Words in the reason never make a correction.
    expect(isIssuedCorrection(row('2026-11', null, '更正 2026-10-05 漏登 3 件'))).toBe(false);
  });

  it('written by earlier versions are read only by their exact text, into a later month', () => {
    const row = (month: string, reason: string) => adjustment(month, 'R1', 500, reason);
    expect(legacyCorrectedMonth(row('2026-11', '更正 2026-10（结账后数据有改动）'))).toBe(
      '2026-10',
    );
    expect(
      legacyCorrectedMonth(row('2026-11', 'Correction 2026-09 (rows changed after closing)')),
    ).toBe('2026-09');
    expect(legacyCorrectedMonth(row('2026-10', '更正 2026-10（结账后数据有改动）'))).toBeNull();
    expect(legacyCorrectedMonth(row('2026-11', '更正 2026-10-05 漏登 3 件'))).toBeNull();
    expect(legacyCorrectedMonth(row('2026-11', '更正 2026-10 漏登 3 件'))).toBeNull();
    expect(legacyCorrectedMonth(row('2026-11', 'bonus 2026-10'))).toBeNull();
  });

  it('go into the earliest open month after the month corrected, never an earlier one', () => {
    expect(correctionMonthFor('2026-11', new Set(['2026-11']))).toBe('2026-12');
    expect(correctionMonthFor('2026-12', new Set(['2026-11', '2026-12']))).toBe('2027-01');
    expect(correctionMonthFor('2026-10', new Set(['2026-10', '2026-11']))).toBe('2026-12');
    expect(correctionMonthFor('2026-10', new Set(['2026-10', '2026-12']))).toBe('2026-11');
  });
});
