/**
 * Code.js and each page carry only the message areas they show (scripts/build.mjs leaves the
 * others out, as empty tables: docs/performance.md). A message left out by mistake would not
 * fail the build: t() would give `undefined`, and staff would read "undefined" in an alert, a
 * report or a sidebar. So every message key the built file names must have its text in that
 * file, in both languages.
 *
 * A key is "named" where the built file holds it as a string ("sbRecordTitle", data-text=
 * "genIntro") or reads it as a property (.yrMonthShort): the code passes keys whole, as
 * literals, directly or through tables of literals (GOOGLE_FAILURES, FIELD_LABELS…); no key is
 * assembled from pieces. A string that merely looks like a key counts too: that errs on the
 * side of keeping a message.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { LANGS, messagesOf } from '../../src/i18n';
import type { Lang, MessageKey } from '../../src/i18n';
import { APPS_SCRIPT_DIR, readCodeJs, requireBuilt } from '../support/bundle';

const KEYS = new Set(Object.keys(messagesOf('en')));

/**
 * The built text without the names keepNames gives functions (`a(countTooLarge,
 * "countTooLarge")`, a is the helper the build defines): a function named like a message is
 * not the message.
 */
function withoutFunctionNames(built: string): string {
  const helper = /var ([\w$]+)=\(\w,\w\)=>[\w$]+\(\w,"name",\{value:\w,configurable:!0\}\)/.exec(
    built,
  )?.[1];
  if (helper === undefined) return built;
  const escaped = helper.replace(/\$/g, '\\$');
  return built.replace(new RegExp(`(?<![\\w$.])${escaped}\\([\\w$]+,"\\w+"\\)`, 'g'), '');
}

/** The catalogue's keys the built text names as a string or reads as a property. */
function keysNamed(built: string): string[] {
  const named = /["'`](\w+)["'`]|\.(\w+)\b/g;
  const keys = [...withoutFunctionNames(built).matchAll(named)].map(
    (match) => match[1] ?? match[2] ?? '',
  );
  return [...new Set(keys.filter((key) => KEYS.has(key)))].sort();
}

/** A message's fixed text: a parameterised one cut where its parameters go. */
function fixedPieces(message: unknown): string[] {
  if (typeof message === 'string') return [message];
  if (typeof message !== 'function') return [];
  const icu = (message as { icu?: unknown }).icu;
  if (typeof icu === 'string') return icu.split(/[{}#]/);
  const marker = '\u0001';
  const params = new Proxy({}, { get: () => marker });
  // A helper the message calls may find nothing to say for the marker: "undefined" then.
  return String((message as (p: unknown) => string)(params)).split(
    new RegExp(`${marker}|undefined`),
  );
}

/**
 * The runs of a message's own text that the build writes as they are (quotes, backslashes, "$"
 * and line breaks may be escaped in a string literal, and a helper may add words between, so
 * runs stop at them and at spaces), two characters or more: a single one, as "、", is too
 * common to prove anything.
 */
function runsOf(lang: Lang, key: string): string[] {
  return fixedPieces(messagesOf(lang)[key as MessageKey])
    .flatMap((piece) => piece.split(/[\s"'`\\$]+/))
    .filter((run) => run.length > 1);
}

/**
 * Whether the built text holds message `key` of `lang`: its table entry (`key:`) and a run of
 * its own text (one is enough: a text built by helpers is cut differently in the bundle).
 */
function holds(built: string, lang: Lang, key: string): boolean {
  if (!new RegExp(`[{,\\s]${key}:`).test(built)) return false;
  const runs = runsOf(lang, key);
  return runs.length === 0 || runs.some((run) => built.includes(run));
}

/** The built text with its long strings whole again (the build's short lines break them with
 *  a backslash-newline, which JavaScript reads as nothing). */
function joined(built: string): string {
  return built.replace(/\\\n/g, '');
}

beforeAll(() => requireBuilt());

describe('the messages a built file names are in it', () => {
  const builtFiles = (): [string, string][] => [
    ['Code.js', joined(readCodeJs())],
    ...readdirSync(APPS_SCRIPT_DIR)
      .filter((file) => file.endsWith('.html'))
      .map((file): [string, string] => [
        file,
        joined(readFileSync(path.join(APPS_SCRIPT_DIR, file), 'utf8')),
      ]),
  ];

  test('the key finder sees keys passed directly, through tables and as validation codes', () => {
    const named = keysNamed(joined(readCodeJs()));
    // t(lang, 'menuYear'); GOOGLE_FAILURES (run.ts); a problem code (validation); a page title.
    expect(named).toEqual(
      expect.arrayContaining(['menuYear', 'gErrQuota', 'negativeNumber', 'sbRecordTitle']),
    );
  });

  test.each([...LANGS])('every key Code.js and each page name, in %s', (lang) => {
    const missing = builtFiles().flatMap(([file, built]) =>
      keysNamed(built)
        .filter((key) => !holds(built, lang, key))
        .map((key) => `${file}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  test('a file without a message it names fails (the check can fail)', () => {
    const code = joined(readCodeJs());
    const withoutYear = code.replace(/\bmenuYear:/g, 'menuYearGone:');
    expect(holds(withoutYear, 'en', 'menuYear')).toBe(false);
    expect(holds(code, 'en', 'menuYear')).toBe(true);
  });
});
