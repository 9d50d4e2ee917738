/**
 * Will Set up and Check data stay well inside Apps Script's 6-minute limit at 100,000 Pieces
 * rows? The emulator's time is JavaScript's alone, so the real time is estimated from what each
 * operation asks of Google: its service calls and the cells each call touches (the area of every
 * range read or written, counted by wrapping the emulator's Range and Sheet methods).
 *
 * How the estimate is made: calls × 50 ms (DESIGN.md: "tens of ms" a call) + cells read × 2 µs
 * + cells written × 20 µs. The per-cell costs are deliberately pessimistic guesses, not
 * measurements; the point is the order of magnitude, and how it moves with the rows. The limit:
 * https://developers.google.com/apps-script/guides/services/quotas (6 min / execution).
 */
import { checkData } from '../src/features/checkData';
import { setUpWorkbook } from '../src/features/setUp';
import { SheetsWorkbook } from '../src/apps-script/sheetsWorkbook';
import { createEmulator, type Emulator } from '../test/emulator';
import { pieceRows, seedWorkshop } from '../test/apps-script/support';
import { RangeImpl } from '../test/emulator/range';
import { SheetImpl } from '../test/emulator/sheet';

const ROWS = 100_000;
const MS_PER_CALL = 50;
const MS_PER_CELL_READ = 0.002;
const MS_PER_CELL_WRITTEN = 0.02;
const LIMIT_MS = 6 * 60 * 1000;
const BAD_ROWS = [
  ['2026-11-03', 'R9', 'O1', 10, 0, '', '', 'X1'],
  ['2026-11-04', 'R1', 'O1', 10, 12, '', '', 'X2'],
];

const READS = ['getValues', 'getDisplayValues', 'getNotes', 'getFormulas'] as const;
const WRITES = [
  'setValues',
  'setNotes',
  'setNumberFormat',
  'setNumberFormats',
  'setDataValidation',
  'setDataValidations',
  'setBackground',
  'setBackgrounds',
  'setFontWeight',
  'setFontWeights',
] as const;

interface Tally {
  read: number;
  written: number;
}

/** Counts the cells each Range read or write covers while `body` runs. */
function tallyCells(body: () => void): Tally {
  const tally: Tally = { read: 0, written: 0 };
  const proto = RangeImpl.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const saved = new Map<string, (...a: unknown[]) => unknown>();
  const wrap = (name: string, kind: keyof Tally): void => {
    const original = proto[name];
    if (original === undefined) return;
    saved.set(name, original);
    proto[name] = function (this: RangeImpl, ...args: unknown[]): unknown {
      tally[kind] += this.getNumRows() * this.getNumColumns();
      return original.apply(this, args);
    };
  };
  READS.forEach((name) => wrap(name, 'read'));
  WRITES.forEach((name) => wrap(name, 'written'));
  const sheetProto = SheetImpl.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const sheetValues = sheetProto.getSheetValues as (...a: unknown[]) => unknown[][];
  sheetProto.getSheetValues = function (this: SheetImpl, ...args: unknown[]): unknown {
    const values = sheetValues.apply(this, args);
    tally.read += values.length * (values[0]?.length ?? 0);
    return values;
  };
  try {
    body();
  } finally {
    for (const [name, original] of saved) proto[name] = original;
    sheetProto.getSheetValues = sheetValues;
  }
  return tally;
}

function estimate(label: string, emulator: Emulator, operation: () => void): void {
  emulator.calls.reset();
  const started = performance.now();
  const tally = tallyCells(operation);
  const jsMs = performance.now() - started;
  const calls = emulator.calls.total();
  const ms =
    calls * MS_PER_CALL +
    tally.read * MS_PER_CELL_READ +
    tally.written * MS_PER_CELL_WRITTEN +
    jsMs;
  const share = ((ms / LIMIT_MS) * 100).toFixed(1);
  process.stdout.write(
    `${label}: ${calls} calls, ${tally.read.toLocaleString('en')} cells read, ` +
      `${tally.written.toLocaleString('en')} written, JS ${jsMs.toFixed(0)} ms → ` +
      `estimated ${(ms / 1000).toFixed(1)} s in Apps Script (${share}% of the 6-minute limit)\n`,
  );
}

export function run(): void {
  const emulator = createEmulator({ locale: 'zh_CN' });
  const uninstall = emulator.install(globalThis);
  try {
    seedWorkshop(emulator, pieceRows(ROWS, BAD_ROWS));
    const label = `${ROWS.toLocaleString('en')} Pieces rows`;
    const today = '2026-11-20';
    estimate(`Check data, ${label}, first run`, emulator, () => {
      checkData(new SheetsWorkbook(emulator.spreadsheet), { today });
    });
    estimate(`Check data, ${label}, one more bad row`, emulator, () => {
      emulator.seed('计件', [[], ...Array(ROWS / 2).fill([]), ['2026-11-05', 'R7']]);
      checkData(new SheetsWorkbook(emulator.spreadsheet), { today });
    });
    estimate(`Set up, ${label}`, emulator, () => {
      setUpWorkbook(new SheetsWorkbook(emulator.spreadsheet));
    });
  } finally {
    uninstall();
  }
}
