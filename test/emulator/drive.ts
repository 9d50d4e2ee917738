/**
 * Other spreadsheets than the bound one: what SpreadsheetApp.create makes and openById opens,
 * and who may see each (Spreadsheet.addViewer / removeViewer / getViewers / getEditors).
 *
 * Scopes, from each method's "Authorization" section in the reference (for the hardening
 * scope table):
 * - SpreadsheetApp.create, openById, openByUrl: https://www.googleapis.com/auth/spreadsheets
 *   https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#create(String)
 *   https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String)
 * - Spreadsheet.addViewer(s), removeViewer, getViewers, getEditors:
 *   https://www.googleapis.com/auth/spreadsheets.currentonly or .../auth/spreadsheets
 *   (the currentonly scope reaches only the bound document: a file made by create needs
 *   .../auth/spreadsheets, which the openById/create calls require anyway).
 *   https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addViewer(String)
 */
import type { Book } from './book';

export interface FileAccess {
  readonly viewers: Set<string>;
  readonly editors: Set<string>;
}

/**
 * Every spreadsheet in the emulated Drive, by ID, with its sharing, and who runs the script now
 * (`currentUser`, the bound sheet's owner unless a test acts as a colleague): a file that user
 * cannot see fails openById ("You do not have permission to access the requested document.",
 * reported wording) and the Sheets API ("The caller does not have permission", its 403), while
 * a file that is gone or in the bin is "not found" — the two must not be taken for each other.
 */
export class Drive {
  readonly books = new Map<string, Book>();
  readonly access = new Map<string, FileAccess>();
  /** Files moved to the bin: openById fails on them. */
  readonly trashed = new Set<string>();
  /** `runningUser`: who runs the script now (the emulator's Session user, Emulator.asUser/actAs). */
  constructor(private readonly runningUser: () => string = () => '') {}

  get currentUser(): string {
    return this.runningUser().toLowerCase();
  }

  /** Whether the current user may open the file (owner, editor or viewer). */
  canOpen(book: Book): boolean {
    const access = this.accessOf(book);
    const user = this.currentUser.toLowerCase();
    return book.owner === user || access.editors.has(user) || access.viewers.has(user);
  }

  /** Whether the current user may change it (owner or editor). */
  canEdit(book: Book): boolean {
    const user = this.currentUser.toLowerCase();
    return book.owner === user || this.accessOf(book).editors.has(user);
  }

  add(book: Book): void {
    this.books.set(book.id, book);
    this.access.set(book.id, { viewers: new Set(), editors: new Set([book.owner]) });
  }

  accessOf(book: Book): FileAccess {
    let access = this.access.get(book.id);
    if (!access)
      this.access.set(book.id, (access = { viewers: new Set(), editors: new Set([book.owner]) }));
    return access;
  }
}

/** An e-mail address or a User, as the sharing methods take either. */
export function emailOf(user: unknown): string {
  if (typeof user === 'string') return user.trim().toLowerCase();
  const getter = (user as { getEmail?: () => string } | null)?.getEmail;
  if (typeof getter === 'function') return getter.call(user).trim().toLowerCase();
  return String(user).trim().toLowerCase();
}
