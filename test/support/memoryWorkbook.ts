/**
 * A small in-memory Workbook for tests of features: tabs are arrays of cell values, reads return
 * copies, and every port call is counted so tests can hold an operation to a budget.
 */
import type { CellValue } from '../../src/workbook/cells';
import { normalizeName } from '../../src/workbook/layout';
import type {
  GeneratedTab,
  MarkUpdate,
  ReadOptions,
  SpreadsheetInfo,
  TabContents,
  TabSetup,
  Workbook,
} from '../../src/workbook/port';

export interface MemoryTab {
  name: string;
  values: CellValue[][];
  notes: string[][];
}

export type PortMethod = keyof Workbook;

export class MemoryWorkbook implements Workbook {
  readonly tabs: MemoryTab[] = [];
  readonly calls: PortMethod[] = [];
  readonly generated = new Map<string, GeneratedTab>();

  constructor(
    tabs: Record<string, CellValue[][]> = {},
    readonly spreadsheet: SpreadsheetInfo = { locale: 'zh_CN', timeZone: 'Asia/Shanghai' },
  ) {
    for (const [name, values] of Object.entries(tabs)) this.addTab(name, values);
  }

  /** Adds a tab; rows are padded to a rectangle as a sheet's data range would be. */
  addTab(name: string, values: CellValue[][]): MemoryTab {
    const width = Math.max(0, ...values.map((row) => row.length));
    const padded = values.map((row) => [...row, ...Array<CellValue>(width - row.length).fill('')]);
    const tab = { name, values: padded, notes: padded.map((row) => row.map(() => '')) };
    this.tabs.push(tab);
    return tab;
  }

  tab(name: string): MemoryTab | undefined {
    const wanted = normalizeName(name);
    return this.tabs.find((tab) => normalizeName(tab.name) === wanted);
  }

  count(method: PortMethod): number {
    return this.calls.filter((call) => call === method).length;
  }

  info(): SpreadsheetInfo {
    this.calls.push('info');
    return this.spreadsheet;
  }

  readTab(names: readonly string[], options?: ReadOptions): TabContents | null {
    this.calls.push('readTab');
    const tab = names.map((name) => this.tab(name)).find((found) => found !== undefined);
    if (!tab) return null;
    const values = tab.values.map((row) => [...row]);
    return options?.withNotes
      ? { name: tab.name, values, notes: tab.notes.map((row) => [...row]) }
      : { name: tab.name, values };
  }

  tabNames(): string[] {
    this.calls.push('tabNames');
    return this.tabs.map((tab) => tab.name);
  }

  setUpTabs(setups: readonly TabSetup[]): void {
    this.calls.push('setUpTabs');
    for (const setup of setups) {
      const tab = this.tab(setup.name) ?? (setup.create ? this.addTab(setup.name, []) : undefined);
      if (!tab) continue;
      if (tab.values.length === 0) {
        tab.values.push([]);
        tab.notes.push([]);
      }
      for (const header of setup.newHeaders) this.setCell(tab, 1, header.column, header.text);
    }
  }

  appendRows(tab: string, rows: readonly (readonly CellValue[])[]): void {
    this.calls.push('appendRows');
    const target = this.tab(tab);
    if (!target) throw new Error(`No tab named ${tab}`);
    const first = target.values.length + 1;
    rows.forEach((row, i) =>
      row.forEach((value, j) => this.setCell(target, first + i, j + 1, value)),
    );
  }

  replaceGeneratedTab(tab: GeneratedTab): void {
    this.calls.push('replaceGeneratedTab');
    this.generated.set(tab.name, tab);
    const existing = this.tab(tab.name);
    if (existing) this.tabs.splice(this.tabs.indexOf(existing), 1);
    this.addTab(
      tab.name,
      tab.cells.map((row) => [...row]),
    );
  }

  markCells(update: MarkUpdate): void {
    this.calls.push('markCells');
    const tab = this.tab(update.tab);
    if (!tab) throw new Error(`No tab named ${update.tab}`);
    for (const cell of update.clear) this.setNote(tab, cell.row, cell.column, '');
    for (const mark of update.marks) this.setNote(tab, mark.row, mark.column, mark.note);
  }

  /** Grows the tab to hold (row, column), 1-based, keeping it rectangular. */
  private ensure(tab: MemoryTab, row: number, column: number): void {
    const width = Math.max(column, tab.values[0]?.length ?? 0);
    while (tab.values.length < row) {
      tab.values.push([]);
      tab.notes.push([]);
    }
    tab.values.forEach((cells, i) => {
      while (cells.length < width) cells.push('');
      const notes = tab.notes[i] as string[];
      while (notes.length < width) notes.push('');
    });
  }

  private setCell(tab: MemoryTab, row: number, column: number, value: CellValue): void {
    this.ensure(tab, row, column);
    (tab.values[row - 1] as CellValue[])[column - 1] = value;
  }

  private setNote(tab: MemoryTab, row: number, column: number, note: string): void {
    this.ensure(tab, row, column);
    (tab.notes[row - 1] as string[])[column - 1] = note;
  }
}
