/**
 * Jest global setup: builds once per jest run (node scripts/build.mjs), so the integration,
 * CLI and browser suites test the very files that are deployed. A failed build does not stop
 * the other suites: scripts/build.mjs records which outputs failed in dist/build-status.json,
 * and only the suites that need those outputs fail, with the build's own message
 * (test/support/bundle.ts, requireBuilt).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM } from './browser';
import { RUN_FOLDER } from './runFolder';

const root = path.resolve(__dirname, '..', '..');
const statusFile = path.join(root, 'dist', 'build-status.json');

export default async function buildOnce(): Promise<void> {
  makeRunFolder();
  mkdirSync(path.dirname(statusFile), { recursive: true });
  // Written whole by the build, then moved into place: suites of a jest run started at the
  // same moment by someone else never read a half-written status.
  const ownStatus = `${statusFile}.${process.pid}.json`;
  rmSync(ownStatus, { force: true });
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'build.mjs'), '--status', ownStatus],
    { cwd: root, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ?? ''}`;
    process.stderr.write(`\n[globalSetup] the build failed:\n${output}\n`);
    if (!existsSync(ownStatus)) {
      writeFileSync(
        ownStatus,
        JSON.stringify({ ok: false, failed: { build: output }, report: output }),
      );
    }
  }
  renameSync(ownStatus, statusFile);
  sayWhyBrowserSuitesSkip();
}

/**
 * One temporary folder for the whole run, removed by globalTeardown.ts: the state the CLI
 * suites give `gongfang` (test/cli/helpers.ts) goes there, so a run leaves nothing in /tmp.
 * Set in the environment, which the jest workers started after this inherit.
 */
function makeRunFolder(): void {
  process.env[RUN_FOLDER] = mkdtempSync(path.join(tmpdir(), 'gongfang-test-run-'));
}

/**
 * describeInBrowser skips the browser suites where chromium is missing (outside CI); jest names
 * skipped suites only in verbose output, so the reason is printed here, once per run.
 */
function sayWhyBrowserSuitesSkip(): void {
  const notice = browserSkipNotice(existsSync(CHROMIUM), process.env.CI !== undefined);
  if (notice !== null) process.stderr.write(`\n${notice}\n`);
}

export function browserSkipNotice(chromiumFound: boolean, inCi: boolean): string | null {
  if (chromiumFound || inCi) return null;
  return (
    `[gongfang] Browser suites skipped: ${CHROMIUM} is missing. ` +
    'Install it with `apt-get install chromium fonts-noto-cjk` to run them.'
  );
}
