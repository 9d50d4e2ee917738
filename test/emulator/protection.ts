/**
 * Protected sheets and ranges, enforced against whoever edits: a person typing (userEdit,
 * userDeleteRows…), a script (every writing call of Range, RangeList and Sheet) and the Sheets
 * API (sheetsApi.ts). https://developers.google.com/apps-script/reference/spreadsheet/protection
 *
 * - The spreadsheet's owner can always edit, and cannot be removed from the editors.
 * - A new protection's editors "mirror those of the spreadsheet itself, which effectively means
 *   that the range remains unprotected" until the script changes the list (addEditor(s),
 *   removeEditor(s), setDomainEdit): Range.protect() and Sheet.protect() in the reference.
 *   The reference's own example therefore adds the effective user and then removes
 *   getEditors() to leave only the owner and that user.
 *   https://developers.google.com/apps-script/reference/spreadsheet/range#protect()
 * - Warning-only protection asks before an edit in the UI and never refuses one (userEdit acts
 *   as the person who clicked OK); scripts are not asked.
 *   https://developers.google.com/apps-script/reference/spreadsheet/protection#setWarningOnly(Boolean)
 * - A refused write throws "You are trying to edit a protected cell or object. Please contact
 *   the spreadsheet owner to remove protection if you need to edit." (reported, as the Sheets
 *   API words it: https://github.com/theoephraim/node-google-spreadsheet/pull/20), and changes
 *   nothing.
 */
import type { Book, ProtectionData, SheetData } from './book';
import type { GridRect } from './a1';
import type { SheetViews } from './views';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;

export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

function emailOf(user: unknown): string {
  if (typeof user === 'string') return user.trim().toLowerCase();
  const withEmail = user as { getEmail?: () => string };
  return typeof withEmail?.getEmail === 'function'
    ? withEmail.getEmail().trim().toLowerCase()
    : String(user).trim().toLowerCase();
}

/** Who may edit the spreadsheet itself: its owner and the editors it is shared with. */
function spreadsheetEditors(book: Book): string[] {
  const shared = book.drive ? [...book.drive.accessOf(book).editors] : [];
  return [...new Set([book.owner.toLowerCase(), ...shared.map((e) => e.toLowerCase())])];
}

/** The editors as the script sees them: the mirrored list until the script changed it. */
function editorsOf(book: Book, data: ProtectionData): string[] {
  if (!data.editorsSet) return spreadsheetEditors(book);
  return [...new Set([book.owner.toLowerCase(), ...data.editors])];
}

/** Whether `email` may change what `data` protects. */
export function mayEdit(book: Book, data: ProtectionData, email: string): boolean {
  if (data.removed || data.warningOnly || !data.editorsSet) return true;
  const who = email.trim().toLowerCase();
  if (who === '') return false;
  return who === book.owner.toLowerCase() || data.editors.has(who);
}

function intersects(a: GridRect, b: GridRect): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.column < b.column + b.numColumns &&
    b.column < a.column + a.numColumns
  );
}

/**
 * The refusal when `email` writes `rect` of `sheet` (null: the whole sheet, e.g. renaming or
 * clearing it), or null when every protection there lets them.
 */
export function protectionRefusal(
  book: Book,
  sheet: SheetData,
  rect: GridRect | null,
  email: string,
): string | null {
  for (const data of book.protections) {
    if (data.sheet !== sheet || data.removed) continue;
    const covers = data.rect === null || rect === null || intersects(data.rect, rect);
    if (covers && !mayEdit(book, data, email)) return PROTECTED_MESSAGE;
  }
  return null;
}

/** Range and RangeList methods that change cells (getters, protect and activate do not). */
const RANGE_WRITES =
  /^(set|clear|insert|delete|merge|break|sort|trim|uncheck|check|moveTo|copyTo|copyValuesTo|copyFormatTo|autoFill|randomize|removeDuplicates|shift|splitText)/;
/** Sheet methods that change its cells or structure. */
const SHEET_WRITES =
  /^(appendRow|clear|deleteRow|deleteColumn|insertRow|insertColumn|setName|sort|setFrozen)/;

interface RangeLike {
  readonly _sheet: SheetData;
  readonly _rect: GridRect;
}

/**
 * Before a script's counted call: a write into a protected area the effective user may not edit
 * throws, before anything changes. Returns the message, or null.
 */
export function scriptWriteRefusal(
  book: Book,
  className: string,
  method: string,
  target: object,
  args: readonly unknown[],
  email: string,
): string | null {
  if (className === 'Range' && RANGE_WRITES.test(method)) {
    const range = target as RangeLike;
    return protectionRefusal(book, range._sheet, range._rect, email);
  }
  if (className === 'RangeList' && RANGE_WRITES.test(method)) {
    for (const range of (target as { _ranges: RangeLike[] })._ranges) {
      const refusal = protectionRefusal(book, range._sheet, range._rect, email);
      if (refusal !== null) return refusal;
    }
    return null;
  }
  if (className === 'Sheet' && SHEET_WRITES.test(method)) {
    const sheet = (target as { _data: SheetData })._data;
    return protectionRefusal(book, sheet, sheetWriteRect(sheet, method, args), email);
  }
  if (className === 'Spreadsheet' && method === 'deleteSheet') {
    const raw = book.env.unwrap(args[0] as object) as { _data?: SheetData };
    return raw._data ? protectionRefusal(book, raw._data, null, email) : null;
  }
  return null;
}

/** The cells a Sheet method writes; null for the whole sheet. */
function sheetWriteRect(
  sheet: SheetData,
  method: string,
  args: readonly unknown[],
): GridRect | null {
  const n = (i: number, fallback: number): number =>
    typeof args[i] === 'number' ? (args[i] as number) : fallback;
  switch (method) {
    case 'appendRow': {
      const values = Array.isArray(args[0]) ? (args[0] as unknown[]) : [];
      const row = sheet.cells.extent().lastRow + 1;
      return { row, column: 1, numRows: 1, numColumns: Math.max(1, values.length) };
    }
    case 'deleteRow':
    case 'deleteRows':
      return { row: n(0, 1), column: 1, numRows: n(1, 1), numColumns: sheet.maxColumns };
    case 'deleteColumn':
    case 'deleteColumns':
      return { row: 1, column: n(0, 1), numRows: sheet.maxRows, numColumns: n(1, 1) };
    default:
      return null;
  }
}

export class ProtectionImpl {
  constructor(
    readonly _book: Book,
    readonly _views: SheetViews,
    readonly _data: ProtectionData,
  ) {}

  /** The first change to the editors starts from the mirrored list (see the file comment). */
  private settle(): Set<string> {
    if (!this._data.editorsSet) {
      this._data.editors = new Set(editorsOf(this._book, this._data));
      this._data.editorsSet = true;
    }
    return this._data.editors;
  }

  setDescription(description: string): this {
    this._data.description = description;
    return this;
  }
  getDescription(): string {
    return this._data.description;
  }
  setWarningOnly(warningOnly: boolean): this {
    this._data.warningOnly = warningOnly;
    return this;
  }
  isWarningOnly(): boolean {
    return this._data.warningOnly;
  }
  addEditor(user: unknown): this {
    this.settle().add(emailOf(user));
    return this;
  }
  addEditors(users: unknown[]): this {
    const editors = this.settle();
    users.forEach((u) => editors.add(emailOf(u)));
    return this;
  }
  removeEditor(user: unknown): this {
    const email = emailOf(user);
    const editors = this.settle();
    if (email !== this._book.owner.toLowerCase()) editors.delete(email);
    return this;
  }
  removeEditors(users: unknown[]): this {
    users.forEach((u) => this.removeEditor(u));
    return this;
  }
  getEditors(): unknown[] {
    return editorsOf(this._book, this._data).map((email) =>
      this._book.env.counted({ getEmail: () => email }, 'User'),
    );
  }
  /** Whether the user the script runs as may edit what this protects. */
  canEdit(): boolean {
    return mayEdit(this._book, this._data, this._book.env.who.effective);
  }
  canDomainEdit(): boolean {
    return this._data.domainEdit;
  }
  setDomainEdit(editable: boolean): this {
    this.settle();
    this._data.domainEdit = editable;
    return this;
  }
  remove(): void {
    this._data.removed = true;
    const index = this._book.protections.indexOf(this._data);
    if (index >= 0) this._book.protections.splice(index, 1);
  }
  getProtectionType(): string {
    return this._data.type;
  }
  getRange(): unknown {
    const { sheet, rect } = this._data;
    if (!rect) return this._views.range(sheet, 1, 1, sheet.maxRows, sheet.maxColumns);
    return this._views.range(sheet, rect.row, rect.column, rect.numRows, rect.numColumns);
  }
}
