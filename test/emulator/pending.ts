/**
 * Writes an execution has not yet committed. Apps Script batches spreadsheet writes and applies
 * them when the script calls SpreadsheetApp.flush() or ends; the Lock reference therefore says to
 * flush before releasing a lock, "to commit all pending changes to the spreadsheet while you
 * still have exclusive access to it", so a colleague waiting for the lock reads them.
 * https://developers.google.com/apps-script/reference/lock/lock#releaseLock()
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush()
 *
 * The emulator keeps the committed state only while a test watches for it
 * (`emulator.whenLockReleased`): on an execution's first write after a commit it copies the
 * sheets (names and cells), and another execution reads that copy until flush() or the end of
 * the writing execution commits. Other sheet properties (frozen rows, sizes) are not tracked.
 */
import type { Book, SheetData } from './book';
import type { CellStore } from './store';

interface CommittedSheet {
  readonly data: SheetData;
  readonly name: string;
  readonly cells: CellStore;
}

/** Method names that change the document (Sheet, Range, RangeList, Spreadsheet, Protection…). */
const WRITES =
  /^(set|clear|insert|delete|append|remove|protect|add|update|sort|copy|merge|break|auto|hide|show|activate|uncheck|check|trim|moveTo|duplicate|rename|create)/;
const DOCUMENT_CLASSES = new Set([
  'Spreadsheet',
  'Sheet',
  'Range',
  'RangeList',
  'Protection',
  'EmbeddedChart',
]);

export class PendingWrites {
  /** Whether a test watches for uncommitted writes (copying costs time on big sheets). */
  watching = false;
  private committed: CommittedSheet[] | null = null;

  constructor(private readonly book: Book) {}

  /** Before a counted call runs: the first write after a commit copies the committed state. */
  beforeCall(className: string, method: string): void {
    if (!this.watching || this.committed !== null) return;
    if (!DOCUMENT_CLASSES.has(className) || !WRITES.test(method)) return;
    this.committed = this.book.sheets.map((data) => ({
      data,
      name: data.name,
      cells: data.cells.clone(),
    }));
  }

  /** flush(), or the end of the execution that wrote. */
  commit(): void {
    this.committed = null;
  }

  get hasPending(): boolean {
    return this.committed !== null;
  }

  /** Runs `fn` seeing only committed writes (another execution's view). */
  asOtherExecution<T>(fn: () => T): T {
    const committed = this.committed;
    if (committed === null) return fn();
    const current = this.book.sheets.map((data) => ({ data, name: data.name, cells: data.cells }));
    const swap = (view: readonly CommittedSheet[]): void => {
      this.book.sheets.splice(0, this.book.sheets.length, ...view.map((s) => s.data));
      for (const s of view) {
        s.data.name = s.name;
        s.data.cells = s.cells;
      }
    };
    swap(committed);
    try {
      return fn();
    } finally {
      swap(current);
    }
  }
}
