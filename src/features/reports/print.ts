/**
 * Printed pages: where a page must break so that a block (a payslip strip) is never cut in two.
 */

/**
 * Rows of default height that fit on an A4 landscape page: 210 mm less 19 mm margins top and
 * bottom leaves 172 mm ≈ 650 px at 96 dpi; rows are 20 px in Excel and WPS, 21 px in Sheets,
 * and the header and footer take a little, so 28 leave a margin of safety.
 */
export const A4_LANDSCAPE_ROWS = 28;

export interface RowBlock {
  /** 0-based, inclusive. */
  readonly first: number;
  readonly last: number;
}

/**
 * The rows (0-based) before which a new page starts: a block that would run past the end of the
 * current page moves whole to the next one. Every page after the first starts with such a break,
 * so a printer that fits more rows on a page (Excel's fit-to-width shrinks them) still never
 * cuts a block. A block taller than a page starts a page and is split only where it must be.
 * Blocks are given in order and do not overlap.
 */
export function pageBreaksKeepingTogether(
  blocks: readonly RowBlock[],
  rowsPerPage: number,
): number[] {
  const breaks: number[] = [];
  let pageStart = 0;
  // After a block taller than a page, where the printer broke it is not known: start afresh.
  let afterTallBlock = false;
  for (const block of blocks) {
    const overflows = block.last - pageStart >= rowsPerPage;
    if ((overflows || afterTallBlock) && block.first > pageStart) {
      breaks.push(block.first);
      pageStart = block.first;
    }
    afterTallBlock = block.last - block.first >= rowsPerPage;
    while (block.last - pageStart >= rowsPerPage) pageStart += rowsPerPage;
  }
  return breaks;
}
