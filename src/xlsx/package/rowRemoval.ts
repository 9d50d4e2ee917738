/**
 * Removing rows from a source sheet part (Archive year's one write on an .xlsx), as Excel's
 * "Delete rows" does: the rows go, the rows below move up, and what points at rows moves with
 * them — cell references, merged cells, hyperlinks, conditional formats, data validations, the
 * autofilter, page breaks, the dimension; notes (the comments part and their VML shapes), tables
 * and the workbook's defined names that point into the sheet. A range loses the rows removed
 * from it and goes when it has none left.
 *
 * Formulas are not rewritten: a formula in a row that moves or goes could point at other rows,
 * and a shared formula's followers hang on their master. Such a sheet is refused (FormulaRows),
 * before anything changes, and the message says which row.
 */
import { attribute, findElement, tagName, withAttribute } from './xml';

/** Where every row lands once `removed` rows are gone. */
export class RowShift {
  private readonly removed: readonly number[];

  constructor(removed: Iterable<number>) {
    this.removed = [...new Set(removed)].sort((a, b) => a - b);
  }

  get first(): number {
    return this.removed[0] ?? Infinity;
  }

  /** Removed rows ≤ `row` (with `inclusive`) or < `row`. */
  private before(row: number, inclusive: boolean): number {
    let low = 0;
    let high = this.removed.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const at = this.removed[middle] as number;
      if (at < row || (inclusive && at === row)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  isRemoved(row: number): boolean {
    return this.before(row, true) !== this.before(row, false);
  }

  /** The row's new number, or null when it is removed. */
  row(row: number): number | null {
    return this.isRemoved(row) ? null : row - this.before(row, false);
  }

  /** Rows top..bottom once the removed ones are gone, or null when none is left. */
  range(top: number, bottom: number): [number, number] | null {
    const newTop = top - this.before(top, false);
    const newBottom = bottom - this.before(bottom, true);
    return newBottom < newTop ? null : [newTop, newBottom];
  }
}

/** A sheet with a formula in a row that would move or go: refused before anything changes. */
export class FormulaRows extends Error {
  constructor(readonly row: number) {
    super(`A formula in row ${row} would move`);
  }
}

const CELL = /^(\$?)([A-Z]{1,3})(\$?)(\d+)$/;
const COLUMNS = /^\$?[A-Z]{1,3}$/;
const ROW_ONLY = /^(\$?)(\d+)$/;

/** One reference (A5, $A$5, A5:C10, A:C, 5:10) once the rows are gone; null when none is left. */
export function shiftRef(ref: string, shift: RowShift): string | null {
  const [from = '', to] = ref.split(':');
  if (to === undefined) {
    const cell = CELL.exec(from);
    if (!cell) return ref;
    const row = shift.row(Number(cell[4]));
    return row === null ? null : `${cell[1]}${cell[2]}${cell[3]}${row}`;
  }
  if (COLUMNS.test(from) && COLUMNS.test(to)) return ref;
  const a = CELL.exec(from) ?? ROW_ONLY.exec(from);
  const b = CELL.exec(to) ?? ROW_ONLY.exec(to);
  if (!a || !b) return ref;
  const rowOf = (m: RegExpExecArray) => Number(m[m.length - 1]);
  const rows = shift.range(rowOf(a), rowOf(b));
  if (rows === null) return null;
  const put = (m: RegExpExecArray, row: number) =>
    m.length === 5 ? `${m[1]}${m[2]}${m[3]}${row}` : `${m[1]}${row}`;
  return `${put(a, rows[0])}:${put(b, rows[1])}`;
}

/** A space-separated list of references (sqref); null when none is left. */
export function shiftSqref(sqref: string, shift: RowShift): string | null {
  const kept = sqref
    .split(/\s+/)
    .filter((ref) => ref !== '')
    .map((ref) => shiftRef(ref, shift))
    .filter((ref): ref is string => ref !== null);
  return kept.length === 0 ? null : kept.join(' ');
}

/** Every element `name` with its attribute `name` shifted; elements left with nothing go. */
function shiftElements(xml: string, name: string, attributeName: string, shift: RowShift): string {
  const pattern = new RegExp(`<(${tagName(name)})(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</\\1>)`, 'g');
  return xml.replace(pattern, (element) => {
    const tag = element.slice(0, element.indexOf('>') + 1);
    const value = attribute(tag, attributeName);
    if (value === undefined) return element;
    const shifted = shiftSqref(value, shift);
    if (shifted === null) return '';
    return withAttribute(tag, attributeName, shifted) + element.slice(tag.length);
  });
}

/** Container elements (mergeCells, dataValidations, hyperlinks…) left empty go; counts follow. */
function tidyContainer(xml: string, container: string, child: string): string {
  const element = findElement(xml, container);
  if (!element) return xml;
  const count = (element.text.match(new RegExp(`<${tagName(child)}(?=[\\s/>])`, 'g')) ?? []).length;
  if (count === 0) return xml.slice(0, element.start) + xml.slice(element.end);
  const tag = element.text.slice(0, element.text.indexOf('>') + 1);
  if (attribute(tag, 'count') === undefined) return xml;
  const updated = withAttribute(tag, 'count', String(count)) + element.text.slice(tag.length);
  return xml.slice(0, element.start) + updated + xml.slice(element.end);
}

/** The rows of <sheetData> moved up; a formula at or below the first removed row refuses. */
function shiftRows(body: string, shift: RowShift): string {
  const rowPattern = new RegExp(
    `<(${tagName('row')})(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</\\1>)`,
    'g',
  );
  const formula = new RegExp(`<${tagName('f')}(?=[\\s/>])`);
  let previous = 0;
  return body.replace(rowPattern, (row) => {
    const tag = row.slice(0, row.indexOf('>') + 1);
    const number = Number(attribute(tag, 'r') ?? previous + 1);
    previous = number;
    if (number < shift.first) return row;
    if (formula.test(row)) throw new FormulaRows(number);
    const moved = shift.row(number);
    if (moved === null) return '';
    if (moved === number) return row;
    const cells = row
      .slice(tag.length)
      .replace(
        /(\sr=")([A-Z]{1,3})\d+(")/g,
        (_, open: string, letters: string, close: string) => `${open}${letters}${moved}${close}`,
      );
    return withAttribute(tag, 'r', String(moved)) + cells;
  });
}

/** A worksheet part with `shift`'s rows removed (see the file's comment). */
export function shiftSheetXml(xml: string, shift: RowShift): string {
  const open = new RegExp(`<${tagName('sheetData')}(?:\\s[^>]*)?>`).exec(xml);
  const close = new RegExp(`</${tagName('sheetData')}>`).exec(xml);
  if (!open || !close) return xml;
  const bodyStart = open.index + open[0].length;
  let head = xml.slice(0, bodyStart);
  const body = shiftRows(xml.slice(bodyStart, close.index), shift);
  let tail = xml.slice(close.index);
  head = shiftElements(head, 'dimension', 'ref', shift);
  for (const [container, child, name] of [
    ['mergeCells', 'mergeCell', 'ref'],
    ['hyperlinks', 'hyperlink', 'ref'],
    ['dataValidations', 'dataValidation', 'sqref'],
  ] as const) {
    tail = shiftElements(tail, child, name, shift);
    tail = tidyContainer(tail, container, child);
  }
  tail = shiftElements(tail, 'conditionalFormatting', 'sqref', shift);
  tail = shiftElements(tail, 'autoFilter', 'ref', shift);
  tail = shiftRowBreaks(tail, shift);
  return head + body + tail;
}

/** Page breaks after rows that went move up or go. */
function shiftRowBreaks(tail: string, shift: RowShift): string {
  const breaks = findElement(tail, 'rowBreaks');
  if (!breaks) return tail;
  const kept: string[] = [];
  for (const brk of breaks.text.match(new RegExp(`<${tagName('brk')}[^>]*?/>`, 'g')) ?? []) {
    const id = Number(attribute(brk, 'id'));
    const moved = shift.row(id);
    if (moved !== null) kept.push(withAttribute(brk, 'id', String(moved)));
  }
  const tag = breaks.text.slice(0, breaks.text.indexOf('>') + 1);
  const prefix = /^<([\w.-]+:)?/.exec(tag)?.[1] ?? '';
  const rebuilt =
    kept.length === 0
      ? ''
      : `${withAttribute(withAttribute(tag, 'count', String(kept.length)), 'manualBreakCount', String(kept.length))}${kept.join('')}</${prefix}rowBreaks>`;
  return tail.slice(0, breaks.start) + rebuilt + tail.slice(breaks.end);
}

/** The comments part: notes on removed rows go, the others move up with their rows. */
export function shiftComments(xml: string, shift: RowShift): string {
  return shiftElements(xml, 'comment', 'ref', shift);
}

/** The notes' VML shapes, anchored by row (0-based <x:Row> and the anchor's rows). */
export function shiftVml(vml: string, shift: RowShift): string {
  const shape = /<([\w.-]+:)?shape(?=[\s>])[\s\S]*?<\/\1?shape>/g;
  return vml.replace(shape, (text) => {
    if (!/ObjectType="Note"/.test(text)) return text;
    const rowText = /<((?:[\w.-]+:)?Row)>\s*(\d+)\s*<\/\1>/.exec(text);
    if (!rowText) return text;
    const row = Number(rowText[2]) + 1;
    const moved = shift.row(row);
    if (moved === null) return '';
    const by = moved - row;
    if (by === 0) return text;
    return text
      .replace(
        /(<(?:[\w.-]+:)?Row>\s*)(\d+)/,
        (_, open: string, n: string) => `${open}${Number(n) + by}`,
      )
      .replace(/(<(?:[\w.-]+:)?Anchor>)([^<]*)/, (_, open: string, anchor: string) => {
        const parts = anchor.split(',').map((p) => p.trim());
        // LeftColumn, LeftOffset, TopRow, TopOffset, RightColumn, RightOffset, BottomRow, …
        for (const i of [2, 6]) {
          if (parts[i] !== undefined) parts[i] = String(Math.max(0, Number(parts[i]) + by));
        }
        return `${open}${parts.join(', ')}`;
      });
  });
}

/** A table part on the sheet: its ref and its autofilter's. */
export function shiftTable(xml: string, shift: RowShift): string {
  const table = findElement(xml, 'table');
  if (!table) return xml;
  const tag = table.text.slice(0, table.text.indexOf('>') + 1);
  const ref = attribute(tag, 'ref');
  const shifted = ref === undefined ? undefined : (shiftRef(ref, shift) ?? ref);
  const updated = shifted === undefined ? tag : withAttribute(tag, 'ref', shifted);
  const rest = shiftElements(table.text.slice(tag.length), 'autoFilter', 'ref', shift);
  return xml.slice(0, table.start) + updated + rest + xml.slice(table.end);
}

/**
 * Defined names whose value is a plain range of the sheet ('计件'!$A$2:$H$500, 计件!A1):
 * shifted, as Excel shifts them; a name left with no row is kept, pointing at #REF!.
 */
export function shiftDefinedNames(workbookXml: string, sheetName: string, shift: RowShift): string {
  const quoted = `'${sheetName.replace(/'/g, "''")}'`;
  const pattern = new RegExp(`<(${tagName('definedName')})(?=[\\s>])([^>]*)>([^<]*)</\\1>`, 'g');
  return workbookXml.replace(pattern, (element, name: string, attrs: string, value: string) => {
    const decoded = value.replace(/&apos;/g, "'");
    const bang = decoded.lastIndexOf('!');
    if (bang < 0) return element;
    const sheet = decoded.slice(0, bang);
    if (sheet !== quoted && sheet !== sheetName) return element;
    const ref = decoded.slice(bang + 1);
    if (!/^[$A-Z0-9:]+$/.test(ref)) return element;
    const shifted = shiftRef(ref, shift) ?? '#REF!';
    return `<${name}${attrs}>${value.slice(0, value.length - ref.length)}${shifted}</${name}>`;
  });
}
