/**
 * The options of the `gongfang` program and of each of its commands, apart from the commands'
 * code: the main thread reads them too, to find the workbook a command will open
 * (earlyReadTarget.ts) without loading the program.
 */
import type { ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  lang: { type: 'string' },
  tz: { type: 'string' },
  json: { type: 'boolean' },
  today: { type: 'string' },
} as const satisfies Options;

export const COMMAND_OPTIONS = {
  demo: { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
  init: { force: { type: 'boolean' } },
  check: { mark: { type: 'boolean' }, correct: { type: 'boolean' } },
  generate: {
    month: { type: 'string' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
  },
  close: { month: { type: 'string' }, by: { type: 'string' }, force: { type: 'boolean' } },
  partners: {
    month: { type: 'string' },
    'out-dir': { type: 'string' },
    force: { type: 'boolean' },
  },
  reopen: {
    month: { type: 'string' },
    by: { type: 'string' },
    reason: { type: 'string' },
    force: { type: 'boolean' },
  },
  year: {
    year: { type: 'string' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
  },
  archive: {
    year: { type: 'string' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
  },
} as const satisfies Record<string, Options>;

/** Commands whose file argument is a workbook they open and read (demo only writes one). */
export const READS_WORKBOOK: ReadonlySet<string> = new Set([
  'init',
  'check',
  'generate',
  'close',
  'partners',
  'reopen',
  'year',
  'archive',
]);
