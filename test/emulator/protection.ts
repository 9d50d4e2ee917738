/**
 * Protected sheets and ranges. The spreadsheet's owner can always edit.
 * https://developers.google.com/apps-script/reference/spreadsheet/protection
 */
import type { Book, ProtectionData } from './book';
import type { SheetViews } from './views';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;

function emailOf(user: unknown): string {
  if (typeof user === 'string') return user;
  const withEmail = user as { getEmail?: () => string };
  return typeof withEmail?.getEmail === 'function' ? withEmail.getEmail() : String(user);
}

export class ProtectionImpl {
  constructor(
    readonly _book: Book,
    readonly _views: SheetViews,
    readonly _data: ProtectionData,
  ) {}

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
    this._data.editors.add(emailOf(user));
    return this;
  }
  addEditors(users: unknown[]): this {
    users.forEach((u) => this._data.editors.add(emailOf(u)));
    return this;
  }
  removeEditor(user: unknown): this {
    const email = emailOf(user);
    if (email !== this._book.owner) this._data.editors.delete(email);
    return this;
  }
  removeEditors(users: unknown[]): this {
    users.forEach((u) => this.removeEditor(u));
    return this;
  }
  getEditors(): unknown[] {
    return [...this._data.editors].map((email) =>
      this._book.env.counted({ getEmail: () => email }, 'User'),
    );
  }
  canEdit(): boolean {
    return true;
  }
  setDomainEdit(): this {
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
