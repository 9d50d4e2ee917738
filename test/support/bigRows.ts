/**
 * The 100,000-row Pieces-like sheet that the emulator's test (test/emulator/__tests__/
 * performance.test.ts) and its benchmark (bench/emulator.ts) both use, so that the test checks
 * the very rows the benchmark times. It imports nothing from src/.
 */
export const BIG_ROWS = 100_000;

/** Eight columns like Pieces: a date, resident and order IDs, counts, staff, notes, entry. */
export function bigRows(): unknown[][] {
  const day = new Date('2026-11-03T00:00:00+08:00');
  return Array.from({ length: BIG_ROWS }, (_, i) => [
    day,
    `R${String(i % 500).padStart(3, '0')}`,
    `O${i % 40}`,
    i % 17,
    i % 3,
    'staff',
    '',
    i + 1,
  ]);
}
