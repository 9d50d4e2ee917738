/**
 * Marks beside protected cells. Check data and the checks while typing write a block of notes
 * (or colours) over the rows they mark, one call; when the person running them may not edit a
 * protected column inside that block (a pay rate, only managers'), Sheets refuses the whole
 * write. Then each changed cell is written alone, and only the ones the person may not edit
 * are left: the mark a manager's run will write. The refusal's wording is in the user's
 * language, so any failure of the block counts. docs/roles.md.
 */
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** `block()`, or, should it be refused, `oneByOne()`. */
export function orCellByCell(block: () => void, oneByOne: () => void): void {
  try {
    block();
  } catch (error) {
    console.warn(`Written cell by cell: ${error instanceof Error ? error.message : String(error)}`);
    oneByOne();
  }
}

/** The notes that differ between `before` and `after` (rows from `firstRow`), one call each. */
export function notesCellByCell(
  sheet: Sheet,
  firstRow: number,
  before: readonly (readonly string[])[],
  after: readonly (readonly string[])[],
): void {
  after.forEach((line, i) =>
    line.forEach((note, j) => {
      if ((before[i]?.[j] ?? '') === note) return;
      tryWrite(() => sheet.getRange(firstRow + i, j + 1).setNote(note === '' ? null : note));
    }),
  );
}

/** Each of `cells` (A1) given `colour`, one call each. */
export function backgroundsCellByCell(
  sheet: Sheet,
  cells: readonly string[],
  colour: string | null,
): void {
  for (const a1 of cells) tryWrite(() => sheet.getRange(a1).setBackground(colour));
}

function tryWrite(write: () => void): void {
  try {
    write();
  } catch {
    // A cell this person may not edit keeps its old mark until a manager's run.
  }
}
