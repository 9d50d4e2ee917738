/**
 * Benchmark of Set up and Check data over the emulated SpreadsheetApp: the service calls they
 * make (by method) and the time they take, on 1,000 and 100,000 Pieces rows. The calls must
 * not grow with the rows; the time is the JavaScript's alone (real service calls add tens of
 * milliseconds each).
 */
import { checkData } from '../src/features/checkData';
import { setUpWorkbook } from '../src/features/setUp';
import { SheetsWorkbook } from '../src/apps-script/sheetsWorkbook';
import { createEmulator, type Emulator } from '../test/emulator';
import { pieceRows, seedWorkshop } from '../test/apps-script/support';

const TODAY = '2026-11-20';
const SIZES = [1_000, 100_000];
/** A few bad rows, so that Check data has cells to mark. */
const BAD_ROWS = [
  ['2026-11-03', 'R9', 'O1', 10, 0, '', '', 'X1'],
  ['2026-11-04', 'R1', 'O1', 10, 12, '', '', 'X2'],
  ['2026-11-05', 'R1', 'O1', '#N/A', 0, '', '', 'X3'],
];

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function measure(label: string, emulator: Emulator, operation: () => void): void {
  emulator.calls.reset();
  const started = performance.now();
  operation();
  const ms = performance.now() - started;
  const byMethod = Object.entries(emulator.calls.byMethod())
    .map(([method, count]) => `${method} ${count}`)
    .join(', ');
  print(`${label}: ${emulator.calls.total()} calls, ${ms.toFixed(0)} ms`);
  print(`  ${byMethod}`);
}

function withEmulator(locale: string, body: (emulator: Emulator) => void): void {
  const emulator = createEmulator({ locale });
  const uninstall = emulator.install(globalThis);
  try {
    body(emulator);
  } finally {
    uninstall();
  }
}

export async function run(): Promise<void> {
  withEmulator('zh_CN', (emulator) => {
    measure('Set up, empty spreadsheet', emulator, () => {
      setUpWorkbook(new SheetsWorkbook(emulator.spreadsheet));
    });
  });
  for (const rows of SIZES) {
    withEmulator('zh_CN', (emulator) => {
      seedWorkshop(emulator, pieceRows(rows, BAD_ROWS));
      const label = `${rows.toLocaleString('en')} Pieces rows`;
      measure(`Check data, ${label}, first run`, emulator, () => {
        checkData(new SheetsWorkbook(emulator.spreadsheet), { today: TODAY });
      });
      measure(`Check data, ${label}, unchanged`, emulator, () => {
        checkData(new SheetsWorkbook(emulator.spreadsheet), { today: TODAY });
      });
      measure(`Set up, ${label}`, emulator, () => {
        setUpWorkbook(new SheetsWorkbook(emulator.spreadsheet));
      });
    });
  }
}
