/**
 * Benchmark of the checks while typing (the onEdit simple trigger) over the emulated
 * SpreadsheetApp: the service calls an edit costs, by method, on 1,000 and 100,000 Pieces
 * rows. Held by test/apps-script/onEdit.test.ts: a single-cell edit 7 (9 when it marks or
 * tidies a cell), a 1,000-row paste ≤ 12, an edit to a tab Gongfang does not check ≤ 2.
 */
import { onEdit } from '../src/apps-script/onEdit';
import { createEmulator, type Emulator } from '../test/emulator';
import { pieceRows, seedWorkshop } from '../test/apps-script/support';

const SIZES = [1_000, 100_000];

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function measure(label: string, emulator: Emulator, edit: () => void): void {
  emulator.calls.reset();
  const started = performance.now();
  edit();
  const ms = performance.now() - started;
  const byMethod = Object.entries(emulator.calls.byMethod())
    .map(([method, count]) => `${method} ${count}`)
    .join(', ');
  print(`${label}: ${emulator.calls.total()} calls, ${ms.toFixed(0)} ms`);
  print(`  ${byMethod}`);
}

export function run(): void {
  for (const rows of SIZES) {
    const emulator = createEmulator({ locale: 'zh_CN' });
    const uninstall = emulator.install(globalThis);
    try {
      seedWorkshop(emulator, pieceRows(rows));
      emulator.seed('我的草稿', [['x']]);
      emulator.simpleTriggers({ onEdit });
      const label = `${rows.toLocaleString('en')} Pieces rows`;
      measure(`First edit (builds the kept context), ${label}`, emulator, () =>
        emulator.userEdit('计件', 'D3', '4'),
      );
      measure(`Single-cell edit, ${label}`, emulator, () => emulator.userEdit('计件', 'D5', '6'));
      measure(`Single-cell edit that marks, ${label}`, emulator, () =>
        emulator.userEdit('计件', 'D6', 'six'),
      );
      measure(`Single-cell edit that tidies (３０ → 30), ${label}`, emulator, () =>
        emulator.userEdit('计件', 'D7', '３０'),
      );
      const paste = Array.from({ length: 1_000 }, (_, i) => [
        '2026-11-10',
        i % 10 === 0 ? 'R9' : 'r1',
        'O1',
        i % 7 === 0 ? '３' : '3',
        '0',
      ]);
      measure(`Paste of 1,000 rows, ${label}`, emulator, () =>
        emulator.userEdit('计件', 'A2', paste),
      );
      measure(`Edit to a tab Gongfang does not check, ${label}`, emulator, () =>
        emulator.userEdit('我的草稿', 'B2', 'note'),
      );
      if (emulator.triggerErrors.length > 0) throw emulator.triggerErrors[0];
    } finally {
      uninstall();
    }
  }
}
