/**
 * How a generated tab prints in Google Sheets: alignments, wrapped text, boxed tables, boxes to
 * sign in and cut lines, written over the grid already written (SheetsWorkbook for the month
 * tabs, partnerFiles for a partner's report made without the advanced service).
 */
import { columnLetter } from '../workbook/cells';
import type { CellBlock, GeneratedTab } from '../workbook/port';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

const BORDER_COLOUR = '#808080';
const CUT_LINE_COLOUR = '#404040';

/** A1 notation of a 0-based block of a generated tab. */
function blockA1(block: CellBlock): string {
  const first = `${columnLetter(block.column + 1)}${block.row + 1}`;
  const last = `${columnLetter(block.column + block.numColumns)}${block.row + block.numRows}`;
  return `${first}:${last}`;
}

/**
 * Alignments, wrapped text, boxes, boxes to sign in and cut lines: one call each, whatever the
 * number of rows (a RangeList takes every block at once), and none for what a tab does not
 * have. Wrapping goes through setWrapStrategies on the grid already in hand, one call for
 * every wrapped cell. Every other cell is given OVERFLOW, the default, by name:
 * setWraps(false) is documented as "display as much as possible in the cell without resizing
 * or running to multiple lines", which reads as CLIP and would cut the titles that run over
 * empty cells.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setWrapStrategies(WrapStrategy)
 * https://developers.google.com/apps-script/reference/spreadsheet/wrap-strategy
 *
 * Row heights are not written: Sheets sizes a row to its wrapped text by itself ("By default,
 * rows grow to fit cell contents", Sheet.setRowHeights), and a height per row would cost a
 * call per run of rows. The .xlsx stores them (GeneratedTab.rowHeights), as its readers need.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#setRowHeights(Integer,Integer,Integer)
 *
 * Sheets has no API for page breaks, a print area or a page footer; frozen rows are what it
 * repeats on each printed page (File › Print › Headers & footers). The builders freeze only a
 * tab's title row, and write a table's header again where an A4 page starts inside it, so a
 * page Sheets prints holds the header of the rows on it.
 * https://developers.google.com/apps-script/reference/spreadsheet/range-list#setBorder(Boolean,Boolean,Boolean,Boolean,Boolean,Boolean,String,BorderStyle)
 */
export function drawForPrinting(
  sheet: Sheet,
  grid: Range,
  generated: GeneratedTab,
  height: number,
  width: number,
): void {
  const alignments = generated.alignments;
  if (alignments?.some((row) => row.some((a) => a !== ''))) {
    grid.setHorizontalAlignments(
      Array.from({ length: height }, (_, r) =>
        Array.from({ length: width }, (__, c) => alignments[r]?.[c] || null),
      ),
    );
  }
  const wraps = generated.wraps;
  if (wraps?.some((row) => row.includes(true))) {
    const { WRAP, OVERFLOW } = SpreadsheetApp.WrapStrategy;
    grid.setWrapStrategies(
      Array.from({ length: height }, (_, r) =>
        Array.from({ length: width }, (__, c) => (wraps[r]?.[c] === true ? WRAP : OVERFLOW)),
      ),
    );
  }
  const print = generated.print;
  if (print === undefined) return;
  if (print.boxes.length > 0) {
    sheet
      .getRangeList(print.boxes.map(blockA1))
      .setBorder(
        true,
        true,
        true,
        true,
        true,
        true,
        BORDER_COLOUR,
        SpreadsheetApp.BorderStyle.SOLID,
      );
  }
  const outlines = print.outlines ?? [];
  if (outlines.length > 0) {
    // Outer edges only (vertical and horizontal null: inner lines untouched): a box to sign in.
    sheet
      .getRangeList(outlines.map(blockA1))
      .setBorder(
        true,
        true,
        true,
        true,
        null,
        null,
        BORDER_COLOUR,
        SpreadsheetApp.BorderStyle.SOLID,
      );
  }
  if (print.cutLines.length > 0) {
    const lines = print.cutLines.map((row) =>
      blockA1({ row, column: 0, numRows: 1, numColumns: print.width }),
    );
    sheet
      .getRangeList(lines)
      .setBorder(
        null,
        null,
        true,
        null,
        null,
        null,
        CUT_LINE_COLOUR,
        SpreadsheetApp.BorderStyle.DASHED,
      );
  }
}
