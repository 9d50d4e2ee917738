/**
 * One tab's cells. Values are dense (an array of rows, '' for empty) so 100,000-row sheets stay
 * fast; everything else (formulas, formats, notes, colours, validation) is sparse, keyed by
 * cellKey(row, column). Rows and columns are 1-based here, as the sheet numbers them.
 */
import type { RawCell } from './numberFormat';

/** Sheets allows 18,278 columns (ZZZ), so a row fits in 15 bits of a key. */
const ROW_STRIDE = 32_768;

export function cellKey(row: number, column: number): number {
  return row * ROW_STRIDE + column;
}

export function keyRow(key: number): number {
  return Math.floor(key / ROW_STRIDE);
}

export function keyColumn(key: number): number {
  return key % ROW_STRIDE;
}

export type PropertyName =
  | 'formula'
  | 'numberFormat'
  | 'note'
  | 'background'
  | 'fontWeight'
  | 'validation'
  | 'horizontalAlignment'
  | 'verticalAlignment'
  | 'wrap'
  | 'borderTop'
  | 'borderBottom'
  | 'borderLeft'
  | 'borderRight';

export const FORMAT_PROPERTIES: readonly PropertyName[] = [
  'numberFormat',
  'background',
  'fontWeight',
  'horizontalAlignment',
  'verticalAlignment',
  'wrap',
  'borderTop',
  'borderBottom',
  'borderLeft',
  'borderRight',
];

export class CellStore {
  rows: RawCell[][] = [];
  readonly properties = new Map<PropertyName, Map<number, unknown>>();
  private cachedExtent: { version: number; lastRow: number; lastColumn: number } | null = null;
  version = 0;

  value(row: number, column: number): RawCell {
    return this.rows[row - 1]?.[column - 1] ?? '';
  }

  setValue(row: number, column: number, value: RawCell): void {
    while (this.rows.length < row) this.rows.push([]);
    const cells = this.rows[row - 1] as RawCell[];
    while (cells.length < column - 1) cells.push('');
    cells[column - 1] = value;
    this.version++;
  }

  map(name: PropertyName): Map<number, unknown> {
    let map = this.properties.get(name);
    if (!map) {
      map = new Map();
      this.properties.set(name, map);
    }
    return map;
  }

  get(name: PropertyName, row: number, column: number): unknown {
    return this.properties.get(name)?.get(cellKey(row, column));
  }

  /** undefined or '' removes the property (back to the default). */
  set(name: PropertyName, row: number, column: number, value: unknown): void {
    const key = cellKey(row, column);
    if (value === undefined || value === null || value === '') {
      this.properties.get(name)?.delete(key);
    } else {
      this.map(name).set(key, value);
    }
    if (name === 'formula') this.version++;
  }

  /** Removes a property from every cell of a block, visiting whichever is smaller. */
  clearBlock(
    name: PropertyName,
    row: number,
    column: number,
    numRows: number,
    numColumns: number,
  ): void {
    const map = this.properties.get(name);
    if (!map || map.size === 0) return;
    if (numRows * numColumns < map.size) {
      for (let r = row; r < row + numRows; r++) {
        for (let c = column; c < column + numColumns; c++) map.delete(cellKey(r, c));
      }
    } else {
      for (const key of [...map.keys()]) {
        const r = keyRow(key);
        const c = keyColumn(key);
        if (r >= row && r < row + numRows && c >= column && c < column + numColumns)
          map.delete(key);
      }
    }
    if (name === 'formula') this.version++;
  }

  clearValues(row: number, column: number, numRows: number, numColumns: number): void {
    for (let r = row; r < row + numRows && r <= this.rows.length; r++) {
      const cells = this.rows[r - 1] as RawCell[];
      for (let c = column; c < column + numColumns && c <= cells.length; c++) cells[c - 1] = '';
    }
    this.clearBlock('formula', row, column, numRows, numColumns);
    this.version++;
  }

  private hasContent(row: number, column: number): boolean {
    return this.value(row, column) !== '' || this.get('formula', row, column) !== undefined;
  }

  /** Last row and column with a value or formula (formatting alone does not count). */
  extent(): { lastRow: number; lastColumn: number } {
    if (this.cachedExtent && this.cachedExtent.version === this.version) return this.cachedExtent;
    let lastRow = 0;
    let lastColumn = 0;
    this.rows.forEach((cells, index) => {
      for (let c = cells.length; c > lastColumn; c--) {
        if (cells[c - 1] !== '') {
          lastColumn = c;
          break;
        }
      }
      if (lastRow < index + 1 && cells.some((v) => v !== '')) lastRow = index + 1;
    });
    for (const key of this.properties.get('formula')?.keys() ?? []) {
      lastRow = Math.max(lastRow, keyRow(key));
      lastColumn = Math.max(lastColumn, keyColumn(key));
    }
    this.cachedExtent = { version: this.version, lastRow, lastColumn };
    return this.cachedExtent;
  }

  isBlank(row: number, column: number): boolean {
    return !this.hasContent(row, column);
  }

  /** Moves cells: where(row, column) gives the new place or null to drop the cell. */
  remap(where: (row: number, column: number) => [number, number] | null): void {
    const rows: RawCell[][] = [];
    this.rows.forEach((cells, r) => {
      cells.forEach((value, c) => {
        if (value === '') return;
        const place = where(r + 1, c + 1);
        if (!place) return;
        while (rows.length < place[0]) rows.push([]);
        const target = rows[place[0] - 1] as RawCell[];
        while (target.length < place[1] - 1) target.push('');
        target[place[1] - 1] = value;
      });
    });
    this.rows = rows;
    for (const [name, map] of this.properties) {
      const moved = new Map<number, unknown>();
      for (const [key, value] of map) {
        const place = where(keyRow(key), keyColumn(key));
        if (place) moved.set(cellKey(place[0], place[1]), value);
      }
      this.properties.set(name, moved);
    }
    this.version++;
  }

  /** A copy that later writes to this store do not touch (the committed state, pending.ts). */
  clone(): CellStore {
    const copy = new CellStore();
    copy.rows = this.rows.map((cells) => cells.slice());
    for (const [name, map] of this.properties) copy.properties.set(name, new Map(map));
    copy.version = this.version;
    return copy;
  }
}
