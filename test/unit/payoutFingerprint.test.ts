import { indexPayBook } from '../../src/domain/payout';
import {
  decodeSnapshot,
  encodeSnapshot,
  monthFingerprint,
  residentDigests,
  sha256Hex,
  utf8ToBytes,
} from '../../src/domain/fingerprint';
import { correctedMonthOf, openMonthFor } from '../../src/domain/closing';
import { adjustment, order, piece, resident } from '../support/monthFixtures';

const residents = [resident('R1'), resident('R2')];
const orders = [order('A', 150), order('B', 25000)];
const pieces = [
  piece('2026-11-03', 'R1', 'A', 100, 2),
  piece('2026-11-04', 'R2', 'B', 3),
  piece('2026-10-30', 'R2', 'B', 9),
];
const adjustments = [adjustment('2026-11', 'R1', 500, 'bonus')];
const fingerprint = (over: Partial<Parameters<typeof indexPayBook>[0]> = {}) =>
  monthFingerprint(indexPayBook({ residents, orders, pieces, adjustments, ...over }), '2026-11');

describe('the month fingerprint', () => {
  it('is SHA-256 in hex', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(fingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps its canonical form: closings made earlier must still match', () => {
    expect(fingerprint()).toBe(
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
  it('round-trips IDs with any characters', () => {
    const entries = new Map([
      ['007', { netPay: 1234, digest: 'abc123' }],
      ['a;b=c:d', { netPay: -5, digest: 'ff00' }],
    ]);
    expect(decodeSnapshot(encodeSnapshot(entries))).toEqual(entries);
  });

  it('is left out when it would not fit a cell, and unreadable text gives null', () => {
    const many = new Map(
      Array.from({ length: 5000 }, (_, i) => [`R${i}`, { netPay: 123456, digest: 'abcdef012345' }]),
    );
    expect(encodeSnapshot(many)).toBe('');
    expect(decodeSnapshot('')).toBeNull();
    expect(decodeSnapshot('v1;R1=12')).toBeNull();
  });
});

describe('corrections of closed months', () => {
  it('are recognised by the month their reason names, in either language', () => {
    expect(correctedMonthOf('更正 2026-10（结账后数据有改动）')).toBe('2026-10');
    expect(correctedMonthOf('Correction 2026-09 (rows changed after closing)')).toBe('2026-09');
    expect(correctedMonthOf('bonus 2026-10')).toBeNull();
  });

  it('go into the default month, or the first open one after it', () => {
    expect(openMonthFor('2026-12-03', new Set())).toBe('2026-11');
    expect(openMonthFor('2026-12-03', new Set(['2026-11']))).toBe('2026-12');
    expect(openMonthFor('2026-12-20', new Set(['2026-11']))).toBe('2026-12');
  });
});
