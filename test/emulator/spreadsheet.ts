/**
 * Spreadsheet and SpreadsheetApp.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
 */
import type { Book } from './book';
import { parseA1, splitSheetName } from './a1';
import { assertTimeZone } from './dates';
import { SheetViews } from './views';
import { DataValidationBuilder, DataValidationCriteria } from './validation';
import { ProtectionType } from './protection';
import { Drive, emailOf } from './drive';

export class SpreadsheetImpl {
  constructor(
    readonly _book: Book,
    readonly _views: SheetViews,
  ) {}

  private get book(): Book {
    return this._book;
  }

  getId(): string {
    return this.book.id;
  }
  getName(): string {
    return this.book.name;
  }
  rename(name: string): void {
    this.book.name = name;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.book.id}/edit`;
  }
  getSheets(): unknown[] {
    return this.book.sheets.map((s) => this._views.sheet(s));
  }
  getNumSheets(): number {
    return this.book.sheets.length;
  }
  /** null when there is no such tab. */
  getSheetByName(name: string): unknown {
    const sheet = this.book.find(name);
    return sheet ? this._views.sheet(sheet) : null;
  }
  getSheetById(id: number): unknown {
    const sheet = this.book.sheets.find((s) => s.sheetId === id);
    return sheet ? this._views.sheet(sheet) : null;
  }
  /** insertSheet(), (index), (name), (name, index); the new sheet becomes active. */
  insertSheet(nameOrIndex?: string | number, index?: number): unknown {
    const name = typeof nameOrIndex === 'string' ? nameOrIndex : undefined;
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : index;
    const sheet = this.book.addSheet(name, at);
    this.book.activeIndex = this.book.sheets.indexOf(sheet);
    return this._views.sheet(sheet);
  }
  deleteSheet(sheet: unknown): void {
    const data = this._views.unwrapSheet(sheet, 'SpreadsheetApp.Spreadsheet.deleteSheet')._data;
    // Reported wording for the last sheet (Sheets API, same backend):
    // https://github.com/googleapis/google-api-php-client/issues/1293 . The hidden-sheets
    // variant is unconfirmed.
    const others = this.book.sheets.filter((s) => s !== data);
    if (others.length === 0) {
      throw this.book.env.fail("You can't remove all the sheets in a document.");
    }
    if (others.every((s) => s.hidden)) {
      throw this.book.env.fail("You can't remove all the visible sheets in a document.");
    }
    const index = this.book.sheets.indexOf(data);
    if (index < 0) throw this.book.env.fail('Sheet not found');
    this.book.sheets.splice(index, 1);
    data.deleted = true;
    for (let i = this.book.protections.length - 1; i >= 0; i--) {
      if (this.book.protections[i]?.sheet === data) this.book.protections.splice(i, 1);
    }
    this.book.activeIndex = Math.min(this.book.activeIndex, this.book.sheets.length - 1);
  }
  getActiveSheet(): unknown {
    const sheet = this.book.sheets[this.book.activeIndex] ?? this.book.sheets[0];
    return sheet ? this._views.sheet(sheet) : null;
  }
  /**
   * The selection on the active sheet: where the person last edited (the emulator's user
   * helpers set it), else A1. A change event names no range; handlers read this instead.
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getActiveRange()
   */
  getActiveRange(): unknown {
    const sheet = this.book.sheets[this.book.activeIndex] ?? this.book.sheets[0];
    if (!sheet) return null;
    const selected = this.book.activeRange;
    const rect =
      selected !== null && selected.sheet === sheet && !sheet.deleted
        ? selected.rect
        : { row: 1, column: 1, numRows: 1, numColumns: 1 };
    return this._views.range(sheet, rect.row, rect.column, rect.numRows, rect.numColumns);
  }
  setActiveSheet(sheet: unknown): unknown {
    const data = this._views.unwrapSheet(sheet, 'SpreadsheetApp.Spreadsheet.setActiveSheet')._data;
    this.book.activeIndex = this.book.sheets.indexOf(data);
    return this._views.sheet(data);
  }
  getSpreadsheetLocale(): string {
    return this.book.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.book.locale = locale;
  }
  getSpreadsheetTimeZone(): string {
    return this.book.timeZone;
  }
  setSpreadsheetTimeZone(timeZone: string): void {
    assertTimeZone(timeZone);
    this.book.timeZone = timeZone;
  }
  toast(message: unknown, title?: unknown, timeoutSeconds?: number): void {
    this.book.toasts.push({
      message: String(message),
      title: title === undefined || title === null ? '' : String(title),
      timeoutSeconds: timeoutSeconds ?? 5,
    });
  }
  /** "'Tab'!A1:B2", or A1 notation on the active sheet. */
  getRange(a1Notation: string): unknown {
    const { sheetName, cells } = splitSheetName(a1Notation);
    const data =
      sheetName === null ? this.book.sheets[this.book.activeIndex] : this.book.find(sheetName);
    const rect = data ? parseA1(cells, data.maxRows, data.maxColumns) : null;
    if (!data || !rect) throw this.book.env.fail('Range not found');
    return this._views.range(data, rect.row, rect.column, rect.numRows, rect.numColumns);
  }
  getRangeList(a1Notations: string[]): unknown {
    const ranges = a1Notations.map((a1) =>
      this._views.unwrapRange(this.getRange(a1), 'Spreadsheet.getRangeList'),
    );
    return this._views.rangeList(ranges);
  }
  getProtections(type: string): unknown[] {
    return this.book.protections
      .filter((p) => p.type === String(type))
      .map((p) => this._views.protection(p));
  }
  getOwner(): unknown {
    const email = this.book.owner;
    return this.book.env.counted({ getEmail: () => email }, 'User');
  }

  // ---- sharing (scopes: drive.ts) ----

  /** "If the user was already on the list of editors, this method has no effect."
   *  https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addViewer(String) */
  addViewer(user: unknown): unknown {
    const access = this.sharing();
    const email = emailOf(user);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw this.book.env.fail(`Invalid email: ${email}`);
    if (!access.editors.has(email)) access.viewers.add(email);
    return this;
  }
  addViewers(emails: unknown[]): unknown {
    for (const email of emails) this.addViewer(email);
    return this;
  }
  /** "This method has no effect if the user is an editor, not a viewer or commenter."
   *  https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#removeViewer(String) */
  /** Editors may change the file and share it; an editor is no longer a viewer.
   *  https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addEditors(String) */
  addEditor(user: unknown): unknown {
    const access = this.sharing();
    const email = emailOf(user);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw this.book.env.fail(`Invalid email: ${email}`);
    access.viewers.delete(email);
    if (email !== this.book.owner) access.editors.add(email);
    return this;
  }
  addEditors(emails: unknown[]): unknown {
    for (const email of emails) this.addEditor(email);
    return this;
  }
  removeViewer(user: unknown): unknown {
    this.sharing().viewers.delete(emailOf(user));
    return this;
  }
  /** "Gets the list of viewers and commenters for this Spreadsheet." */
  getViewers(): unknown[] {
    return [...this.sharing().viewers].map((email) => this.user(email));
  }
  getEditors(): unknown[] {
    return [...this.sharing().editors].map((email) => this.user(email));
  }
  private user(email: string): unknown {
    return this.book.env.counted({ getEmail: () => email }, 'User');
  }
  private sharing() {
    const drive = this.book.drive;
    if (!drive) throw this.book.env.fail('emulator: this spreadsheet has no drive');
    return drive.accessOf(this.book);
  }
}

export function spreadsheetObject(book: Book): GoogleAppsScript.Spreadsheet.Spreadsheet {
  if (!book.view)
    book.view = book.env.counted(new SpreadsheetImpl(book, new SheetViews(book)), 'Spreadsheet');
  return book.view as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
}

export const BorderStyle = {
  DOTTED: 'DOTTED',
  DASHED: 'DASHED',
  SOLID: 'SOLID',
  SOLID_MEDIUM: 'SOLID_MEDIUM',
  SOLID_THICK: 'SOLID_THICK',
  DOUBLE: 'DOUBLE',
} as const;

export const WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;

export class SpreadsheetAppImpl {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = ProtectionType;
  readonly BorderStyle = BorderStyle;
  readonly WrapStrategy = WrapStrategy;

  constructor(
    readonly _book: Book,
    readonly _ui: () => unknown,
    readonly _drive: Drive = new Drive(),
    readonly _newBook: (name: string) => Book = () => {
      throw new Error('emulator: create() is not set up');
    },
  ) {}

  /** A new spreadsheet in the user's Drive, owned by the user, with one default sheet.
   *  Scope: .../auth/spreadsheets (drive.ts). */
  create(name: string): unknown {
    const book = this._newBook(String(name));
    return spreadsheetObject(book);
  }
  /** Scope: .../auth/spreadsheets (drive.ts). A missing or trashed file fails; the wording is
   *  reported (community threads), not documented. */
  openById(id: string): unknown {
    const book = this._drive.books.get(String(id));
    if (!book || this._drive.trashed.has(book.id)) {
      throw this._book.env.fail(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    }
    if (book !== this._book && !this._drive.canOpen(book)) {
      throw this._book.env.fail('You do not have permission to access the requested document.');
    }
    return spreadsheetObject(book);
  }
  openByUrl(url: string): unknown {
    const match = /\/d\/([\w-]+)/.exec(String(url));
    return this.openById(match?.[1] ?? '');
  }

  getActive(): unknown {
    return spreadsheetObject(this._book);
  }
  getActiveSpreadsheet(): unknown {
    return spreadsheetObject(this._book);
  }
  getActiveSheet(): unknown {
    return (
      this._book.env.unwrap(spreadsheetObject(this._book)) as unknown as SpreadsheetImpl
    ).getActiveSheet();
  }
  getUi(): unknown {
    return this._ui();
  }
  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder();
  }
  /** Commits pending writes (pending.ts). */
  flush(): void {
    this._book.pending.commit();
  }
}
