/**
 * The command's main thread (dist/cli/gongfang-main.js: the early read, the supervisor) is built
 * with only the message areas it shows (scripts/build.mjs MAIN_THREAD_MESSAGES): loading the
 * whole catalogue took 17–19 ms before the early read could start, on a core the starting worker
 * shares (docs/performance.md, "Round twelve"). Every message the bundle names must still be in
 * it, in both languages, or Ctrl-C would print "undefined".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGS, messagesOf } from '../../src/i18n';
import type { MessageKey } from '../../src/i18n';
import { BUILT_CLI } from './helpers';

const MAIN = path.join(path.dirname(BUILT_CLI), 'gongfang-main.js');
const source = fs.readFileSync(MAIN, 'utf8');

/** The keys the bundle passes to t() as written: t(lang, "key"…), lang a name or a call. */
function keysNamed(bundle: string): string[] {
  const calls = /\bt\(\s*[\w.]+(?:\([^()]*\))?\s*,\s*"(\w+)"/g;
  return [...new Set([...bundle.matchAll(calls)].map((match) => match[1] ?? ''))].sort();
}

/** A message's fixed text: a parameterised one cut where its parameters go. */
function fixedPieces(message: unknown): string[] {
  if (typeof message === 'string') return [message];
  if (typeof message !== 'function') return [];
  const marker = '\u0001';
  const params = new Proxy({}, { get: () => marker });
  // A helper the message calls may find nothing to say for the marker: "undefined" then.
  return String((message as (p: unknown) => string)(params))
    .split(new RegExp(`${marker}|undefined`))
    .filter((piece) => piece.trim().length > 1);
}

describe('dist/cli/gongfang-main.js', () => {
  test('names the messages Ctrl-C, an unexpected error and lost output show', () => {
    expect(keysNamed(source)).toEqual(
      expect.arrayContaining([
        'cliOutputLost',
        'cliUnexpected',
        'fileInterrupted',
        'fileInterruptedAfterWriting',
      ]),
    );
  });

  test.each([...LANGS])('holds the text of every message it names, in %s', (lang) => {
    const missing = keysNamed(source).filter((key) => {
      const pieces = fixedPieces(messagesOf(lang)[key as MessageKey]);
      // A message whose text is built by helpers may be cut differently in the bundle: one
      // piece of its own text is enough to show its area was kept.
      return !pieces.some((piece) => source.includes(piece));
    });
    expect(missing).toEqual([]);
  });

  test('leaves out the message areas the main thread never shows', () => {
    // With the whole catalogue it was 241 KB; without, 137 KB.
    expect(fs.statSync(MAIN).size).toBeLessThan(180 * 1024);
  });
});
