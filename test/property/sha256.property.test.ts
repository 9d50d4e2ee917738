/**
 * The .xlsx command hashes closed months with node:crypto (src/xlsx/nodeSha256.ts), Apps Script
 * with the domain's own JavaScript engine (src/domain/sha256.ts): a month closed on one must
 * still match on the other, so both must give the same digest for any texts — Chinese, emoji,
 * lone surrogates (each text encoded on its own), tabs and line breaks included.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { nobleSha256, sha256OfTexts, useSha256 } from '../../src/domain/sha256';
import { monthFingerprint, residentDigests } from '../../src/domain/fingerprint';
import { indexPayBook } from '../../src/domain/payout';
import { nodeSha256 } from '../../src/xlsx/nodeSha256';
import { order, piece, resident } from '../support/monthFixtures';

const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom('王', '秀', 'é', '😀', '\ud800', '\udc00', '\t', '\n', 'a') }),
);

describe('SHA-256 engines', () => {
  afterEach(() => useSha256(nobleSha256));

  it('node:crypto and the domain engine agree on any texts', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 8 }), (texts) => {
        expect(nodeSha256(texts)).toBe(nobleSha256(texts));
      }),
      { numRuns: 500 },
    );
  });

  it('the domain engine is SHA-256 of the UTF-8 bytes TextEncoder writes', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const bytes = new TextEncoder().encode(text);
        expect(nobleSha256([text])).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('a month fingerprinted by one engine matches under the other', () => {
    const book = indexPayBook({
      residents: [resident('R1'), resident('王\ud800')],
      orders: [order('A', 150)],
      pieces: [piece('2026-11-03', 'R1', 'A', 100, 2), piece('2026-11-04', '王\ud800', 'A', 3)],
      adjustments: [],
    });
    const noble = [monthFingerprint(book, '2026-11'), [...residentDigests(book, '2026-11')]];
    useSha256(nodeSha256);
    expect(sha256OfTexts(['abc'])).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect([monthFingerprint(book, '2026-11'), [...residentDigests(book, '2026-11')]]).toEqual(
      noble,
    );
  });
});
