import { generateYear } from '../../src/features/generateYear';
import { generateMonth } from '../../src/features/generateMonth';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { closeMonths, monthsBetween, yearLedgerTabs } from '../support/yearLedger';

const today = '2027-01-15';
const now = new Date('2027-01-15T02:00:00Z');

describe('year report', () => {
  it('smoke', () => {
    const book = new MemoryWorkbook(yearLedgerTabs({ from: '2025-06', to: '2026-12' }));
    closeMonths(book, monthsBetween('2025-06', '2026-10'), today);
    const result = generateYear(book, { year: 2026, now, today });
    for (const name of result.tabs) {
      const tab = book.generated.get(name);
      console.log(name + '\n' + tab?.cells.map((r) => r.join(' | ')).join('\n'));
    }
    expect(result.total).toBeGreaterThan(0);
    void generateMonth;
  });
});
