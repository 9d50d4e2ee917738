/**
 * The sidebars: the type-ahead over 2,000 residents in chromium (each query must answer in
 * under 16 ms, one frame), what pinyin-match adds to a page, and the service calls of each
 * endpoint on 1,000 and 100,000 Pieces rows (the same whatever the rows).
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { createEmulator } from '../test/emulator';
import { pieceRows, seedWorkshop } from '../test/apps-script/support';
import { RESIDENTS, timeSearch } from '../test/support/searchTiming';
import {
  newOrderInfo,
  newResidentInfo,
  recordPiecesInfo,
  residentCard,
  residentLookupInfo,
  submitPiecesBatch,
  undoPiecesBatch,
} from '../src/apps-script/sidebars';
import manifest from '../appsscript.json';

const CHROMIUM = '/usr/bin/chromium';
const MAX_KB = 256;
const FRAME_MS = 16;

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function searchSpeed(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    print(`type-ahead: skipped (${CHROMIUM} is missing)`);
    return;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext();
    const timings = await timeSearch(context);
    print(
      `type-ahead over ${RESIDENTS} residents in chromium (index built in ${timings.indexMs.toFixed(1)} ms):`,
    );
    for (const q of timings.queries) {
      // The median is the figure held (< one frame); the worst is the first, cold run (JIT).
      const verdict = q.medianMs < FRAME_MS ? 'ok' : `OVER ${FRAME_MS} ms`;
      print(
        `  ${q.query.padEnd(8)} ${String(q.found).padStart(2)} found  median ${q.medianMs.toFixed(2)} ms  worst ${q.worstMs.toFixed(2)} ms  ${verdict}`,
      );
    }
  } finally {
    await browser.close();
  }
}

async function pinyinSize(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const size = async (contents: string) =>
    (
      await esbuild.build({
        stdin: { contents, resolveDir: root, loader: 'ts' },
        bundle: true,
        write: false,
        format: 'iife',
        target: 'es2019',
        logLevel: 'silent',
      })
    ).outputFiles[0]?.contents.length ?? 0;
  const withPinyin = await size(
    "import { ResidentSearch } from './src/ui/sidebar-common/search'; console.log(ResidentSearch);",
  );
  print(
    `the type-ahead (readings of every CJK character: pinyin-match's dictionary and the supplement) adds ${(withPinyin / 1024).toFixed(1)} KB to a page (as the build bundles it, unminified)`,
  );
  for (const page of ['record-pieces', 'resident-lookup', 'new-resident', 'new-order']) {
    const file = path.join(root, 'dist', 'apps-script', `${page}.html`);
    if (existsSync(file))
      print(`  ${page}.html ${(readFileSync(file).length / 1024).toFixed(1)} KB`);
  }
}

/**
 * Through the Sheets advanced service (as appsscript.json enables it), then without it (the
 * SpreadsheetApp fallback, two calls a tab).
 */
function serviceCalls(): void {
  for (const withApi of [true, false]) {
    for (const rows of [1_000, 100_000]) serviceCallsOn(rows, withApi);
  }
}

function serviceCallsOn(rows: number, withApi: boolean): void {
  const emulator = createEmulator({
    locale: 'zh_CN',
    ...(withApi ? {} : { manifest: { oauthScopes: manifest.oauthScopes } }),
  });
  seedWorkshop(emulator, pieceRows(rows));
  const uninstall = emulator.install(globalThis);
  try {
    const measure = (label: string, fn: () => unknown, target = true) => {
      emulator.calls.reset();
      const started = performance.now();
      emulator.execution(fn);
      const kb = emulator.calls.bytes() / 1024;
      // Issue 18: an action reads at most 256 KB of cell data (the tally kept).
      const verdict = !withApi || !target ? '' : kb <= MAX_KB ? '  ok' : `  OVER ${MAX_KB} KB`;
      print(
        `  ${label.padEnd(34)} ${String(emulator.calls.total()).padStart(3)} calls  ${kb.toFixed(1).padStart(7)} KB read  ${(performance.now() - started).toFixed(0).padStart(5)} ms${verdict}`,
      );
    };
    const how = withApi ? 'Sheets advanced service' : 'SpreadsheetApp only';
    print(
      `service calls and cell data read on ${rows} Pieces rows (${how}; load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}):`,
    );
    measure('record pieces: open, no tally yet', () => recordPiecesInfo(), false);
    measure('record pieces: open', () => recordPiecesInfo());
    let written: Parameters<typeof undoPiecesBatch>[0] = [];
    measure('record pieces: submit', () => {
      const reply = submitPiecesBatch({
        date: '2026-11-20',
        recordedBy: 'bench',
        acceptWarnings: true,
        lines: [
          {
            entry: 'BENCHXYZ-1',
            residentId: 'R1',
            orderId: 'O1',
            completed: '3',
            rejected: '0',
            notes: '',
          },
        ],
      });
      if (reply.ok && reply.value.kind === 'written') written = reply.value.lines;
    });
    measure('record pieces: undo', () => undoPiecesBatch(written));
    measure('look up: open', () => residentLookupInfo());
    measure('look up: card', () => residentCard('R1'));
    measure('new resident: open', () => newResidentInfo());
    measure('new order: open', () => newOrderInfo());
  } finally {
    uninstall();
  }
}

export async function run(): Promise<void> {
  await searchSpeed();
  await pinyinSize();
  serviceCalls();
}
