import fc from 'fast-check';
import { loadLedger, renderProblem } from '../../src/features/loadLedger';
import type { CellValue } from '../../src/workbook/cells';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { sampleSheets } from '../support/ledgerSheets';
import { anyCell } from './arbitraries';

/** Each tab keeps its header row; cells below are replaced by arbitrary values. */
const scrambled = fc
  .array(fc.tuple(fc.nat(5), fc.nat(12), fc.nat(11), anyCell), { maxLength: 40 })
  .map((edits) => {
    const sheets = sampleSheets();
    const names = Object.keys(sheets);
    for (const [tabIndex, row, column, cell] of edits) {
      const tab = sheets[names[tabIndex] as string] as CellValue[][];
      while (tab.length <= row + 1) tab.push([]);
      (tab[row + 1] as CellValue[])[column] = cell;
    }
    return sheets;
  });

describe('loadLedger on arbitrary cells', () => {
  it('never throws, reads each tab once, and renders every problem in both languages', () => {
    fc.assert(
      fc.property(scrambled, fc.constantFrom('zh_CN', 'en_US'), (sheets, locale) => {
        const workbook = new MemoryWorkbook(sheets, { locale, timeZone: 'Asia/Shanghai' });
        const ledger = loadLedger(workbook, { today: '2026-11-28' });
        expect(workbook.count('readTab')).toBe(6);
        for (const problem of ledger.problems) {
          for (const lang of ['zh-CN', 'en'] as const) {
            const { where, message } = renderProblem(problem, { ...ledger, lang });
            expect(where.length).toBeGreaterThan(0);
            expect(message.length).toBeGreaterThan(0);
            expect(message.length).toBeLessThan(400);
          }
        }
        const errorRows = new Set(
          ledger.problems
            .filter((p) => p.severity === 'error' && p.tab === 'pieces')
            .map((p) => p.row),
        );
        for (const piece of ledger.pieces) expect(errorRows.has(piece.row)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
