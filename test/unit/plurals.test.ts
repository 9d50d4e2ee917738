/**
 * Plural-correct English (issue 22, finding 5: "1 errors and 1 warnings", "1 residents have…",
 * "1 correction rows", "Wrote 1 rows"): ICU-style plural messages in the catalogue, and a sweep
 * of every English message that takes a number, rendered with 1 and with 2.
 */
import { icu, pluralCategory } from '../../src/i18n/define';
import { messagesOf, t } from '../../src/i18n';

describe('ICU-style messages', () => {
  const rows = icu<{ count: number; tab: string }>(
    'en',
    'Wrote {count, plural, =0 {no rows} one {# row} other {# rows}} to {tab}.',
  );

  test('pick the words by the number: an exact =n first, then the plural category', () => {
    expect(rows({ count: 0, tab: 'Pieces' })).toBe('Wrote no rows to Pieces.');
    expect(rows({ count: 1, tab: 'Pieces' })).toBe('Wrote 1 row to Pieces.');
    expect(rows({ count: 2, tab: 'Pieces' })).toBe('Wrote 2 rows to Pieces.');
    expect(rows({ count: 1000, tab: 'Pieces' })).toBe('Wrote 1000 rows to Pieces.');
    expect(rows.icu).toContain('plural');
  });

  test('English has "one" for exactly 1; Chinese has only "other"', () => {
    expect(pluralCategory('en', 1)).toBe('one');
    expect(pluralCategory('en', 0)).toBe('other');
    expect(pluralCategory('en', 1.5)).toBe('other');
    expect(pluralCategory('en', 21)).toBe('other');
    expect(pluralCategory('zh-CN', 1)).toBe('other');
    const zh = icu<{ count: number }>('zh-CN', '{count, plural, one {一行} other {# 行}}');
    expect(zh({ count: 1 })).toBe('1 行');
  });

  test('select, nesting and apostrophes', () => {
    const message = icu<{ kind: string; count: number }>(
      'en',
      "{kind, select, error {{count, plural, one {# error} other {# errors}}} other {# isn''t '{counted}'}}",
    );
    expect(message({ kind: 'error', count: 1 })).toBe('1 error');
    expect(message({ kind: 'error', count: 3 })).toBe('3 errors');
    expect(message({ kind: 'warning', count: 3 })).toBe("# isn't {counted}");
    expect(icu<{ partner: string }>('en', "{partner}'s report")({ partner: 'P1' })).toBe(
      "P1's report",
    );
  });

  test('a malformed pattern fails when it is defined, not when it is shown', () => {
    expect(() => icu('en', '{count, plural, one {# row}}')).toThrow(/other/);
    expect(() => icu('en', '{count, plural, one {# row} other {# rows}')).toThrow(SyntaxError);
    expect(() => icu('en', 'a } b')).toThrow(SyntaxError);
    expect(() => icu('en', '{count, ordinal, other {#}}')).toThrow(/ordinal/);
  });
});

/** Parameters that hold a number in some message; any other parameter gets a word. */
const NUMERIC = new Set([
  'count',
  'errors',
  'warnings',
  'residents',
  'marked',
  'cleared',
  'lines',
  'left',
  'accepted',
  'passed',
  'total',
  'limit',
  'written',
  'removed',
  'shared',
  'files',
  'partners',
  'failed',
  // The year end's (issue 21).
  'pieces',
  'adjustments',
  'carried',
  'months',
  'rows',
]);

function paramsWith(n: number): Record<string, unknown> {
  return new Proxy(
    {},
    {
      get: (_, key) =>
        typeof key === 'string' && NUMERIC.has(key) ? n : key === 'more' ? false : 'X',
    },
  );
}

/** English nouns that must be singular after "1". */
const PLURAL_AFTER_ONE =
  /\b1 (?:(?!data )[A-Za-z-]+ )?(?:errors|warnings|rows|residents|cells|problems|lines|pieces|partners|orders|checks|months|days|files|marks|people|reports)\b/;

describe('every English message that counts', () => {
  const english = messagesOf('en') as Record<string, unknown>;
  const rendered = (n: number) =>
    Object.entries(english).flatMap(([key, message]) => {
      if (typeof message !== 'function') return [];
      try {
        return [[key, String((message as (p: unknown) => unknown)(paramsWith(n)))] as const];
      } catch {
        return [];
      }
    });

  test('says "1 row", "1 error", "1 resident": never a plural after 1', () => {
    const wrong = rendered(1).filter(([, text]) => PLURAL_AFTER_ONE.test(text));
    expect(wrong).toEqual([]);
  });

  test('says "(s)" nowhere: the number picks the word', () => {
    const hedged = rendered(2).filter(([, text]) => /\w\(s\)/.test(text));
    expect(hedged).toEqual([]);
  });

  test('the counts staff read most, for 1 and for 2', () => {
    expect(t('en', 'cliCheckCounts', { errors: 1, warnings: 1 })).toMatch(
      /^1 error and 1 warning\./,
    );
    expect(t('en', 'cliCheckCounts', { errors: 2, warnings: 0 })).toMatch(
      /^2 errors and 0 warnings\./,
    );
    expect(t('en', 'payoutNegativeNote', { count: 1 })).toMatch(/1 resident has/);
    expect(t('en', 'payoutNegativeNote', { count: 2 })).toMatch(/2 residents have/);
    expect(t('en', 'sbWritten', { count: 1, tab: 'Pieces', rows: '12' })).toMatch(/^Wrote 1 row /);
    // Messages that came with issues 17, 18 and 23.
    expect(t('en', 'cliPartnersSomeFailed', { failed: 1, total: 3 })).toMatch(
      /^1 of 3 reports was not written/,
    );
    expect(t('en', 'cliPartnersSomeFailed', { failed: 1, total: 1 })).toMatch(
      /^The report was not written, for the reason above\.$/,
    );
    expect(
      t('en', 'cliPartnersSkippedRows', {
        count: 1,
        first: 'P01',
        command: 'gongfang check b.xlsx',
      }),
    ).toMatch(
      /^Note: 1 row of the Partners tab has errors, and that partner got no report .* correct it\.$/,
    );
    expect(t('en', 'reopenDoneWithdrawn', { count: 1 })).toBe(
      '1 row written to Adjustments withdraws that correction.',
    );
    expect(t('en', 'sbAlreadyAll', { count: 1, rows: '12', tab: 'Pieces' })).toMatch(
      /^The line of this batch had been written to Pieces before \(row 12\)/,
    );
  });
});
