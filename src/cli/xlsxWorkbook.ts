/**
 * The Workbook port (src/workbook/port.ts) over an .xlsx file, with exceljs. The whole file is
 * read into memory once, every port call works on that copy, and save() writes a temporary
 * file beside the target and renames it over, so a failure never leaves a half-written file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbook as ExcelWorkbook, ValueType, stream } from 'exceljs';
import type { Cell, CellValue as ExcelCellValue, DataValidation, Style, Worksheet } from 'exceljs';
import type { CellValue } from '../workbook/cells';
import type {
  ColumnSetup,
  GeneratedTab,
  MarkUpdate,
  ReadOptions,
  SpreadsheetInfo,
  TabContents,
  TabSetup,
  ValidationRule,
  Workbook,
} from '../workbook/port';
import { MARK_BACKGROUND, MARK_NOTE_PREFIX, NUMBER_FORMATS } from '../workbook/port';
import {
  SETTINGS,
  SETTING_KEYS,
  SOURCE_TABS,
  findTerm,
  namesOf,
  normalizeName,
} from '../workbook/layout';
import type { Lang } from '../i18n/lang';
import { langFromLocale } from '../i18n/lang';
import { CliError } from './errors';
import { fromSheetDate, toSheetDate } from './zonedDates';

export interface XlsxOptions {
  /** IANA zone that dates in the file are read in; an .xlsx file records none. */
  readonly timeZone: string;
  /** The language asked for on the command line (--lang), if any. */
  readonly lang?: Lang;
  /** The language of the user's environment, the last fallback. */
  readonly envLang: Lang;
}

export interface SaveOptions {
  /**
   * Above this many cells the file is written with exceljs's streaming writer, which is about
   * twice as fast and needs half the memory, but keeps only what Gongfang copies (values,
   * styles, notes, merges, widths, heights, views, validations, filters, page setup, names).
   */
  readonly streamAboveCells?: number;
}

const DEFAULT_STREAM_ABOVE_CELLS = 200_000;
/** Validations cover this many rows below the data, like a fresh Google Sheet's 1,000 rows. */
const VALIDATION_HEADROOM_ROWS = 1000;
const MARK_FILL_ARGB = `FF${MARK_BACKGROUND.slice(1).toUpperCase()}`;

export class XlsxWorkbook implements Workbook {
  private readonly book: ExcelWorkbook;
  private readonly options: XlsxOptions;
  private cachedInfo: SpreadsheetInfo | null = null;
  /** True once anything was written; a read-only command never saves. */
  changed = false;

  private constructor(book: ExcelWorkbook, options: XlsxOptions) {
    this.book = book;
    this.options = options;
  }

  /** An empty workbook, not yet on disk. */
  static create(options: XlsxOptions): XlsxWorkbook {
    return new XlsxWorkbook(new ExcelWorkbook(), options);
  }

  /** Reads `file`; a missing, unreadable or non-.xlsx file is a CliError (exit 2). */
  static async open(file: string, options: XlsxOptions, label = file): Promise<XlsxWorkbook> {
    const stat = statOrNull(file);
    if (!stat) throw new CliError(2, 'cliFileMissing', { file: label });
    if (!stat.isFile()) throw new CliError(2, 'cliNotAWorkbook', { file: label });
    const book = new ExcelWorkbook();
    try {
      await book.xlsx.readFile(file);
    } catch (error) {
      if (errorCode(error) === 'EACCES') throw new CliError(2, 'cliCannotRead', { file: label });
      throw new CliError(2, 'cliNotAWorkbook', { file: label });
    }
    return new XlsxWorkbook(book, options);
  }

  /** The actual tab names, in order. */
  tabNames(): string[] {
    return this.book.worksheets.map((sheet) => sheet.name);
  }

  hasTab(names: readonly string[]): boolean {
    return this.findSheet(names) !== undefined;
  }

  info(): SpreadsheetInfo {
    if (!this.cachedInfo) {
      const lang = this.settingsLanguage() ?? this.options.lang ?? this.tabLanguage();
      const chosen = lang ?? this.options.envLang;
      this.cachedInfo = {
        locale: chosen === 'zh-CN' ? 'zh_CN' : 'en_US',
        timeZone: this.options.timeZone,
      };
    }
    return this.cachedInfo;
  }

  readTab(names: readonly string[], options?: ReadOptions): TabContents | null {
    const sheet = this.findSheet(names);
    if (!sheet) return null;
    return readSheet(sheet, this.options.timeZone, options?.withNotes === true);
  }

  setUpTabs(setups: readonly TabSetup[]): void {
    for (const setup of setups) {
      const existing = this.findSheet([setup.name]);
      const sheet = existing ?? (setup.create ? this.book.addWorksheet(setup.name) : undefined);
      if (sheet) applySetup(sheet, setup);
    }
    this.changed = true;
    this.cachedInfo = null;
  }

  appendRows(
    tab: string,
    rows: readonly (readonly CellValue[])[],
    numberFormats?: readonly string[],
  ): void {
    const sheet = this.findSheet([tab]);
    if (!sheet) throw new CliError(2, 'cliTabMissing', { tab });
    let rowNumber = lastUsedRow(sheet);
    for (const values of rows) {
      rowNumber += 1;
      const row = sheet.getRow(rowNumber);
      values.forEach((value, index) => {
        writeCell(row.getCell(index + 1), value, numberFormats?.[index], this.options.timeZone);
      });
    }
    if (rows.length > 0) {
      this.changed = true;
      // Rows added to Settings may set the language.
      this.cachedInfo = null;
    }
  }

  replaceGeneratedTab(tab: GeneratedTab): void {
    const existing = this.findSheet([tab.name]);
    const position = existing ? this.book.worksheets.indexOf(existing) : -1;
    if (existing) this.book.removeWorksheet(existing.id);
    const sheet = this.book.addWorksheet(tab.name);
    if (position >= 0) moveSheet(this.book, sheet, position);
    writeGeneratedTab(sheet, tab, this.options.timeZone);
    this.changed = true;
  }

  markCells(update: MarkUpdate): void {
    const sheet = this.findSheet([update.tab]);
    if (!sheet) return;
    for (const mark of update.marks) {
      const cell = sheet.getCell(mark.row, mark.column);
      cell.note = mark.note.startsWith(MARK_NOTE_PREFIX) ? mark.note : MARK_NOTE_PREFIX + mark.note;
      cell.style = {
        ...cell.style,
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: MARK_FILL_ARGB } },
      };
    }
    for (const position of update.clear) {
      clearMark(sheet.getCell(position.row, position.column));
    }
    if (update.marks.length > 0 || update.clear.length > 0) this.changed = true;
  }

  /**
   * Writes the workbook to `file` through a temporary file in the same folder, renamed over
   * the target once complete. A read-only target is refused before anything is written.
   */
  async save(file: string, options: SaveOptions = {}, label = file): Promise<void> {
    assertWritable(file, label);
    const temporary = path.join(
      path.dirname(file),
      `.${path.basename(file)}.${process.pid}.gongfang-tmp`,
    );
    try {
      await this.writeTo(temporary, options);
      fs.renameSync(temporary, file);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      if (error instanceof CliError) throw error;
      throw new CliError(2, 'cliCannotWrite', { file: label, detail: errorDetail(error) });
    }
  }

  /**
   * Writes the whole workbook to exactly `file` (no temporary file, no rename): the safe
   * replacing of a workbook on disk is src/cli/workbookFile.ts's writeSafely.
   */
  async writeTo(file: string, options: SaveOptions = {}): Promise<void> {
    for (const sheet of this.book.worksheets) compactValidations(sheet);
    const cells = countCells(this.book);
    if (cells > (options.streamAboveCells ?? DEFAULT_STREAM_ABOVE_CELLS)) {
      await writeStreaming(this.book, file);
    } else {
      await this.book.xlsx.writeFile(file);
    }
  }

  private findSheet(names: readonly string[]): Worksheet | undefined {
    const wanted = new Set(names.map(normalizeName));
    return this.book.worksheets.find((sheet) => wanted.has(normalizeName(sheet.name)));
  }

  private settingsLanguage(): Lang | null {
    const settings = this.readTab(namesOf(SETTINGS));
    const languageKey = SETTING_KEYS.find((key) => key.key === 'language');
    if (!settings || !languageKey) return null;
    for (const row of settings.values.slice(1)) {
      const [key, value] = row;
      if (typeof key !== 'string' || findTerm([languageKey], key) === undefined) continue;
      if (typeof value === 'string' && value.trim() !== '') return langFromLocale(value);
    }
    return null;
  }

  /** A file whose source tabs are named in one language is in that language. */
  private tabLanguage(): Lang | null {
    const names = new Set(this.tabNames().map(normalizeName));
    const zh = SOURCE_TABS.filter((tab) => names.has(normalizeName(tab.zh))).length;
    const en = SOURCE_TABS.filter((tab) => names.has(normalizeName(tab.en))).length;
    if (zh === en) return null;
    return zh > en ? 'zh-CN' : 'en';
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A cell as Apps Script's getValues() would hand it over. */
export function plainValue(value: ExcelCellValue | undefined, timeZone: string): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) return fromSheetDate(value, timeZone);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return String(value.error);
  if ('hyperlink' in value) return plainValue(value.text as ExcelCellValue, timeZone);
  if ('formula' in value || 'sharedFormula' in value) {
    return plainValue(value.result as ExcelCellValue, timeZone);
  }
  return '';
}

function noteText(cell: Cell): string {
  const note: unknown = cell.note;
  if (typeof note === 'string') return note;
  if (note && typeof note === 'object' && 'texts' in note && Array.isArray(note.texts)) {
    return (note.texts as { text?: string }[]).map((part) => part.text ?? '').join('');
  }
  return '';
}

function readSheet(sheet: Worksheet, timeZone: string, withNotes: boolean): TabContents {
  const rows: CellValue[][] = [];
  const notes: string[][] = [];
  let lastRow = 0;
  let lastColumn = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: CellValue[] = [];
    const rowNotes: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // Only the top-left cell of a merge holds a value, as in Google Sheets.
      const value = cell.type === ValueType.Merge ? '' : plainValue(cell.value, timeZone);
      values[column - 1] = value;
      if (withNotes) rowNotes[column - 1] = noteText(cell);
      if (value !== '' || (withNotes && rowNotes[column - 1] !== '')) {
        lastRow = rowNumber;
        lastColumn = Math.max(lastColumn, column);
      }
    });
    rows[rowNumber - 1] = values;
    notes[rowNumber - 1] = rowNotes;
  });
  const width = lastColumn;
  const fill = <T>(source: T[][], empty: T): T[][] =>
    Array.from({ length: lastRow }, (_, index) => {
      const row = source[index] ?? [];
      return Array.from({ length: width }, (__, column) => row[column] ?? empty);
    });
  const contents: TabContents = { name: sheet.name, values: fill<CellValue>(rows, '') };
  return withNotes ? { ...contents, notes: fill<string>(notes, '') } : contents;
}

function lastUsedRow(sheet: Worksheet): number {
  let last = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (row.values.length === 0) return;
    const used = (row.values as unknown[]).some(
      (value) => value !== null && value !== undefined && value !== '',
    );
    if (used) last = rowNumber;
  });
  return last;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Strings are written as strings: exceljs never parses them, so '=1+1' stays text. */
function writeCell(cell: Cell, value: CellValue, numberFormat: string | undefined, zone: string) {
  cell.value = value instanceof Date ? toSheetDate(value, zone) : value === '' ? null : value;
  let format = numberFormat;
  if (format === undefined && typeof value === 'string' && value !== '')
    format = NUMBER_FORMATS.text;
  if (format === undefined && value instanceof Date) format = NUMBER_FORMATS.dateTime;
  if (format !== undefined && format !== NUMBER_FORMATS.general) {
    cell.style = { ...cell.style, numFmt: format };
  }
}

/**
 * Google Sheets measures widths in pixels, Excel in characters: a column's stored width is in
 * widths of the digit 0 of the default font (Calibri 11 pt, 7 px at 96 dpi) and already
 * includes the cell's padding, so pixels / 7 shows the same pixels (LibreOffice agrees);
 * https://learn.microsoft.com/en-us/openspecs/office_standards/ms-oi29500/727f4736-6cba-40e3-b4d3-ce319885780e
 */
export function pixelsToCharacters(pixels: number): number {
  return Math.max(1, Math.round((pixels / 7) * 10) / 10);
}

function writeGeneratedTab(sheet: Worksheet, tab: GeneratedTab, zone: string): void {
  const bold = new Set(tab.boldRows);
  tab.cells.forEach((values, rowIndex) => {
    const row = sheet.getRow(rowIndex + 1);
    values.forEach((value, columnIndex) => {
      const cell = row.getCell(columnIndex + 1);
      writeCell(cell, value, tab.numberFormats[rowIndex]?.[columnIndex], zone);
      if (bold.has(rowIndex)) cell.style = { ...cell.style, font: { bold: true } };
    });
  });
  tab.columnWidths.forEach((pixels, index) => {
    sheet.getColumn(index + 1).width = pixelsToCharacters(pixels);
  });
  if (tab.frozenRows > 0) {
    sheet.views = [{ state: 'frozen', ySplit: tab.frozenRows, xSplit: 0 }];
  }
  if (tab.landscape) {
    // paperSize 9 is A4 in the OOXML paper-size table.
    sheet.pageSetup = {
      ...sheet.pageSetup,
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    };
  }
}

function moveSheet(book: ExcelWorkbook, sheet: Worksheet, position: number): void {
  const ordered = book.worksheets.filter((other) => other !== sheet);
  ordered.splice(position, 0, sheet);
  // exceljs writes sheets in orderNo order; it is not in its type declarations.
  ordered.forEach((other, index) => {
    (other as unknown as { orderNo: number }).orderNo = index;
  });
}

function clearMark(cell: Cell): void {
  if (!noteText(cell).startsWith(MARK_NOTE_PREFIX)) return;
  // exceljs has no call to remove a note: drop the cell's comment, and rebuild its value,
  // whose model still carries the comment it was read with.
  (cell as unknown as { _comment?: unknown })._comment = undefined;
  if (cell.type !== ValueType.Merge) {
    const value = cell.value;
    cell.value = value;
  }
  const { fill: _fill, ...rest } = cell.style;
  cell.style = rest;
}

// ---------------------------------------------------------------------------------------------
// Set up

function applySetup(sheet: Worksheet, setup: TabSetup): void {
  const header = sheet.getRow(1);
  for (const { column, text } of setup.newHeaders) {
    writeCell(header.getCell(column), text, NUMBER_FORMATS.text, 'UTC');
  }
  for (let column = 1; column <= setup.headerWidth; column += 1) {
    const cell = header.getCell(column);
    cell.style = { ...cell.style, font: { ...cell.style.font, bold: true } };
  }
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  const lastRow = Math.max(lastUsedRow(sheet), 1) + VALIDATION_HEADROOM_ROWS;
  for (const column of setup.columns) applyColumnSetup(sheet, column, lastRow);
}

function applyColumnSetup(sheet: Worksheet, setup: ColumnSetup, lastRow: number): void {
  const column = sheet.getColumn(setup.column);
  if (setup.width !== undefined) column.width = pixelsToCharacters(setup.width);
  if (setup.numberFormat !== undefined) {
    // The column's own style is what Excel gives cells typed later; existing data cells too.
    column.style = { ...column.style, numFmt: setup.numberFormat };
    column.eachCell({ includeEmpty: false }, (cell, rowNumber) => {
      if (rowNumber > 1) cell.style = { ...cell.style, numFmt: setup.numberFormat };
    });
    const headerCell = sheet.getRow(1).getCell(setup.column);
    headerCell.style = { ...headerCell.style, numFmt: NUMBER_FORMATS.text };
  }
  if (setup.validation) {
    const letter = column.letter;
    const validations = (sheet as unknown as SheetInternals).dataValidations as {
      model: Record<string, DataValidation | undefined>;
    };
    // exceljs reads a range validation back as one entry per cell; drop this column's own.
    for (const address of Object.keys(validations.model)) {
      if (columnOfAddress(address) === letter) delete validations.model[address];
    }
    validations.model[`${letter}2:${letter}${lastRow}`] = excelValidation(setup, lastRow);
  }
}

function columnOfAddress(address: string): string {
  return /^\$?([A-Z]+)/.exec(address)?.[1] ?? '';
}

function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function ruleOf(rule: ValidationRule, lastRow: number): DataValidation {
  switch (rule.kind) {
    case 'list':
      return {
        type: 'list',
        allowBlank: true,
        formulae: [`"${rule.values.map((value) => value.replace(/"/g, '""')).join(',')}"`],
      };
    case 'fromColumn': {
      const letter = columnLetterOf(rule.column);
      const range = `${quoteSheetName(rule.tab)}!$${letter}$2:$${letter}$${lastRow}`;
      return { type: 'list', allowBlank: true, formulae: [range] };
    }
    case 'wholeNumber':
      return {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [rule.min],
      };
    case 'number':
      return {
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [rule.min],
      };
    case 'date':
      return {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        formulae: [new Date(Date.UTC(1900, 0, 1))],
      };
    case 'checkbox':
      // Excel has no checkbox validation; TRUE/FALSE is what a Sheets checkbox exports as.
      return { type: 'list', allowBlank: true, formulae: ['"TRUE,FALSE"'] };
  }
}

function excelValidation(setup: ColumnSetup, lastRow: number): DataValidation {
  const rule = ruleOf(setup.validation as ValidationRule, lastRow);
  return {
    ...rule,
    showErrorMessage: true,
    errorStyle: setup.allowInvalid ? 'warning' : 'stop',
    ...(setup.helpText ? { error: setup.helpText, prompt: setup.helpText } : {}),
  };
}

function columnLetterOf(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

// ---------------------------------------------------------------------------------------------
// Saving

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

function errorCode(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'code' in error ? String(error.code) : undefined;
}

function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function assertWritable(file: string, label: string): void {
  const folder = path.dirname(path.resolve(file));
  if (!statOrNull(folder)?.isDirectory()) {
    throw new CliError(2, 'cliFolderMissing', { file: label });
  }
  try {
    fs.accessSync(folder, fs.constants.W_OK);
    if (statOrNull(file)) fs.accessSync(file, fs.constants.W_OK);
  } catch {
    throw new CliError(2, 'cliReadOnly', { file: label });
  }
}

/**
 * exceljs reads a validation over A2:A1000 back as one entry per cell, and its writer then
 * squeezes those into ranges that overlap (it walks addresses in text order: A10 before A2),
 * which Excel may refuse. Runs of equal validations down a column are joined here first, so
 * the writer only sees ranges that do not overlap.
 */
export function compactValidations(sheet: Worksheet): void {
  const validations = (sheet as unknown as SheetInternals).dataValidations;
  const runs = new Map<string, { validation: DataValidation; rows: number[] }>();
  const kept: Record<string, DataValidation | undefined> = {};
  for (const [address, validation] of Object.entries(validations.model)) {
    if (!validation) continue;
    const cell = /^([A-Z]+)(\d+)$/.exec(address);
    if (!cell) {
      kept[address] = validation;
      continue;
    }
    const key = `${cell[1]}|${JSON.stringify(validation)}`;
    const run = runs.get(key) ?? { validation, rows: [] };
    run.rows.push(Number(cell[2]));
    runs.set(key, run);
  }
  for (const [key, { validation, rows }] of runs) {
    const letter = key.slice(0, key.indexOf('|'));
    rows.sort((a, b) => a - b);
    let start = rows[0] ?? 0;
    rows.forEach((row, index) => {
      const next = rows[index + 1];
      if (next === row + 1) return;
      kept[start === row ? `${letter}${row}` : `${letter}${start}:${letter}${row}`] = validation;
      start = next ?? 0;
    });
  }
  validations.model = kept;
}

function countCells(book: ExcelWorkbook): number {
  return book.worksheets.reduce(
    (sum, sheet) => sum + sheet.actualRowCount * Math.max(sheet.columnCount, 1),
    0,
  );
}

interface SheetInternals {
  _merges: Record<string, { range: string } | undefined>;
  sheetProtection: unknown;
  conditionalFormattings: unknown[];
  dataValidations: { model: Record<string, DataValidation | undefined> };
}

/** Copies the in-memory workbook into exceljs's streaming writer, sheet by sheet, row by row. */
async function writeStreaming(book: ExcelWorkbook, file: string): Promise<void> {
  const writer = new stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  });
  for (const sheet of book.worksheets) {
    const copy = writer.addWorksheet(sheet.name, {
      properties: sheet.properties,
      views: sheet.views,
      pageSetup: sheet.pageSetup,
      headerFooter: sheet.headerFooter,
      state: sheet.state,
      ...(sheet.autoFilter ? { autoFilter: sheet.autoFilter } : {}),
    });
    const source = sheet as unknown as SheetInternals;
    const target = copy as unknown as SheetInternals & { conditionalFormatting: unknown[] };
    copyColumns(sheet, copy);
    // Merges first: the streaming writer cannot touch a row once it is committed.
    for (const merge of Object.values(source._merges)) if (merge) copy.mergeCells(merge.range);
    copyRows(sheet, copy);
    target.dataValidations.model = { ...source.dataValidations.model };
    target.conditionalFormatting = [...source.conditionalFormattings];
    target.sheetProtection = source.sheetProtection;
    copy.commit();
  }
  // Named ranges (print areas, staff's own names) live in the workbook part.
  writer.definedNames.model = book.definedNames.model;
  await writer.commit();
}

function copyColumns(sheet: Worksheet, copy: Worksheet): void {
  for (let index = 1; index <= sheet.columnCount; index += 1) {
    const column = sheet.getColumn(index);
    const target = copy.getColumn(index);
    if (column.width !== undefined) target.width = column.width;
    if (column.hidden) target.hidden = true;
    if (column.style && Object.keys(column.style).length > 0) target.style = column.style;
  }
}

function copyRows(sheet: Worksheet, copy: Worksheet): void {
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const target = copy.getRow(rowNumber);
    if (row.height) target.height = row.height;
    if (row.hidden) target.hidden = true;
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      const out = target.getCell(column);
      if (cell.type !== ValueType.Merge) out.value = streamableValue(cell);
      out.style = Object.keys(cell.style).length > 0 ? cell.style : emptyStyleFor(cell.type);
      const note = cell.note;
      if (note) out.note = note;
    });
    target.commit();
  });
}

/**
 * exceljs looks a cell's style up by object identity before comparing contents, so unstyled
 * cells share one empty style per cell type (the type picks the default number format) instead
 * of each getting a fresh one; on 100,000 rows that saves about a second.
 */
const emptyStyles = new Map<ValueType, Partial<Style>>();

function emptyStyleFor(type: ValueType): Partial<Style> {
  let style = emptyStyles.get(type);
  if (!style) {
    style = {};
    emptyStyles.set(type, style);
  }
  return style;
}

/** The streaming writer cannot resolve shared formulas, so each is written out in full. */
function streamableValue(cell: Cell): ExcelCellValue {
  const value = cell.value;
  if (value && typeof value === 'object' && 'sharedFormula' in value) {
    return { formula: cell.formula, result: value.result } as ExcelCellValue;
  }
  return value;
}
