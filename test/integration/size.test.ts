/**
 * Size limits of the pushed files (issue 8 section 4). Apps Script parses all of Code.js on
 * every execution — each menu click, onOpen and google.script.run call — and a dialog or
 * sidebar page is sent to the browser each time it opens, so their size is latency staff feel.
 * The build is deterministic, so the limits are checked here rather than in the bench.
 * How to get back under a limit: docs/performance.md.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { APPS_SCRIPT_DIR, CODE_JS, ROOT, requireBuilt } from '../support/bundle';

import { CODE_JS_LIMIT, KB, PAGE_LIMIT, pageLimit } from '../../bench/support/sizeLimits';

const kb = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;

/** The largest modules in Code.js, for the failure message. */
function largestModules(): string {
  const file = path.join(ROOT, 'dist', 'code-js-modules.json');
  const modules = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>);
  return modules
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name, bytes]) => `  ${kb(bytes).padStart(9)}  ${name}`)
    .join('\n');
}

beforeAll(() => requireBuilt());

describe('pushed file sizes', () => {
  it(`Code.js is at most ${kb(CODE_JS_LIMIT)}`, () => {
    const size = statSync(CODE_JS).size;
    if (size > CODE_JS_LIMIT) {
      throw new Error(
        `Code.js is ${kb(size)}, over its ${kb(CODE_JS_LIMIT)} limit. Largest modules:\n` +
          largestModules(),
      );
    }
    expect(size).toBeLessThanOrEqual(CODE_JS_LIMIT);
  });

  it(`each dialog and sidebar page is at most ${kb(PAGE_LIMIT)}`, () => {
    const pages = readdirSync(APPS_SCRIPT_DIR).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(0);
    const over = pages
      .map((page) => ({
        page,
        size: statSync(path.join(APPS_SCRIPT_DIR, page)).size,
        limit: pageLimit(page),
      }))
      .filter(({ size, limit }) => size > limit)
      .map(({ page, size, limit }) => `${page}: ${kb(size)} (limit ${kb(limit)})`);
    expect(over).toEqual([]);
  });
});
