/**
 * The Workbook port (src/workbook/port.ts) over an .xlsx file, as a package editor: source tabs
 * are read by scanning their sheet XML, generated tabs are written as new sheet parts, Set up,
 * appendRows and Check's marks edit only the cells and elements they change, and every part
 * Gongfang does not own is copied through byte for byte (docs/xlsx.md).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CellValue } from '../workbook/cells';
import type {
  ColumnSetup,
  GeneratedTab,
  MarkUpdate,
  PrintLayout,
  ReadOptions,
  RowChanges,
  SpreadsheetInfo,
  TabContents,
  TabSetup,
  ValidationRule,
  Workbook,
} from '../workbook/port';
import { MARK_BACKGROUND, MARK_NOTE_PREFIX, NUMBER_FORMATS } from '../workbook/port';
import {
  CLOSINGS,
  SETTINGS,
  SETTING_KEYS,
  SOURCE_TABS,
  findTerm,
  namesOf,
  normalizeName,
} from '../workbook/layout';
import { columnLetter } from '../workbook/cells';
import { matchHeaders } from '../workbook/tables';
import type { Lang } from '../i18n/lang';
import { languageSetting } from '../domain/validation/settings';
import { rowHeightFor, wrappedLines } from '../features/reports/lines';
import { WorkbookFileError } from './fileError';
import { notAFile } from './workbookFile';
import { writeChartParts } from './package/charts';
import type { NoteChange } from './package/notes';
import { EMPTY_COMMENTS, editComments, editVml, emptyVml, usedIdBlocks } from './package/notes';
import {
  AHEAD_CEILING,
  CONTENT_TYPE,
  REL,
  RELATIONSHIPS_NS,
  type WriteOptions,
  XlsxPackage,
  insertBeforeClose,
  relsPathOf,
  resolveTarget,
} from './package/package';
import { blankPackage } from './package/blank';
import { sheetList } from './package/sheetList';
import type { SheetEntry } from './package/sheetList';
import { findSheet, firstReads } from './firstReads';
import { identityOf, sameIdentity, takeHandedOver } from './handedOver';
import type { HandedOver } from './handedOver';
import { SheetEditor } from './package/sheetEditor';
import {
  FormulaRows,
  RowShift,
  shiftComments,
  shiftDefinedNames,
  shiftSheetXml,
  shiftTable,
  shiftVml,
} from './package/rowRemoval';
import type { CellEdit } from './package/sheetEditor';
import type { SheetReadContext, SparseCells } from './package/sheetReader';
import {
  columnNumber,
  readComments,
  readMerges,
  readSharedStrings,
  readSparseCells,
  readSparseCellsInChunks,
} from './package/sheetReader';
import {
  emptyPrintedSheet,
  EMPTY_SHEET,
  cellXml,
  defaultFormatOf,
  generatedSheetXml,
  pixelsToCharacters,
} from './package/sheetWriter';
import { MINIMAL_STYLES, StyleBook } from './package/styles';
import type { CellStyle } from './package/styles';
import {
  attribute,
  escapeAttribute,
  escapeText,
  findElement,
  findElements,
  prefixFor,
  withAttribute,
} from './package/xml';
import { ZipError, readZip, writeZipInParallel } from './package/zip';
import { withSheetProtection } from './package/protection';
import { type FileRecord, hideSheetElement, readFileRecord } from './fileRecord';
import { PackageRefused, readingPart } from './package/refusal';
import {
  CUSTOM_PROPERTIES_PART,
  CUSTOM_PROPERTIES_REL,
  CUSTOM_PROPERTIES_TYPE,
  packageDigest,
  reportProperties,
} from './reportFiles';

export { pixelsToCharacters };

export interface XlsxOptions {
  /** IANA zone that dates in the file are read in; an .xlsx file records none. */
  readonly timeZone: string;
  /** The language asked for on the command line (--lang), if any. */
  readonly lang?: Lang;
  /** The language of the user's environment, the last fallback. */
  readonly envLang: Lang;
  /**
   * Replace a tab with a generated tab's name even when Gongfang did not make it (--force).
   * Otherwise such a tab — staff's own "Payout 2026-11" — is refused (fileForeignTab).
   */
  readonly replaceForeignTabs?: boolean;
  /**
   * The command edits the source sheets it reads (check --mark): their bytes are held from the
   * read to the edit instead of inflated twice (XlsxPackage.keepForSecondRead).
   */
  readonly editsSourceSheets?: boolean;
  /**
   * Tabs bigger than this (bytes) are marked streamed (prepareMarks); AHEAD_CEILING unless set
   * (tests set it low, to hold the streamed edit to the edit of the whole part).
   */
  readonly streamMarksAbove?: number;
  /**
   * A Pieces sheet bigger than this (bytes) is read as it inflates (readInChunks);
   * AHEAD_CEILING unless set (tests set it low, to hold that read to the read of the whole).
   */
  readonly readInChunksAbove?: number;
}

/**
 * The mark of a tab Gongfang generated: a hidden sheet-local defined name pointing at the tab's
 * A1. It travels with the tab when staff rename, move or copy it (Excel, WPS and LibreOffice
 * keep sheet-local names), and a tab staff made under the same name does not have it.
 */
export const GENERATED_TAB_MARK = '_Gongfang_Generated';
/** Rows of a generated tab's head compared to recognise one made before tabs were marked. */
const LEGACY_HEAD_ROWS = 10;

/** The change log's snapshot tab (auditSnapshot.ts), read ahead with the source tabs. */

/** Validations cover this many rows below the data, like a fresh Google Sheet's 1,000 rows. */
const VALIDATION_HEADROOM_ROWS = 1000;
const MARK_FILL = MARK_BACKGROUND.slice(1).toUpperCase();

/** What one read of a tab found, kept until the tab is written. */
interface SheetCells {
  readonly values: SparseCells;
  notes: Map<string, string> | null;
  /**
   * The rows as readTab hands them over (without notes), made once: a tab read by the change
   * log and by the command (or by several features) is laid out once. Gone with the cells
   * when the tab is written.
   */
  rows?: readonly (readonly CellValue[])[];
  /** The styles the reader asked about (of numbers: whether each is a date), for readDigest. */
  readonly dateStyles: Map<number, boolean>;
  /** readDigest's answer, once worked out. */
  digest?: string | null;
}

/**
 * The workbook file's bytes: those read early (handedOver.ts) when the file opened now is the
 * one they were read from, else read from it here.
 */
async function readWorkbookBytes(
  file: string,
  handed: HandedOver | null,
): Promise<{ buffer: Buffer; handed: HandedOver | null }> {
  const descriptor = fs.openSync(file, 'r');
  try {
    if (handed && sameIdentity(handed.identity, identityOf(fs.fstatSync(descriptor)))) {
      return { buffer: handed.bytes, handed };
    }
    const buffer = await new Promise<Buffer>((resolve, reject) => {
      fs.readFile(descriptor, (error, bytes) => (error ? reject(error) : resolve(bytes)));
    });
    return { buffer, handed: null };
  } finally {
    fs.closeSync(descriptor);
  }
}

export class XlsxWorkbook implements Workbook {
  private readonly pkg: XlsxPackage;
  private readonly options: XlsxOptions;
  private readonly workbookPart: string;
  private readonly sheets: SheetEntry[];
  private readonly date1904: boolean;
  private stylesPart: string;
  private styleBook: StyleBook | null = null;
  private sharedStrings: string[] | null = null;
  /** The shared strings' digest (readDigest), with the bytes it is of. */
  private stringsDigest: { readonly data: Buffer; readonly digest: string } | null = null;
  private readonly editors = new Map<string, SheetEditor>();
  /** Parts whose cell values this run wrote in place (editedTabs). */
  private readonly valuesEdited = new Set<string>();
  private readonly cells = new Map<string, SheetCells>();
  private cachedInfo: SpreadsheetInfo | null = null;
  /** Sheet parts given sheet protection when written (package/protection.ts). */
  private readonly protectedParts = new Set<string>();
  /** Generated sheets written with their protection, as written: unchanged since, they need no
   *  second pass over their text when the workbook is written. */
  private readonly protectedAsWritten = new Map<string, Buffer>();
  /** True once anything was written; a read-only command never saves. */
  changed = false;
  /** The partner whose report this is (markAsReport), or null for a workbook. */
  private reportOf: string | null = null;

  private constructor(pkg: XlsxPackage, options: XlsxOptions) {
    this.pkg = pkg;
    this.options = options;
    const workbookPart = pkg.workbookPart();
    const workbookXml = workbookPart ? pkg.readText(workbookPart) : null;
    if (!workbookPart || workbookXml === null) throw new ZipError('no workbook part');
    refuseStrict(pkg, workbookPart, workbookXml);
    this.workbookPart = workbookPart;
    this.sheets = sheetList(pkg, workbookPart, workbookXml);
    const workbookPr = findElement(workbookXml, 'workbookPr')?.text ?? '';
    this.date1904 = /date1904="(1|true)"/.test(workbookPr);
    this.stylesPart = pkg.targets(workbookPart, REL.styles)[0] ?? '';
  }

  /** An empty workbook, not yet on disk. */
  static create(options: XlsxOptions): XlsxWorkbook {
    return new XlsxWorkbook(blankPackage(), options);
  }

  /** Reads `file`; a missing, unreadable or non-.xlsx file is a WorkbookFileError. */
  static async open(file: string, options: XlsxOptions, label = file): Promise<XlsxWorkbook> {
    const stat = statOrNull(file);
    if (!stat) throw new WorkbookFileError('cliFileMissing', { file: label });
    if (!stat.isFile()) throw notAFile(file, label, stat);
    const handed = await takeHandedOver(file);
    let read: { buffer: Buffer; handed: HandedOver | null };
    try {
      read = await readWorkbookBytes(file, handed);
    } catch (error) {
      if (errorCode(error) === 'EACCES')
        throw new WorkbookFileError('cliCannotRead', { file: label });
      throw new WorkbookFileError('cliNotAWorkbook', { file: label });
    }
    try {
      const pkg = new XlsxPackage(readZip(read.buffer), label);
      if (read.handed) pkg.takeInflated(read.handed.parts);
      const workbook = readingPart(label, 'xl/workbook.xml', () => new XlsxWorkbook(pkg, options));
      await workbook.readAhead();
      return workbook;
    } catch (error) {
      if (error instanceof PackageRefused) {
        if (error.file === '') error.file = label;
        throw error;
      }
      throw new WorkbookFileError('cliNotAWorkbook', { file: label });
    }
  }

  /**
   * What nearly every command reads, read while the Pieces sheet (the biggest part by far: 50 ms
   * at 100,000 rows, 0.5 s at a million) inflates on libuv's thread pool, on the other core:
   * the other source tabs, the shared strings they lead to, and the change log's snapshot tab
   * (inflated on the pool too). A Pieces sheet too big to inflate ahead is read as it inflates
   * (readInChunks). A tab that cannot be read is left to the read that asks for it, which
   * refuses it as before; a workbook without a styles part is not read ahead (reading its
   * dates would add one).
   */
  private async readAhead(): Promise<void> {
    const { pieces, snapshot, tabs } = firstReads(this.sheets);
    const readsDates = this.stylesPart !== '' && this.pkg.has(this.stylesPart);
    const size = pieces ? (this.pkg.source(pieces.part)?.size ?? 0) : 0;
    const inChunks =
      readsDates && pieces && size > (this.options.readInChunksAbove ?? AHEAD_CEILING)
        ? this.readInChunks(pieces)
        : null;
    const parts = [inChunks ? undefined : pieces?.part, snapshot?.part].filter(
      (part): part is string => !!part,
    );
    if (this.options.editsSourceSheets === true && pieces) {
      this.pkg.keepForSecondRead([pieces.part]);
    }
    const inflated = this.pkg.inflateAhead(parts);
    if (readsDates) {
      for (const sheet of tabs) {
        try {
          this.sheetCells(sheet, false);
        } catch {
          // Read again, and refused, when a command asks for the tab.
        }
      }
    }
    await Promise.all([inflated, inChunks]);
  }

  /**
   * A sheet too big to inflate ahead (a million-row Pieces sheet: 312 MB) read a megabyte at a
   * time as it inflates on the thread pool: never held whole (the peak of every command at a
   * million rows), and inflated on the other core while this one scans. When it cannot be read
   * so, it is left to the read that asks for it, which refuses it as before.
   */
  private async readInChunks(sheet: SheetEntry): Promise<void> {
    const chunks = this.pkg.readInChunks(sheet.part);
    if (!chunks) return;
    const dateStyles = new Map<number, boolean>();
    try {
      const read = await readSparseCellsInChunks(chunks, this.readContext(dateStyles));
      blankMergedCells(read.cells, read.tail);
      this.cells.set(sheet.part, { values: read.cells, notes: null, dateStyles });
    } catch {
      // Read whole, and refused, when a command asks for the tab.
    }
  }

  /** The actual tab names, in order. */
  tabNames(): string[] {
    return this.sheets.map((sheet) => sheet.name);
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
    const withNotes = options?.withNotes === true;
    const cells = this.sheetCells(sheet, withNotes);
    // Read as empty, such a formula would be "missing" or count as 0: say what to do instead.
    const uncalculated = cells.values.uncalculated;
    if (uncalculated !== null) {
      const where = { file: this.pkg.label, tab: sheet.name, cell: uncalculated };
      throw new WorkbookFileError('fileUncalculatedFormula', where);
    }
    if (withNotes) {
      return tabContents(sheet.name, cells.values, cells.notes, this.totalsRows(sheet));
    }
    const rows = (cells.rows ??= tabContents(
      sheet.name,
      cells.values,
      null,
      this.totalsRows(sheet),
    ).values);
    // A copy of the list (a caller may sort or cut it); the rows are shared, as they were.
    return { name: sheet.name, values: rows.slice() };
  }

  /**
   * The rows of the tab's tables that are totals rows (Excel's Table Design › Total Row): sums,
   * not data. Read as rows, a total under Adjustments was "not a month" and, its month unknown,
   * kept every month from closing.
   */
  private totalsRows(sheet: SheetEntry): ReadonlySet<number> {
    const rows = new Set<number>();
    for (const part of this.pkg.targets(sheet.part, REL.table)) {
      const xml = this.pkg.readText(part) ?? '';
      const table = /<(?:[\w.-]+:)?table(?=[\s/>])[^>]*>/.exec(xml)?.[0] ?? '';
      const count = Number(attribute(table, 'totalsRowCount') ?? '0');
      const bottom = Number(/\d+$/.exec(attribute(table, 'ref') ?? '')?.[0] ?? '0');
      if (!Number.isInteger(count) || count < 1 || count > 1_000 || bottom < 1) continue;
      for (let row = Math.max(1, bottom - count + 1); row <= bottom; row += 1) rows.add(row);
    }
    return rows;
  }

  /**
   * A digest of all a tab's values were read from: its part's compressed bytes, the shared
   * strings', the date system, the time zone and, of the styles its numbers carry, which are
   * dates (styles added by this run change none of those). Equal digests, equal values: the
   * change log compares a tab whose digest is the one it stored without hashing its rows.
   * Null when the tab was not read, or its part or the shared strings are not the bytes the
   * file holds and will hold (edited or marked by this run).
   */
  readDigest(names: readonly string[]): string | null {
    const sheet = this.findSheet(names);
    const cells = sheet ? this.cells.get(sheet.part) : undefined;
    if (!sheet || !cells || this.editors.has(sheet.part)) return null;
    if (cells.digest !== undefined) return cells.digest;
    const part = this.pkg.storedData(sheet.part);
    const strings = this.sharedStringsDigest();
    if (part === null || strings === null) return null;
    const styles = [...cells.dateStyles].sort((a, b) => a[0] - b[0]);
    const hash = createHash('sha256')
      .update(`gongfang read digest 1\0${sheet.part}\0${part.method}\0`)
      .update(part.data)
      .update(`\0${strings}\0${this.date1904}\0${this.options.timeZone}\0`)
      .update(styles.map(([index, isDate]) => `${index}${isDate ? 'd' : 'n'}`).join(','));
    cells.digest = hash.digest('hex');
    return cells.digest;
  }

  /** readDigest's part for the shared strings ('' when none), null once they are rewritten. */
  private sharedStringsDigest(): string | null {
    const part = this.pkg.targets(this.workbookPart, REL.sharedStrings)[0];
    if (part === undefined) return '';
    const stored = this.pkg.storedData(part);
    if (stored === null) return null;
    const known = this.stringsDigest?.data;
    const same =
      known !== undefined &&
      known.buffer === stored.data.buffer &&
      known.byteOffset === stored.data.byteOffset &&
      known.length === stored.data.length;
    if (!same || this.stringsDigest === null) {
      const hash = createHash('sha256').update(`${part}\0${stored.method}\0`).update(stored.data);
      this.stringsDigest = { data: stored.data, digest: hash.digest('hex') };
    }
    return this.stringsDigest.digest;
  }

  setUpTabs(setups: readonly TabSetup[]): void {
    for (const setup of setups) {
      const existing = this.findSheet([setup.name]);
      // Closings' nine printed columns (a reopening's among them) are wider than a portrait page.
      const printed = setup.printColumns !== undefined ? 'landscape' : setup.printFitted;
      const empty = printed === undefined ? EMPTY_SHEET : emptyPrintedSheet(printed);
      const sheet = existing ?? (setup.create ? this.addSheet(setup.name, empty) : undefined);
      if (sheet) this.applySetup(sheet, setup);
      // A tab only Gongfang writes (Closings, Audit) is protected as the generated tabs are.
      if (sheet && setup.protectionDescription !== undefined) this.protectedParts.add(sheet.part);
      if (sheet && setup.printColumns !== undefined) {
        this.setPrintNames(sheet, { repeatRows: 1, printColumns: setup.printColumns });
      } else if (sheet && !existing && setup.printFitted !== undefined) {
        // A source tab: its header on every page, every column printed (staff add their own).
        this.setPrintNames(sheet, { repeatRows: 1, printColumns: null });
      }
    }
    this.changed = true;
    this.cachedInfo = null;
  }

  appendRows(
    tab: string,
    rows: readonly (readonly CellValue[])[],
    numberFormats?: readonly string[],
    wraps?: readonly boolean[],
  ): void {
    const sheet = this.findSheet([tab]);
    if (!sheet) throw new WorkbookFileError('cliTabMissing', { tab, file: this.pkg.label });
    if (rows.length === 0) return;
    const first = lastRowOf(this.sheetCells(sheet, false).values) + 1;
    const editor = this.editor(sheet);
    const styles = this.styles();
    // Worked out once a column and style, not once a cell (a thousand rows of changes).
    const pixelsOf = remembered((column: number) => editor.columnPixels(column));
    const columnStyleOf = remembered((column: number) => editor.columnStyle(column) ?? 0);
    const derived = new Map<string, number>();
    let width = 0;
    rows.forEach((values, index) => {
      const rowNumber = first + index;
      const edits = new Map<number, (existing: string | undefined, ref: string) => string>();
      let lines = 1;
      values.forEach((value, columnIndex) => {
        const column = columnIndex + 1;
        const wrap = wraps?.[columnIndex] === true;
        width = Math.max(width, column);
        if (wrap && typeof value === 'string' && value !== '') {
          lines = Math.max(lines, wrappedLines(value, pixelsOf(column)));
        }
        edits.set(column, (existing, ref) => {
          const base = styleOfCell(existing) ?? columnStyleOf(column);
          const format = numberFormats?.[columnIndex] ?? defaultFormatOf(value);
          const key = `${base}|${format ?? ''}|${wrap ? 1 : 0}`;
          let style = derived.get(key);
          if (style === undefined) {
            const change = {
              ...(format === undefined || format === NUMBER_FORMATS.general
                ? {}
                : { numFmt: format }),
              // A row grown for wrapped text reads from the top, every cell alike.
              ...(wraps === undefined ? {} : { top: true }),
              ...(wrap ? { wrap: true } : {}),
            };
            style = Object.keys(change).length === 0 ? base : styles.derive(base, change);
            derived.set(key, style);
          }
          return cellXml(editor.prefix, ref, value, style, this.writeContext());
        });
      });
      editor.editRow(rowNumber, edits, lines > 1 ? wrappedRowPoints(lines) : undefined);
    });
    editor.growDimension(first + rows.length - 1, width);
    this.touched(sheet);
    // Rows added to Settings may set the language.
    this.cachedInfo = null;
  }

  /** `options.dense`: the tab's texts are packed bytes (the change log's snapshot). */
  replaceGeneratedTab(tab: GeneratedTab, options: WriteOptions = {}): void {
    const existing = this.findSheet([tab.name]);
    if (existing && !this.options.replaceForeignTabs && !this.isGenerated(existing, tab)) {
      throw new WorkbookFileError('fileForeignTab', { file: this.pkg.label, tab: existing.name });
    }
    const sheet = existing ?? this.addSheet(tab.name, EMPTY_SHEET);
    if (existing) {
      this.dropSheetParts(existing);
      if (existing.name !== tab.name) this.renameSheet(existing, tab.name);
    }
    this.editors.delete(sheet.part);
    this.cells.delete(sheet.part);
    const drawingId =
      tab.charts.length > 0
        ? writeChartParts(this.pkg, sheet.part, tab.name, tab.charts, tab.cells)
        : undefined;
    const xml = Buffer.from(generatedSheetXml(tab, this.writeContext(), drawingId, true), 'utf8');
    this.pkg.write(sheet.part, xml, options);
    this.protectedAsWritten.set(sheet.part, xml);
    this.setPrintNames(sheet, tab.print ?? null);
    this.protectedParts.add(sheet.part);
    this.markGenerated(sheet);
    this.changed = true;
  }

  /**
   * 结账 / Closings laid out before a reopening's time, who and why sat beside what it paid
   * (they are in J–L, behind the fingerprint, Detail and account, and its print area A–F showed
   * a reopening as a bare month) prints as a tab made now: A4 landscape fitted to the page's
   * width, month to paid, then the
   * reopening. The columns between are hidden, the print area ends at the reason, and a printed
   * column at the default width gets a new tab's (`widths`, pixels by column key). No cell
   * moves. Nothing for a tab laid out now, or one whose header is not in row 1.
   */
  printOlderClosings(printed: number, widths: Readonly<Partial<Record<string, number>>>): void {
    const sheet = this.findSheet(namesOf(CLOSINGS));
    const header = sheet ? this.readTab([sheet.name])?.values[0] : undefined;
    if (!sheet || !header) return;
    const { columns } = matchHeaders(CLOSINGS, header);
    const keys = CLOSINGS.columns.slice(0, printed).map((column) => column.key);
    const places = keys.map((key) => columns[key]);
    const last = Math.max(...places.map((at) => at ?? Infinity));
    if (last === printed || last === Infinity) return;
    const editor = this.editor(sheet);
    for (let column = 1; column < last; column += 1) {
      if (!places.includes(column)) editor.setColumn(column, { hidden: '1' });
    }
    keys.forEach((key, i) => {
      const [at, width] = [places[i] as number, widths[key]];
      if (width === undefined || editor.columnHasWidth(at)) return;
      editor.setColumn(at, { width: String(pixelsToCharacters(width)), customWidth: '1' });
    });
    editor.printLandscapeFitted();
    this.setPrintNames(sheet, { repeatRows: 1, printColumns: last });
    this.changed = true;
  }

  /** The tab gets sheet protection, no password, when the workbook is written. */
  protectTab(names: readonly string[]): void {
    const sheet = this.findSheet(names);
    if (sheet && !this.protectedParts.has(sheet.part)) {
      this.protectedParts.add(sheet.part);
      this.changed = true;
    }
  }

  /** Hides the tab (state="hidden" on its <sheet>), as Format › Hide does. */
  hideTab(name: string): void {
    const sheet = this.findSheet([name]);
    if (!sheet) return;
    const workbookXml = this.pkg.readText(this.workbookPart) ?? '';
    const hidden = hideSheetElement(workbookXml, sheet.sheetId);
    if (hidden !== workbookXml) {
      this.pkg.write(this.workbookPart, hidden);
      this.changed = true;
    }
  }

  /**
   * The tabs whose values this run wrote in place (Set up's headers, appended rows): not the
   * rebuilt ones, nor those that only got marks (a fill and a note).
   */
  editedTabs(): string[] {
    return this.sheets
      .filter((sheet) => this.valuesEdited.has(sheet.part))
      .map((sheet) => sheet.name);
  }

  /** Who saved the file last and when, as docProps/core.xml records it (null where it does not). */
  fileRecord(): FileRecord {
    return readFileRecord(this.pkg);
  }

  /**
   * Whether Gongfang made this tab: it carries the mark, or — made by a version before tabs
   * were marked — it has the generated layout: the same title in A1 as the tab about to be
   * written, and at least two of the labels below it in column A (Organization, Month,
   * Generated at …, or those of the tab's earlier layout: earlierLabels), as no tab staff made
   * by hand would.
   */
  private isGenerated(sheet: SheetEntry, tab: GeneratedTab): boolean {
    if (this.markedSheets().has(this.sheets.indexOf(sheet))) return true;
    const values = this.sheetCells(sheet, false).values;
    const text = (row: number) => {
      const value = values.get(row)?.[0];
      return typeof value === 'string' ? value.trim() : '';
    };
    const title = tab.cells[0]?.[0];
    if (typeof title !== 'string' || title.trim() === '' || text(1) !== title.trim()) return false;
    const labels = new Set<string>();
    for (let row = 2; row <= LEGACY_HEAD_ROWS; row += 1)
      if (text(row) !== '') labels.add(text(row));
    let shared = 0;
    const known = [
      ...tab.cells.slice(1, LEGACY_HEAD_ROWS).map((row) => row[0]),
      ...(tab.earlierLabels ?? []),
    ];
    for (const label of known) {
      if (typeof label === 'string' && labels.has(label.trim())) shared += 1;
    }
    return shared >= 2;
  }

  /** Indexes (in <sheets>) of the tabs that carry Gongfang's mark. */
  private markedSheets(): Set<number> {
    const workbookXml = this.pkg.readText(this.workbookPart) ?? '';
    const names = findElement(workbookXml, 'definedNames')?.text ?? '';
    const marked = new Set<number>();
    for (const element of findElements(names.replace(/^<[^>]*>/, ''), 'definedName')) {
      const local = attribute(element.text, 'localSheetId');
      if (attribute(element.text, 'name') === GENERATED_TAB_MARK && local !== undefined) {
        marked.add(Number(local));
      }
    }
    return marked;
  }

  private markGenerated(sheet: SheetEntry): void {
    const workbookXml = this.pkg.readText(this.workbookPart) ?? '';
    const reference = `${quoteSheetName(sheet.name)}!$A$1`;
    const index = this.sheets.indexOf(sheet);
    this.pkg.write(
      this.workbookPart,
      withDefinedName(workbookXml, GENERATED_TAB_MARK, index, reference, { hidden: true }),
    );
  }

  /**
   * Rows printed on every page, and columns at the left of every page across
   * (_xlnm.Print_Titles: "'Tab'!$A:$B,'Tab'!$1:$1", columns first, as Excel writes it), and the
   * printed columns (_xlnm.Print_Area) of a generated tab, as the sheet-local defined names
   * Excel, WPS and LibreOffice read.
   */
  private setPrintNames(
    sheet: SheetEntry,
    print: Pick<
      PrintLayout,
      'repeatRows' | 'printColumns' | 'columnBreaks' | 'titleColumns'
    > | null,
  ): void {
    const localSheetId = this.sheets.indexOf(sheet);
    const quoted = `'${sheet.name.replace(/'/g, "''")}'`;
    const repeatRows = print?.repeatRows ?? 0;
    const titleColumns = print?.columnBreaks?.length ? (print.titleColumns ?? 0) : 0;
    const printColumns = print?.printColumns ?? null;
    const parts = [
      ...(titleColumns > 0 ? [`${quoted}!$A:$${columnLetter(titleColumns)}`] : []),
      ...(repeatRows > 0 ? [`${quoted}!$1:$${repeatRows}`] : []),
    ];
    const titles = parts.length > 0 ? parts.join(',') : null;
    const area = printColumns !== null ? `${quoted}!$A:$${columnLetter(printColumns)}` : null;
    let workbookXml = this.pkg.readText(this.workbookPart) ?? '';
    const before = workbookXml;
    workbookXml = withDefinedName(workbookXml, '_xlnm.Print_Titles', localSheetId, titles);
    workbookXml = withDefinedName(workbookXml, '_xlnm.Print_Area', localSheetId, area);
    if (workbookXml !== before) this.pkg.write(this.workbookPart, workbookXml);
  }

  /**
   * Before markCells, for a tab too big to hold again with what the command holds (over
   * AHEAD_CEILING: a million-row Pieces sheet is 312 MB, on top of the ~880 MB its check holds):
   * its rows to mark or clear are read from the part inflated again in chunks, on the thread
   * pool, and the part is inflated once more as it is written (SheetEditor.streamed), instead
   * of held whole from the edit to the write. Smaller tabs are edited as before.
   */
  async prepareMarks(updates: readonly MarkUpdate[]): Promise<void> {
    for (const update of updates) {
      const sheet = this.findSheet([update.tab]);
      if (!sheet || this.editors.has(sheet.part)) continue;
      const source = this.pkg.source(sheet.part);
      if (!source || source.size <= (this.options.streamMarksAbove ?? AHEAD_CEILING)) continue;
      const rows = [...update.marks, ...update.clear].map((cell) => cell.row);
      let editor: SheetEditor | null;
      try {
        editor = await SheetEditor.streamed(source, rows);
      } catch (error) {
        // Refused as a read of the part is (readingPart), naming the file.
        if (error instanceof PackageRefused && error.file === '') error.file = this.pkg.label;
        throw error;
      }
      if (editor) this.editors.set(sheet.part, editor);
    }
  }

  markCells(update: MarkUpdate): void {
    const sheet = this.findSheet([update.tab]);
    if (!sheet || (update.marks.length === 0 && update.clear.length === 0)) return;
    const current = this.sheetCells(sheet, true).notes ?? new Map<string, string>();
    const changes = new Map<string, NoteChange>();
    const fills = new Map<string, { row: number; column: number; mark: boolean }>();
    for (const position of update.clear) {
      const ref = `${columnLetter(position.column)}${position.row}`;
      if (!(current.get(ref) ?? '').startsWith(MARK_NOTE_PREFIX)) continue;
      changes.set(ref, { clear: true });
      fills.set(ref, { ...position, mark: false });
    }
    for (const mark of update.marks) {
      const ref = `${columnLetter(mark.column)}${mark.row}`;
      const note = mark.note.startsWith(MARK_NOTE_PREFIX)
        ? mark.note
        : MARK_NOTE_PREFIX + mark.note;
      changes.set(ref, { mark: note });
      fills.set(ref, { row: mark.row, column: mark.column, mark: true });
    }
    if (changes.size === 0) return;
    this.paintMarks(sheet, [...fills.values()]);
    this.writeNotes(sheet, changes);
    // A mark is a fill and a note: the values read stay true (no second parse of a big tab),
    // the notes are read again if asked for.
    const cells = this.cells.get(sheet.part);
    if (cells) cells.notes = null;
    this.changed = true;
  }

  /**
   * Archive year's one write: per tab, its rows removed (rows below move up, with everything
   * that points at them: rowRemoval.ts), header cells written, rows appended. Nothing reaches
   * the file until it is saved, once: a failure before the save leaves it as it was. A tab
   * whose rows that would move hold formulas is refused before anything changes.
   */
  rewriteRows(changes: readonly RowChanges[]): void {
    const sheets = changes.map((change) => {
      const sheet = this.findSheet([change.tab]);
      if (!sheet) {
        throw new WorkbookFileError('cliTabMissing', { tab: change.tab, file: this.pkg.label });
      }
      return sheet;
    });
    const shifted = changes.map((change, i) => {
      const sheet = sheets[i] as SheetEntry;
      if (change.remove.length === 0) return null;
      const shift = new RowShift(change.remove);
      try {
        return { sheet, shift, xml: shiftSheetXml(this.sheetXml(sheet), shift) };
      } catch (error) {
        if (error instanceof FormulaRows) {
          throw new WorkbookFileError('cliFormulaRows', { tab: sheet.name, row: error.row });
        }
        throw error;
      }
    });
    for (const moved of shifted) if (moved) this.moveRows(moved.sheet, moved.shift, moved.xml);
    changes.forEach((change, i) => {
      const sheet = sheets[i] as SheetEntry;
      if (change.newHeaders.length > 0) this.writeHeaders(sheet, change.newHeaders);
      this.appendRows(sheet.name, change.append, change.numberFormats);
    });
  }

  private moveRows(sheet: SheetEntry, shift: RowShift, xml: string): void {
    this.editors.set(sheet.part, new SheetEditor(xml));
    const comments = this.pkg.targets(sheet.part, REL.comments)[0];
    const commentsXml = comments ? this.pkg.readText(comments) : null;
    if (comments && commentsXml !== null)
      this.pkg.write(comments, shiftComments(commentsXml, shift));
    for (const vml of this.pkg.targets(sheet.part, REL.vmlDrawing)) {
      const text = this.pkg.readText(vml);
      if (text !== null) this.pkg.write(vml, shiftVml(text, shift));
    }
    for (const table of this.pkg.targets(sheet.part, REL.table)) {
      const text = this.pkg.readText(table);
      if (text !== null) this.pkg.write(table, shiftTable(text, shift));
    }
    const workbookXml = this.pkg.readText(this.workbookPart) ?? '';
    const names = shiftDefinedNames(workbookXml, sheet.name, shift);
    if (names !== workbookXml) this.pkg.write(this.workbookPart, names);
    // Cells moved: applications rebuild the calculation chain.
    this.dropCalcChainFor(sheet);
    this.touched(sheet);
  }

  /** Header cells of row 1, bold text, as Set up writes them. */
  private writeHeaders(
    sheet: SheetEntry,
    headers: readonly { readonly column: number; readonly text: string }[],
  ): void {
    const editor = this.editor(sheet);
    const styles = this.styles();
    const edits = new Map<number, CellEdit>();
    for (const header of headers) {
      edits.set(header.column, (existing, ref) => {
        const base = styleOfCell(existing) ?? editor.columnStyle(header.column) ?? 0;
        const style = styles.derive(base, { bold: true, numFmt: NUMBER_FORMATS.text });
        return cellXml(editor.prefix, ref, header.text, style, this.writeContext());
      });
    }
    editor.editRow(1, edits);
    editor.growDimension(1, Math.max(...headers.map((h) => h.column)));
    this.touched(sheet);
  }

  /**
   * Makes this (new) workbook partner `partnerId`'s report: written with the custom document
   * properties that let a later run recognise it, and tell whether anyone changed it since
   * (src/xlsx/reportFiles.ts).
   */
  markAsReport(partnerId: string): void {
    this.reportOf = partnerId;
  }

  private writeReportProperties(partnerId: string): void {
    if (!this.pkg.has(CUSTOM_PROPERTIES_PART)) {
      this.pkg.setContentType(CUSTOM_PROPERTIES_PART, CUSTOM_PROPERTIES_TYPE);
      this.pkg.addRelationship('', CUSTOM_PROPERTIES_REL, CUSTOM_PROPERTIES_PART);
    }
    this.pkg.write(CUSTOM_PROPERTIES_PART, reportProperties(partnerId, packageDigest(this.pkg)));
  }

  /** Writes the complete package to exactly `file` (the caller chose the path). */
  async writeTo(file: string): Promise<void> {
    for (const [part, editor] of this.editors) this.pkg.write(part, editor.content());
    for (const part of this.protectedParts) {
      if (this.pkg.read(part) === this.protectedAsWritten.get(part)) continue;
      const xml = this.pkg.readText(part);
      if (xml !== null) {
        const protectedXml = withSheetProtection(xml);
        if (protectedXml !== xml) this.pkg.write(part, protectedXml);
      }
    }
    if (this.styleBook?.changed) this.pkg.write(this.stylesPart, this.styleBook.serialize());
    if (this.reportOf !== null) this.writeReportProperties(this.reportOf);
    await writeZipInParallel(file, this.pkg.entries());
  }

  /**
   * Writes the workbook to `file` through a temporary file in the same folder, renamed over
   * the target once complete. A read-only target is refused before anything is written.
   */
  async save(file: string, label = file): Promise<void> {
    assertWritable(file, label);
    const temporary = path.join(
      path.dirname(file),
      `.${path.basename(file)}.${process.pid}.gongfang-tmp`,
    );
    try {
      await this.writeTo(temporary);
      fs.renameSync(temporary, file);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      if (error instanceof WorkbookFileError) throw error;
      throw new WorkbookFileError('cliCannotWrite', { file: label, detail: errorDetail(error) });
    }
  }

  // ---- reading ----

  private findSheet(names: readonly string[]): SheetEntry | undefined {
    return findSheet(this.sheets, names);
  }

  /** The sheet part's bytes as they will be written: read by the scanner without decoding. */
  private sheetBytes(sheet: SheetEntry): Buffer {
    const editor = this.editors.get(sheet.part);
    if (editor) return Buffer.concat(editor.toParts());
    return this.pkg.read(sheet.part) ?? Buffer.alloc(0);
  }

  private sheetXml(sheet: SheetEntry): string {
    const editor = this.editors.get(sheet.part);
    if (editor) return editor.toXml();
    return this.pkg.readText(sheet.part) ?? '';
  }

  private sheetCells(sheet: SheetEntry, withNotes: boolean): SheetCells {
    let cells = this.cells.get(sheet.part);
    if (!cells) {
      const xml = this.sheetBytes(sheet);
      const dateStyles = new Map<number, boolean>();
      const values = readingPart(this.pkg.label, sheet.part, () =>
        readSparseCells(xml, this.readContext(dateStyles)),
      );
      blankMergedCells(values, xml);
      cells = { values, notes: null, dateStyles };
      this.cells.set(sheet.part, cells);
    }
    if (withNotes && cells.notes === null) {
      const part = this.pkg.targets(sheet.part, REL.comments)[0];
      const xml = part ? this.pkg.readText(part) : null;
      cells.notes =
        xml && part ? readingPart(this.pkg.label, part, () => readComments(xml)) : new Map();
    }
    return cells;
  }

  /** What the sheet reader asks of the workbook; `dateStyles` remembers its answers. */
  private readContext(dateStyles: Map<number, boolean>): SheetReadContext {
    return {
      sharedStrings: () => (this.sharedStrings ??= this.readSharedStrings()),
      isDateStyle: (index) => {
        let isDate = dateStyles.get(index);
        if (isDate === undefined) dateStyles.set(index, (isDate = this.styles().isDate(index)));
        return isDate;
      },
      date1904: this.date1904,
      timeZone: this.options.timeZone,
    };
  }

  private readSharedStrings(): string[] {
    const part = this.pkg.targets(this.workbookPart, REL.sharedStrings)[0];
    const xml = part ? this.pkg.readText(part) : null;
    return xml && part ? readingPart(this.pkg.label, part, () => readSharedStrings(xml)) : [];
  }

  private styles(): StyleBook {
    if (!this.styleBook) {
      let xml = this.stylesPart ? this.pkg.readText(this.stylesPart) : null;
      if (xml === null) {
        this.stylesPart = 'xl/styles.xml';
        xml = MINIMAL_STYLES;
        this.pkg.write(this.stylesPart, xml);
        this.pkg.setContentType(this.stylesPart, CONTENT_TYPE.styles);
        this.pkg.addRelationship(this.workbookPart, REL.styles, this.stylesPart);
      }
      const styles = xml;
      this.styleBook = readingPart(this.pkg.label, this.stylesPart, () => new StyleBook(styles));
    }
    return this.styleBook;
  }

  private writeContext() {
    return {
      timeZone: this.options.timeZone,
      date1904: this.date1904,
      style: (style: CellStyle) => this.styles().derive(0, style),
    };
  }

  private settingsLanguage(): Lang | null {
    const settings = this.readTab(namesOf(SETTINGS));
    const languageKey = SETTING_KEYS.find((key) => key.key === 'language');
    if (!settings || !languageKey) return null;
    for (const row of settings.values.slice(1)) {
      const [key, value] = row;
      if (typeof key !== 'string' || findTerm([languageKey], key) === undefined) continue;
      // Read as Settings is everywhere (languageSetting): a value it does not know (汉语, fr)
      // is warned about by Check and falls back below, not taken for English.
      if (typeof value === 'string' && value.trim() !== '') return languageSetting(value) ?? null;
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

  // ---- the workbook part ----

  private editor(sheet: SheetEntry): SheetEditor {
    let editor = this.editors.get(sheet.part);
    if (!editor) {
      editor = new SheetEditor(this.pkg.read(sheet.part) ?? EMPTY_SHEET);
      this.editors.set(sheet.part, editor);
    }
    return editor;
  }

  /** After a write to a tab: its cells are read again when asked. */
  /** The tab's values (or headers) were written: read again when asked for. */
  private touched(sheet: SheetEntry): void {
    this.cells.delete(sheet.part);
    this.valuesEdited.add(sheet.part);
    this.changed = true;
  }

  private addSheet(name: string, xml: string): SheetEntry {
    const part = this.pkg.freeName('xl/worksheets/sheet', '.xml');
    this.pkg.write(part, xml);
    this.pkg.setContentType(part, CONTENT_TYPE.worksheet);
    const rId = this.pkg.addRelationship(this.workbookPart, REL.worksheet, part);
    const sheetId = String(Math.max(0, ...this.sheets.map((s) => Number(s.sheetId) || 0)) + 1);
    const workbookXml = this.pkg.readText(this.workbookPart) ?? '';
    const rPrefix = prefixFor(workbookXml, RELATIONSHIPS_NS);
    const mainPrefix = /<([\w.-]+:)?workbook[\s>]/.exec(workbookXml)?.[1] ?? '';
    const idAttribute = rPrefix === null ? `xmlns:r="${RELATIONSHIPS_NS}" r:id` : `${rPrefix}id`;
    const element = `<${mainPrefix}sheet name="${escapeAttribute(name)}" sheetId="${sheetId}" ${idAttribute}="${rId}"/>`;
    this.pkg.write(
      this.workbookPart,
      insertBeforeClose(sheetsOnly(workbookXml), 'sheets', element) + afterSheets(workbookXml),
    );
    const entry = { name, sheetId, rId, part };
    this.sheets.push(entry);
    this.recordTitle(name);
    return entry;
  }

  private renameSheet(sheet: SheetEntry, name: string): void {
    const workbookXml = this.pkg.readText(this.workbookPart) ?? '';
    for (const element of findElements(workbookXml, 'sheet')) {
      if (attribute(element.text, 'sheetId') !== sheet.sheetId) continue;
      const renamed = withAttribute(element.text, 'name', name);
      this.pkg.write(
        this.workbookPart,
        workbookXml.slice(0, element.start) + renamed + workbookXml.slice(element.end),
      );
      break;
    }
    sheet.name = name;
  }

  /** docProps/app.xml lists the sheet titles; a new sheet joins the worksheets' count. */
  private recordTitle(name: string): void {
    const app = this.pkg.readText('docProps/app.xml');
    if (app === null) return;
    const pairs = findElement(app, 'HeadingPairs');
    const titles = findElement(app, 'TitlesOfParts');
    if (!pairs || !titles) return;
    const count = /<vt:i4>(\d+)<\/vt:i4>/.exec(pairs.text);
    const vector = findElement(titles.text, 'vector');
    // Only the usual layout, worksheets first and counted right, is extended.
    if (!count || !vector || Number(count[1]) !== this.sheets.length - 1) return;
    const worksheets = Number(count[1]);
    const startTag = /^<[^>]*>/.exec(vector.text)?.[0] ?? '';
    const items = findElements(vector.text, 'lpstr');
    const insertAt =
      worksheets > 0 ? (items[worksheets - 1]?.end ?? startTag.length) : startTag.length;
    const size = Number(attribute(startTag, 'size') ?? 0) + 1;
    const newVector =
      withAttribute(startTag, 'size', String(size)) +
      vector.text.slice(startTag.length, insertAt) +
      `<vt:lpstr>${escapeText(name)}</vt:lpstr>` +
      vector.text.slice(insertAt);
    const newTitles =
      titles.text.slice(0, vector.start) + newVector + titles.text.slice(vector.end);
    const newPairs = pairs.text.replace(/<vt:i4>\d+<\/vt:i4>/, `<vt:i4>${worksheets + 1}</vt:i4>`);
    const updated =
      app.slice(0, pairs.start) +
      newPairs +
      app.slice(pairs.end, titles.start) +
      newTitles +
      app.slice(titles.end);
    this.pkg.write('docProps/app.xml', updated);
  }

  /**
   * Before a generated tab is rewritten: its own relationships and the parts only it used
   * (drawings, charts, comments) go, and calcChain.xml goes when it lists the sheet.
   */
  private dropSheetParts(sheet: SheetEntry): void {
    const owned = new Set<string>();
    const collect = (source: string) => {
      for (const rel of this.pkg.relationships(source)) {
        if (rel.external) continue;
        const target = resolveTarget(source, rel.target);
        if (owned.has(target)) continue;
        owned.add(target);
        collect(target);
      }
    };
    collect(sheet.part);
    const stillUsed = new Set<string>();
    for (const name of this.pkg.names()) {
      if (!name.endsWith('.rels') || name === relsPathOf(sheet.part)) continue;
      const source = sourceOfRels(name);
      if (owned.has(source)) continue;
      for (const target of this.pkg.relationships(source)) {
        if (!target.external) stillUsed.add(resolveTarget(source, target.target));
      }
    }
    for (const part of owned) {
      if (stillUsed.has(part)) continue;
      this.pkg.remove(part);
      this.pkg.remove(relsPathOf(part));
      this.pkg.removeContentType(part);
    }
    this.pkg.remove(relsPathOf(sheet.part));
    this.dropCalcChainFor(sheet);
  }

  private dropCalcChainFor(sheet: SheetEntry): void {
    const rel = this.pkg.relationships(this.workbookPart).find((r) => r.type === REL.calcChain);
    if (!rel) return;
    const part = resolveTarget(this.workbookPart, rel.target);
    const xml = this.pkg.readText(part) ?? '';
    if (!new RegExp(`\\si="${sheet.sheetId}"`).test(xml)) return;
    this.pkg.remove(part);
    this.pkg.removeContentType(part);
    this.pkg.removeRelationships(this.workbookPart, new Set([rel.id]));
  }

  // ---- Check's marks ----

  private paintMarks(
    sheet: SheetEntry,
    cells: readonly { row: number; column: number; mark: boolean }[],
  ): void {
    const editor = this.editor(sheet);
    const styles = this.styles();
    const byRow = new Map<number, Map<number, CellEdit>>();
    for (const cell of cells) {
      const edits = byRow.get(cell.row) ?? new Map<number, CellEdit>();
      byRow.set(cell.row, edits);
      edits.set(cell.column, (existing, ref) => {
        const current = styleOfCell(existing) ?? editor.columnStyle(cell.column) ?? 0;
        let style = current;
        if (cell.mark && !styles.hasFill(current, MARK_FILL))
          style = styles.marked(current, MARK_FILL);
        if (!cell.mark && styles.hasFill(current, MARK_FILL)) style = styles.unmarked(current);
        if (existing === undefined)
          return cellXml(editor.prefix, ref, '', style, this.writeContext());
        return restyle(existing, style);
      });
    }
    for (const [row, edits] of byRow) editor.editRow(row, edits);
  }

  private writeNotes(sheet: SheetEntry, changes: ReadonlyMap<string, NoteChange>): void {
    const editor = this.editor(sheet);
    let commentsPart = this.pkg.targets(sheet.part, REL.comments)[0];
    if (!commentsPart) {
      const hasMark = [...changes.values()].some((change) => 'mark' in change);
      if (!hasMark) return;
      commentsPart = this.pkg.freeName('xl/comments', '.xml');
      this.pkg.write(commentsPart, EMPTY_COMMENTS);
      this.pkg.setContentType(commentsPart, CONTENT_TYPE.comments);
      this.pkg.addRelationship(sheet.part, REL.comments, commentsPart);
    }
    const written = new Set<string>();
    const removed = new Set<string>();
    const xml = editComments(
      this.pkg.readText(commentsPart) ?? EMPTY_COMMENTS,
      changes,
      written,
      removed,
    );
    this.pkg.write(commentsPart, xml);
    if (written.size === 0 && removed.size === 0) return;
    const vmlId = editor.legacyDrawingId();
    const vmlRel = vmlId
      ? this.pkg.relationships(sheet.part).find((rel) => rel.id === vmlId)
      : undefined;
    let vmlPart = vmlRel ? resolveTarget(sheet.part, vmlRel.target) : undefined;
    if (!vmlPart) {
      const blocks = usedIdBlocks(
        this.pkg
          .names()
          .filter((name) => name.endsWith('.vml'))
          .map((name) => this.pkg.readText(name) ?? ''),
      );
      vmlPart = this.pkg.freeName('xl/drawings/vmlDrawing', '.vml');
      this.pkg.write(vmlPart, emptyVml(Math.max(0, ...blocks) + 1));
      this.pkg.setDefaultContentType('vml', CONTENT_TYPE.vml);
      const id = this.pkg.addRelationship(sheet.part, REL.vmlDrawing, vmlPart);
      // The root's start tag is in the head: not the whole sheet joined (312 MB at 1,000,000 rows).
      const rPrefix = prefixFor(editor.headXml(), RELATIONSHIPS_NS);
      editor.setLegacyDrawing(rPrefix === null ? `xmlns:r="${RELATIONSHIPS_NS}" r:` : rPrefix, id);
    }
    const position = (ref: string) => {
      const match = /^([A-Z]+)(\d+)$/.exec(ref);
      return { row: Number(match?.[2]), column: columnNumber(match?.[1] ?? 'A') };
    };
    const vml = this.pkg.readText(vmlPart) ?? emptyVml(1);
    this.pkg.write(vmlPart, editVml(vml, [...written].map(position), [...removed].map(position)));
  }

  // ---- Set up ----

  private applySetup(sheet: SheetEntry, setup: TabSetup): void {
    const editor = this.editor(sheet);
    const styles = this.styles();
    const header = new Map<number, (existing: string | undefined, ref: string) => string>();
    const newText = new Map(setup.newHeaders.map((h) => [h.column, h.text]));
    const formatted = new Set(
      setup.columns.filter((c) => c.numberFormat !== undefined).map((c) => c.column),
    );
    const lastColumn = Math.max(setup.headerWidth, ...newText.keys());
    for (let column = 1; column <= lastColumn; column += 1) {
      const text = newText.get(column);
      const bold = column <= setup.headerWidth;
      if (text === undefined && !bold) continue;
      header.set(column, (existing, ref) => {
        let style = styleOfCell(existing) ?? editor.columnStyle(column) ?? 0;
        const change: CellStyle = {
          ...(bold ? { bold: true } : {}),
          ...(text !== undefined || formatted.has(column) ? { numFmt: NUMBER_FORMATS.text } : {}),
        };
        if (change.bold !== undefined || change.numFmt !== undefined)
          style = styles.derive(style, change);
        if (text !== undefined)
          return cellXml(editor.prefix, ref, text, style, this.writeContext());
        return existing === undefined
          ? cellXml(editor.prefix, ref, '', style, this.writeContext())
          : restyle(existing, style);
      });
    }
    editor.editRow(1, header);
    editor.freezeRows(1);
    this.touched(sheet);
    const values = this.sheetCells(sheet, false).values;
    const lastRow = Math.max(lastRowOf(values), 1) + VALIDATION_HEADROOM_ROWS;
    for (const column of setup.columns) this.applyColumnSetup(editor, column, lastRow, values);
    editor.growDimension(1, lastColumn);
    this.touched(sheet);
  }

  private applyColumnSetup(
    editor: SheetEditor,
    setup: ColumnSetup,
    lastRow: number,
    values: SparseCells,
  ): void {
    const styles = this.styles();
    const set: Record<string, string> = {};
    // Staff's own widths are theirs; a column at the default width gets one that shows its content.
    const sized = setup.width !== undefined && !editor.columnHasWidth(setup.column);
    if (sized) {
      set.width = String(pixelsToCharacters(setup.width));
      set.customWidth = '1';
    }
    const format = setup.numberFormat;
    // A long name or product wraps in the width Gongfang gave it (a row without a stored height
    // grows): it printed cut at the next filled column.
    const change: CellStyle = {
      ...(format === undefined ? {} : { numFmt: format }),
      ...(setup.wrapWhereSized === true && sized ? { wrap: true } : {}),
    };
    if (Object.keys(change).length > 0) {
      // The column's own style is what Excel gives cells typed later; existing data cells too.
      set.style = String(styles.derive(editor.columnStyle(setup.column) ?? 0, change));
      for (const row of editor.rowsWithCellIn(setup.column, 2)) {
        // A row already there is stored as tall as its wrapped text: no spreadsheet grows it.
        const text = values.get(row)?.[setup.column - 1];
        const lines =
          change.wrap && typeof text === 'string' ? wrappedLines(text, setup.width ?? 0) : 1;
        editor.editRow(
          row,
          new Map([
            [
              setup.column,
              (existing: string | undefined) =>
                restyle(existing ?? '', styles.derive(styleOfCell(existing) ?? 0, change)),
            ],
          ]),
          lines > 1 ? wrappedRowPoints(lines) : undefined,
        );
      }
    }
    if (Object.keys(set).length > 0) editor.setColumn(setup.column, set);
    if (setup.validation) {
      const letter = columnLetter(setup.column);
      editor.setColumnValidation(
        setup.column,
        validationXml(editor.prefix, setup, `${letter}2:${letter}${lastRow}`, lastRow),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * workbook.xml with the sheet-local defined name `name` set to `value` (or removed when null).
 * <definedNames> follows <sheets>, <functionGroups> and <externalReferences> (CT_Workbook).
 */
export function withDefinedName(
  workbookXml: string,
  name: string,
  localSheetId: number,
  value: string | null,
  options: { readonly hidden?: boolean } = {},
): string {
  const prefix = /<([\w.-]+:)?workbook[\s>]/.exec(workbookXml)?.[1] ?? '';
  let text = workbookXml;
  const list = findElement(text, 'definedNames');
  if (list) {
    const inner = findElements(list.text.replace(/^<[^>]*>/, ''), 'definedName');
    const kept = inner.filter(
      (element) =>
        !(
          attribute(element.text, 'name') === name &&
          attribute(element.text, 'localSheetId') === String(localSheetId)
        ),
    );
    if (kept.length !== inner.length) {
      const body = kept.map((element) => element.text).join('');
      const startTag = /^<[^>]*>/.exec(list.text)?.[0] ?? `<${prefix}definedNames>`;
      const replaced = body === '' ? '' : `${startTag}${body}</${prefix}definedNames>`;
      text = text.slice(0, list.start) + replaced + text.slice(list.end);
    }
  }
  if (value === null) return text;
  const hidden = options.hidden === true ? ' hidden="1"' : '';
  const element = `<${prefix}definedName name="${name}" localSheetId="${localSheetId}"${hidden}>${escapeText(value)}</${prefix}definedName>`;
  const existing = findElement(text, 'definedNames');
  if (existing) {
    const grown = insertBeforeClose(existing.text, 'definedNames', element);
    return text.slice(0, existing.start) + grown + text.slice(existing.end);
  }
  const anchor = /<\/(?:[\w.-]+:)?(?:externalReferences|functionGroups|sheets)>/g;
  let at = -1;
  for (let match = anchor.exec(text); match; match = anchor.exec(text)) {
    at = match.index + match[0].length;
  }
  if (at < 0) return text;
  return `${text.slice(0, at)}<${prefix}definedNames>${element}</${prefix}definedNames>${text.slice(at)}`;
}

/** ISO/IEC 29500 Strict: its own namespaces and relationship types throughout. */
const STRICT_NAMESPACE = 'http://purl.oclc.org/ooxml/';

/**
 * A Strict Open XML workbook is refused: Gongfang writes transitional parts, relationships and
 * content types, and a Strict package with those mixed in is neither one nor the other.
 */
function refuseStrict(pkg: XlsxPackage, workbookPart: string, workbookXml: string): void {
  const root = /<(?![?!])[^>]*>/.exec(workbookXml)?.[0] ?? '';
  const strictRelationship = pkg
    .relationships('')
    .some((rel) => rel.type.startsWith(STRICT_NAMESPACE) && rel.type.endsWith('/officeDocument'));
  if (strictRelationship || root.includes(`"${STRICT_NAMESPACE}spreadsheetml/main"`)) {
    throw new PackageRefused('strict', workbookPart);
  }
}

function sheetsOnly(workbookXml: string): string {
  const close = /<\/(?:[\w.-]+:)?sheets>/.exec(workbookXml);
  return close ? workbookXml.slice(0, close.index + close[0].length) : workbookXml;
}

function afterSheets(workbookXml: string): string {
  const close = /<\/(?:[\w.-]+:)?sheets>/.exec(workbookXml);
  return close ? workbookXml.slice(close.index + close[0].length) : '';
}

function sourceOfRels(relsPath: string): string {
  const match = /^(.*?)_rels\/([^/]*)\.rels$/.exec(relsPath);
  return match ? `${match[1]}${match[2]}` : '';
}

/** Excel's tallest row (409 pt): a taller stored height makes Excel repair the file. */
const TALLEST_ROW_POINTS = 409;

/** The stored height of a row whose wrapped text takes `lines` lines (sheetWriter's × 0.75). */
function wrappedRowPoints(lines: number): number {
  return Math.min(TALLEST_ROW_POINTS, Math.round(rowHeightFor(lines) * 0.75 * 100) / 100);
}

function styleOfCell(cell: string | undefined): number | undefined {
  if (cell === undefined) return undefined;
  const s = attribute(cell.slice(0, cell.indexOf('>') + 1), 's');
  return s === undefined ? undefined : Number(s);
}

/** The cell with its style index set (0 drops the attribute). */
function restyle(cell: string, style: number): string {
  const end = cell.indexOf('>') + 1;
  let tag = cell.slice(0, end);
  tag = style === 0 ? tag.replace(/\ss="[^"]*"/, '') : withAttribute(tag, 's', String(style));
  return tag + cell.slice(end);
}

function lastRowOf(values: SparseCells): number {
  let last = 0;
  for (const [row, cells] of values) if (row > last && cells.some((v) => v !== '')) last = row;
  return last;
}

/** Only the top-left cell of a merge holds a value, as in Google Sheets. */
function blankMergedCells(values: SparseCells, xml: Buffer): void {
  // <mergeCells> follows <sheetData>: only the tail of a big sheet is decoded and searched.
  const tail = xml.toString('utf8', Math.max(0, xml.lastIndexOf('sheetData>')));
  const mergeCells = findElement(tail, 'mergeCells');
  if (!mergeCells) return;
  for (const merge of readMerges(mergeCells.text)) {
    for (const [row, cells] of values) {
      if (row < merge.top || row > merge.bottom) continue;
      for (let column = merge.left; column <= Math.min(merge.right, cells.length); column += 1) {
        if (row === merge.top && column === merge.left) continue;
        if (cells[column - 1] !== undefined) delete cells[column - 1];
      }
    }
  }
}

/**
 * The tab as the port hands it over: rectangular from A1 to the last used cell. A very sparse
 * tab (a stray value far out) gets rows only as long as their own cells, so memory follows the
 * cells used; readers take a missing cell as empty. The rows `left` out read as empty.
 */
function tabContents(
  name: string,
  values: SparseCells,
  notes: Map<string, string> | null,
  left: ReadonlySet<number>,
): TabContents {
  let lastRow = 0;
  let lastColumn = 0;
  let used = 0;
  // Map.forEach, not for…of over its entries: no entry array per row (a million rows).
  values.forEach((cells, row) => {
    let rowLast = 0;
    for (let index = 0; index < cells.length; index += 1) {
      const value = cells[index];
      if (value !== undefined && value !== '') {
        rowLast = index + 1;
        used += 1;
      }
    }
    if (rowLast > 0) {
      lastRow = Math.max(lastRow, row);
      lastColumn = Math.max(lastColumn, rowLast);
    }
  });
  const notePositions: { row: number; column: number; text: string }[] = [];
  for (const [ref, text] of notes ?? []) {
    const match = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!match || text === '') continue;
    const position = { row: Number(match[2]), column: columnNumber(match[1] ?? ''), text };
    notePositions.push(position);
    lastRow = Math.max(lastRow, position.row);
    lastColumn = Math.max(lastColumn, position.column);
  }
  const dense = lastRow * lastColumn <= Math.max(8 * (used + notePositions.length), 2_000_000);
  const emptyRow: CellValue[] = [];
  const rows: CellValue[][] = [];
  // The rows by number in one pass over the map: a lookup per row number cost a tenth of
  // reading a million-row tab.
  const byRow = new Array<CellValue[] | undefined>(
    lastRow >= 1 ? Math.min(Math.floor(lastRow), 2 ** 32 - 1) : 0,
  );
  values.forEach((cells, row) => {
    if (Number.isInteger(row) && row >= 1 && row <= lastRow) byRow[row - 1] = cells;
  });
  for (let row = 1; row <= lastRow; row += 1) {
    const cells = left.has(row) ? undefined : byRow[row - 1];
    const width = dense ? lastColumn : Math.min(cells?.length ?? 0, lastColumn);
    if (!cells && !dense) {
      rows.push(emptyRow);
      continue;
    }
    rows.push(cells !== undefined && isPacked(cells, width) ? cells : filledRow(cells, width));
  }
  if (notes === null) return { name, values: rows };
  const noNotes: string[] = [];
  const noteRows: string[][] = rows.map((row) =>
    row.length === 0 ? noNotes : new Array<string>(row.length).fill(''),
  );
  for (const note of notePositions) {
    let row = noteRows[note.row - 1];
    if (!row) continue;
    if (row === noNotes) noteRows[note.row - 1] = row = [];
    while (row.length < note.column) row.push('');
    row[note.column - 1] = note.text;
    const valueRow = rows[note.row - 1];
    if (valueRow && valueRow.length < note.column) {
      const padded = [...valueRow];
      while (padded.length < note.column) padded.push('');
      rows[note.row - 1] = padded;
    }
  }
  return { name, values: rows, notes: noteRows };
}

/**
 * True when the row as read is already `width` cells with no hole: it is handed over as it is
 * (the reader keeps it unchanged until the tab is written), not copied.
 */
function isPacked(cells: readonly CellValue[], width: number): boolean {
  if (cells.length !== width) return false;
  for (let column = 0; column < width; column += 1) {
    if (cells[column] === undefined) return false;
  }
  return true;
}

function filledRow(cells: readonly CellValue[] | undefined, width: number): CellValue[] {
  const out = new Array<CellValue>(width);
  for (let column = 0; column < width; column += 1) out[column] = cells?.[column] ?? '';
  return out;
}

function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function validationXml(prefix: string, setup: ColumnSetup, sqref: string, lastRow: number): string {
  const rule = setup.validation as ValidationRule;
  const attrs: string[] = [];
  let formula: string;
  switch (rule.kind) {
    case 'list':
      attrs.push('type="list"');
      formula = `"${rule.values.map((value) => value.replace(/"/g, '""')).join(',')}"`;
      break;
    case 'fromColumn': {
      const letter = columnLetter(rule.column);
      attrs.push('type="list"');
      formula = `${quoteSheetName(rule.tab)}!$${letter}$2:$${letter}$${lastRow}`;
      break;
    }
    case 'wholeNumber':
      attrs.push('type="whole"', 'operator="greaterThanOrEqual"');
      formula = String(rule.min);
      break;
    case 'number':
      attrs.push('type="decimal"', 'operator="greaterThanOrEqual"');
      formula = String(rule.min);
      break;
    case 'date':
      // Serial 1 is 1900-01-01: any date.
      attrs.push('type="date"', 'operator="greaterThan"');
      formula = '1';
      break;
    case 'checkbox':
      // Excel has no checkbox validation; TRUE/FALSE is what a Sheets checkbox exports as.
      attrs.push('type="list"');
      formula = '"TRUE,FALSE"';
      break;
  }
  if (setup.allowInvalid) attrs.push('errorStyle="warning"');
  attrs.push('allowBlank="1"', 'showErrorMessage="1"');
  if (setup.helpText) {
    attrs.push(
      'showInputMessage="1"',
      `error="${escapeAttribute(setup.helpText)}"`,
      `prompt="${escapeAttribute(setup.helpText)}"`,
    );
  }
  attrs.push(`sqref="${sqref}"`);
  return `<${prefix}dataValidation ${attrs.join(' ')}><${prefix}formula1>${escapeText(formula)}</${prefix}formula1></${prefix}dataValidation>`;
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
    throw new WorkbookFileError('cliFolderMissing', { file: label });
  }
  try {
    fs.accessSync(folder, fs.constants.W_OK);
    if (statOrNull(file)) fs.accessSync(file, fs.constants.W_OK);
  } catch {
    throw new WorkbookFileError('cliReadOnly', { file: label });
  }
}

/** `work` for a number, done once per number asked. */
function remembered(work: (key: number) => number): (key: number) => number {
  const known = new Map<number, number>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) known.set(key, (value = work(key)));
    return value;
  };
}
