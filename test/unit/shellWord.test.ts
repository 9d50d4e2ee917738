/**
 * The file a message names in a command to run is quoted so that a real shell gives back the
 * very name: checked with Debian's /bin/sh (dash) and bash, not against our own reading.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { shellWord } from '../../src/i18n/shellWord';

const shells = ['/bin/sh', '/bin/bash'].filter((shell) => fs.existsSync(shell));

/** What `shell` makes of the word: printf prints its one argument as it arrives. */
function asShellTakesIt(shell: string, word: string): string {
  const result = spawnSync(shell, ['-c', `printf '%s' ${word}`], { encoding: 'utf8' });
  return result.stdout;
}

const NAMES = [
  'ledger.xlsx',
  'my ledger.xlsx',
  '台账 2026.xlsx',
  'pay$2026.xlsx',
  '$(touch gone).xlsx',
  'it’s fine.xlsx',
  "it's.xlsx",
  'say "hi".xlsx',
  'back`tick`.xlsx',
  '!bang.xlsx',
  'C:\\Users\\王 秀英\\台账.xlsx',
  '\\\\server\\share\\a b.xlsx',
  '*.xlsx',
  '~/a.xlsx',
  'two\nlines.xlsx',
  'a\tb.xlsx',
];

describe('shellWord', () => {
  test('a name that needs no quoting is left as it is', () => {
    expect(shellWord('ledger.xlsx')).toBe('ledger.xlsx');
    expect(shellWord('台账.xlsx')).toBe('台账.xlsx');
  });

  test('a Windows path with a space is in double quotes, which cmd.exe knows', () => {
    expect(shellWord('C:\\Users\\a b.xlsx')).toMatch(/^".*"$/);
  });

  test.each(shells)('%s gives back every name as it was', (shell) => {
    for (const name of NAMES) expect(asShellTakesIt(shell, shellWord(name))).toBe(name);
  });

  test.each(shells)('%s gives back any name made of shell signs', (shell) => {
    const signs = [...' "\'`$\\!*?;&|<>(){}[]#~\n\t=%^@,:a台'];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...signs), minLength: 1 }), (name) => {
        expect(asShellTakesIt(shell, shellWord(name))).toBe(name);
      }),
      { numRuns: 60 },
    );
  });
});
