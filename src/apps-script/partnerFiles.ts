/**
 * 更新合作单位报表 / Update partner reports in Sheets: each partner whose Report is yes gets a
 * spreadsheet of its own (never the workshop's sheet), rewritten on every run and shared as
 * viewer with the addresses in Share emails.
 *
 * Only access Gongfang gave is ever taken away. What it gave, how many rows it wrote on each tab
 * and the IDs of the sheets it wrote are remembered per file in the document properties of the
 * workshop's sheet (one getProperties and at most one setProperties a run): staff cannot edit
 * them by mistake, and partners, who never see the workshop's sheet, cannot see whom else a
 * report is shared with. https://developers.google.com/apps-script/guides/properties
 *
 * Service calls per partner, whatever the size of the ledger, with the Sheets advanced service
 * (partnerSheetsApi.ts): a first run 1 (create, with every tab), an update 1 (batchUpdate; 2
 * more, a get and a second batch, when the memory is missing or behind the file). Sharing
 * changes add openById, getViewers (only when someone is to be added to a file that existed),
 * addViewers, and one removeViewer each.
 *
 * Without the advanced service (not enabled in the manifest) SpreadsheetApp does it all: an
 * update of the same month 11 (open, then per tab: find, range, formats, values, weights); a
 * new month's statement tab is inserted without a lookup and sized once; a first run up to 21.
 */
import type { GeneratedTab } from '../workbook/port';
import { drawForPrinting } from './printing';
import { NUMBER_FORMATS } from '../workbook/port';
import type { PartnerReport, PartnerReports } from '../features/partnerReports';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import { PARTNERS, labelOf } from '../workbook/layout';
import { progressTabName, statementTabName } from '../features/reports/partnerTabs';
import { createFile, rewriteFile, sheetsService } from './partnerSheetsApi';
import type { NewFile, SheetIds } from './partnerSheetsApi';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;

/** Property key prefix; the rest of the key is the report's spreadsheet ID. */
export const FILE_MEMORY_PREFIX = 'gongfang.partnerReport.';

/** What Gongfang remembers of one partner's spreadsheet. */
export interface FileMemory {
  /** Addresses Gongfang shared the file with (lower case). */
  readonly given: readonly string[];
  /** Rows written on each tab, so a rewrite covers the old rows without clearing first. */
  readonly rows: Readonly<Record<string, number>>;
  /** The sheet ID of each tab written through the Sheets API (absent: none yet). */
  readonly sheets?: SheetIds;
}

export interface PartnerOutcome {
  readonly partner: string;
  readonly url: string;
  readonly created: boolean;
  readonly shared: readonly string[];
  readonly unshared: readonly string[];
  /** Set when this partner's report could not be written. */
  readonly failed: string | null;
  readonly emailsIgnored: boolean;
  readonly reopenFailed: string | null;
  /** The report was written and its link saved, but sharing failed: why (a partial success). */
  readonly shareFailed: string | null;
  /** Colleagues (the workshop sheet's editors) given edit access to a file made in this run. */
  readonly colleagues: readonly string[];
  /** The linked file exists but whoever ran this may not change it: nothing was made instead. */
  readonly noAccess: boolean;
}

/**
 * The linked file exists but whoever runs this cannot open or change it (a colleague made it in
 * their Drive and did not share it): never a reason to make a second file for the partner.
 */
export class NoAccessError extends Error {}

/**
 * Whether a failure to reach a file means the current user may not, rather than that the file is
 * gone. The Sheets API answers 403 "The caller does not have permission" (PERMISSION_DENIED), and
 * openById "You do not have permission to access the requested document." (reported wordings;
 * a deleted or trashed file is "Requested entity was not found." / a failed openById).
 */
export function isNoAccess(message: string): boolean {
  return /permission|PERMISSION_DENIED|\b403\b|没有权限|无权/i.test(message);
}

export function reportUrl(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

/** The spreadsheet ID in a link Gongfang wrote (or a bare ID pasted by staff); null if none. */
export function spreadsheetIdOf(link: string): string | null {
  const text = link.trim();
  const inUrl = /\/spreadsheets\/d\/([A-Za-z0-9_-]{20,})/.exec(text);
  if (inUrl) return inUrl[1] ?? null;
  return /^[A-Za-z0-9_-]{20,}$/.test(text) ? text : null;
}

export function parseMemory(text: string | undefined): FileMemory | null {
  if (text === undefined) return null;
  try {
    const value = JSON.parse(text) as Partial<FileMemory>;
    const given = Array.isArray(value.given)
      ? value.given.filter((e) => typeof e === 'string')
      : [];
    const rows: Record<string, number> = {};
    for (const [tab, n] of Object.entries(value.rows ?? {})) {
      if (typeof n === 'number' && Number.isInteger(n) && n >= 0) rows[tab] = n;
    }
    const sheets: Record<string, number> = {};
    for (const [tab, id] of Object.entries(value.sheets ?? {})) {
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) sheets[tab] = id;
    }
    return Object.keys(sheets).length > 0 ? { given, rows, sheets } : { given, rows };
  } catch {
    return null;
  }
}

/** Where a report file is made: the partner's locale and the workshop's time zone. */
export type FilePlace = Omit<NewFile, 'title'>;

/** What writing a report's tabs did, whichever service did it. */
interface Written {
  readonly id: string;
  readonly created: boolean;
  readonly reopenFailed: string | null;
  readonly rows: Record<string, number>;
  /** Sheet IDs written through the Sheets API (undefined: SpreadsheetApp wrote the tabs). */
  readonly sheets: SheetIds | undefined;
  /** The file in SpreadsheetApp, opened only when sharing has something to change. */
  readonly open: () => Spreadsheet;
}

/** One partner's report written (not yet shared): the outcome so far, and how to share it. */
export interface WrittenReport {
  outcome: Mutable<PartnerOutcome>;
  /** Sharing still to do, once the link and memory are saved; null when the write failed. */
  readonly share: ((colleagues: () => readonly string[]) => void) | null;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Writes one partner's report and records what it wrote in `memories`; sharing is left for
 * sharePartner, which runs after the links and memories are saved, so a sharing failure (a
 * Workspace policy against outside addresses) never loses the file it was made for.
 */
export function writePartner(
  report: PartnerReport,
  memories: Map<string, FileMemory>,
  place: FilePlace,
  refused: string | null = null,
): WrittenReport {
  const outcome: Mutable<PartnerOutcome> = {
    partner: report.partner,
    url: '',
    created: false,
    shared: [],
    unshared: [],
    failed: null,
    emailsIgnored: !report.shareEmailsReadable,
    reopenFailed: null,
    shareFailed: null,
    colleagues: [],
    noAccess: false,
  };
  let written: Written;
  try {
    if (refused !== null) throw new Error(refused);
    const api = sheetsService();
    written = api
      ? writeWithApi(api, report, memories, place)
      : writeWithSpreadsheetApp(report, memories);
  } catch (error) {
    outcome.failed = error instanceof Error ? error.message : String(error);
    if (error instanceof NoAccessError) {
      outcome.noAccess = true;
      outcome.url = reportUrl(spreadsheetIdOf(report.reportLink) ?? '');
    }
    return { outcome, share: null };
  }
  outcome.created = written.created;
  outcome.reopenFailed = written.reopenFailed;
  outcome.url = reportUrl(written.id);
  const known = written.created ? null : (memories.get(written.id) ?? null);
  const sheets = { ...(known?.sheets ?? {}), ...(written.sheets ?? {}) };
  memories.set(written.id, {
    given: known?.given ?? [],
    rows: { ...(known?.rows ?? {}), ...written.rows },
    ...(Object.keys(sheets).length > 0 ? { sheets } : {}),
  });
  const shareFile = (colleagues: () => readonly string[]): void => {
    try {
      if (written.created) outcome.colleagues = shareWithColleagues(written.open, colleagues());
      if (!report.shareEmailsReadable) return;
      const memory = memories.get(written.id) as FileMemory;
      const sharing = share(written.open, report.shareEmails, memory.given, written.created);
      outcome.shared = sharing.added;
      outcome.unshared = sharing.removed;
      memories.set(written.id, { ...memory, given: sharing.given });
      if (sharing.refused !== null) throw sharing.refused;
    } catch (error) {
      outcome.shareFailed = error instanceof Error ? error.message : String(error);
    }
  };
  return { outcome, share: shareFile };
}

/**
 * A report made in this run is shared with the workshop sheet's editors as editors, so that a
 * colleague running the update next time can rewrite it (it sits in its maker's Drive). Whoever
 * runs this is one of them (they edit the sheet) and owns the file: adding the owner has no
 * effect, so when they are the only editor nothing is called.
 */
function shareWithColleagues(open: () => Spreadsheet, editors: readonly string[]): string[] {
  const colleagues = [...new Set(editors)].filter((e) => e !== '').sort();
  if (colleagues.length <= 1) return [];
  open().addEditors(colleagues);
  return colleagues;
}

function rowsOf(tabs: readonly GeneratedTab[]): Record<string, number> {
  return Object.fromEntries(tabs.map((tab) => [tab.name, tab.cells.length]));
}

/** Opens the file once, the first time sharing asks for it. */
function opener(id: string): () => Spreadsheet {
  let file: Spreadsheet | null = null;
  return () => (file ??= SpreadsheetApp.openById(id));
}

/** One batchUpdate of the linked file, or one create when there is none to reach. */
function writeWithApi(
  api: GoogleAppsScript.Sheets,
  report: PartnerReport,
  memories: ReadonlyMap<string, FileMemory>,
  place: FilePlace,
): Written {
  const rows = rowsOf(report.tabs);
  const id = spreadsheetIdOf(report.reportLink);
  let reopenFailed: string | null = null;
  if (id !== null) {
    const remembered = memories.get(id)?.sheets;
    const file = { ...report, formerNames: formerNames(report) };
    const rewritten = rewriteFile(api, id, file, remembered, place.timeZone);
    if (rewritten.written) {
      const sheets = rewritten.sheets;
      return { id, created: false, reopenFailed, rows, sheets, open: opener(id) };
    }
    // The file is there but not ours to change: a second file would leave the partner with two.
    if (isNoAccess(rewritten.why)) throw new NoAccessError(rewritten.why);
    // Deleted or trashed: a fresh report is better than none.
    reopenFailed = rewritten.why;
  }
  const made = createFile(api, { ...place, title: report.title }, report.tabs);
  return {
    id: made.id,
    created: true,
    reopenFailed,
    rows,
    sheets: made.sheets,
    open: opener(made.id),
  };
}

/** The same with SpreadsheetApp alone, when the advanced service is not enabled. */
function writeWithSpreadsheetApp(
  report: PartnerReport,
  memories: ReadonlyMap<string, FileMemory>,
): Written {
  const opened = openOrCreate(report);
  const known = opened.created ? { given: [], rows: {} } : (memories.get(opened.id) ?? null);
  const rows = writeTabs(opened.file, report, opened.created, known);
  // A partner renamed, or a language switched: the file's title follows (one call an update).
  if (!opened.created) opened.file.rename(report.title);
  return {
    id: opened.id,
    created: opened.created,
    reopenFailed: opened.reopenFailed,
    rows,
    sheets: undefined,
    open: () => opened.file,
  };
}

function openOrCreate(report: PartnerReport): {
  file: Spreadsheet;
  id: string;
  created: boolean;
  reopenFailed: string | null;
} {
  const id = spreadsheetIdOf(report.reportLink);
  let reopenFailed: string | null = null;
  if (id !== null) {
    try {
      return { file: SpreadsheetApp.openById(id), id, created: false, reopenFailed };
    } catch (error) {
      reopenFailed = error instanceof Error ? error.message : String(error);
      // There but not ours to open: never a second file for the partner.
      if (isNoAccess(reopenFailed)) throw new NoAccessError(reopenFailed);
      // Deleted or trashed: a fresh report is better than none.
    }
  }
  const file = SpreadsheetApp.create(report.title);
  return { file, id: file.getId(), created: true, reopenFailed };
}

/**
 * The report's tabs under the other language's names, in the order of its tabs. Once Settings'
 * language (or the partner's) is switched, the tabs a file has are renamed and rewritten: new
 * ones beside them would leave the partner a stale copy in the other language.
 */
function formerNames(report: PartnerReport): string[] {
  const other = report.lang === 'en' ? 'zh-CN' : 'en';
  return [progressTabName(other), statementTabName(report.statement.month, other)];
}

/** Progress first, then the month's statement (newest statements come right after Progress). */
function writeTabs(
  file: Spreadsheet,
  report: PartnerReport,
  created: boolean,
  memory: FileMemory | null,
): Record<string, number> {
  const rows: Record<string, number> = {};
  const former = formerNames(report);
  report.tabs.forEach((tab, index) => {
    const placed = placeTab(file, [tab.name, former[index] ?? ''], index, created, memory);
    if (placed.previousRows === null) placed.sheet.clear();
    writeGrid(placed.sheet, tab, placed.previousRows ?? 0);
    if (placed.isNew) {
      if (tab.frozenRows > 0) placed.sheet.setFrozenRows(tab.frozenRows);
      setColumnWidths(placed.sheet, tab.columnWidths);
    }
    rows[tab.name] = tab.cells.length;
  });
  return rows;
}

interface PlacedTab {
  readonly sheet: Sheet;
  readonly isNew: boolean;
  /** Rows on the tab before this run; null when unknown (the tab is then cleared). */
  readonly previousRows: number | null;
}

function placeTab(
  file: Spreadsheet,
  [name, former]: readonly [string, string],
  index: number,
  created: boolean,
  memory: FileMemory | null,
): PlacedTab {
  if (created && index === 0) {
    // A new spreadsheet has one empty sheet: it becomes Progress.
    const sheet = file.getSheets()[0] as Sheet;
    sheet.setName(name);
    return { sheet, isNew: true, previousRows: 0 };
  }
  const remembered = memory?.rows[name];
  if (memory !== null && remembered === undefined && memory.rows[former] === undefined) {
    try {
      return { sheet: file.insertSheet(name, index), isNew: true, previousRows: 0 };
    } catch {
      // The memory was behind (a run whose properties were not saved): look the tab up.
    }
  }
  const found = file.getSheetByName(name);
  if (found !== null) return { sheet: found, isNew: false, previousRows: remembered ?? null };
  // Under the other language's name: renamed, and cleared (what it held is not known here).
  const renamed = file.getSheetByName(former)?.setName(name);
  if (renamed) return { sheet: renamed, isNew: false, previousRows: null };
  return { sheet: file.insertSheet(name, index), isNew: true, previousRows: 0 };
}

/** Values, formats and weights in three calls over one range that also covers the old rows. */
function writeGrid(sheet: Sheet, tab: GeneratedTab, previousRows: number): void {
  const width = Math.max(1, ...tab.cells.map((row) => row.length));
  const height = Math.max(1, tab.cells.length, previousRows);
  const bold = new Set(tab.boldRows);
  const values: unknown[][] = [];
  const formats: string[][] = [];
  const weights: (FontWeight | null)[][] = [];
  for (let r = 0; r < height; r += 1) {
    const row = tab.cells[r] ?? [];
    values.push(Array.from({ length: width }, (_, c) => row[c] ?? ''));
    formats.push(
      Array.from({ length: width }, (_, c) => {
        const value = row[c];
        if (typeof value === 'string' && value !== '') return NUMBER_FORMATS.text;
        return tab.numberFormats[r]?.[c] || NUMBER_FORMATS.general;
      }),
    );
    weights.push(Array.from({ length: width }, () => (bold.has(r) ? 'bold' : null)));
  }
  const range = sheet.getRange(1, 1, height, width);
  range.setNumberFormats(formats);
  range.setValues(values);
  range.setFontWeights(weights);
  // Alignments, wraps and boxes of the printed page, as the month tabs and the advanced
  // service's GridData have them; an earlier version's lines go first (a shorter tab would
  // otherwise keep them on the rows below it).
  if (previousRows > 0) range.setBorder(false, false, false, false, false, false);
  drawForPrinting(sheet, range, tab, height, width);
}

function setColumnWidths(sheet: Sheet, widths: readonly number[]): void {
  let start = 0;
  while (start < widths.length) {
    let end = start;
    while (end + 1 < widths.length && widths[end + 1] === widths[start]) end += 1;
    sheet.setColumnWidths(start + 1, end - start + 1, widths[start] as number);
    start = end + 1;
  }
}

/**
 * Viewers as Share emails asks, changing only what Gongfang gave: an address already able to
 * see the file (shared by hand) is not recorded as given, so removing it from the cell later
 * leaves it alone. addViewer "has no effect" on editors, and removeViewer "has no effect if the
 * user is an editor". https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addViewer(String)
 */
function share(
  open: () => Spreadsheet,
  emails: readonly string[],
  given: readonly string[],
  created: boolean,
): { given: string[]; added: string[]; removed: string[]; refused: unknown } {
  const wanted = new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''));
  const had = new Set(given);
  const toAdd = [...wanted].filter((e) => !had.has(e));
  const removed = [...had].filter((e) => !wanted.has(e));
  // A file made just now has no viewers: nobody else can have shared it yet.
  const viewers = () =>
    new Set(
      open()
        .getViewers()
        .map((user) => user.getEmail().toLowerCase()),
    );
  const already = toAdd.length === 0 || created ? new Set<string>() : viewers();
  let added = toAdd.filter((e) => !already.has(e));
  // Removals first: an address added before a removal that fails would go unremembered, then
  // be taken for one shared by hand and never removed.
  for (const email of removed) open().removeViewer(email);
  let refused: unknown = null;
  try {
    if (added.length > 0) open().addViewers(added);
  } catch (error) {
    // Drive refused an address part way (a domain outside the Workspace's allow-list): those
    // shared before it are remembered, for the same reason; the others are tried next run.
    refused = error;
    const now = viewers();
    added = added.filter((e) => now.has(e));
  }
  const kept = [...had].filter((e) => wanted.has(e));
  return { given: [...kept, ...added].sort(), added, removed, refused };
}

/**
 * The links into the Partners tab, in one block over the rows that changed (and the rows
 * between, rewritten as they were). A missing link column is added after the last header, its
 * header written in the same block (bold through one setFontWeights).
 */
export function writeLinks(
  sheetNamed: (name: string) => Sheet | null,
  result: PartnerReports,
  links: ReadonlyMap<number, string>,
): void {
  const tab = result.partnersTab;
  const changed = [...links].filter(([row, link]) => (tab.linkCells[row - 1] ?? '') !== link);
  if (tab.name === null || changed.length === 0) return;
  const header = PARTNERS.columns.find((c) => c.key === 'reportLink');
  const newColumn = tab.linkColumn === null && header !== undefined;
  const column = tab.linkColumn ?? tab.width + 1;
  const rows = changed.map(([row]) => row);
  const first = newColumn ? 1 : Math.min(...rows);
  const last = Math.max(...rows);
  const values: string[][] = [];
  for (let row = first; row <= last; row += 1) {
    const cell = row === 1 && newColumn && header ? labelOf(header, result.lang) : undefined;
    values.push([cell ?? links.get(row) ?? tab.linkCells[row - 1] ?? '']);
  }
  const sheet = sheetNamed(tab.name);
  if (sheet === null) return;
  const range = sheet.getRange(first, column, values.length, 1);
  range.setNumberFormat(NUMBER_FORMATS.text);
  range.setValues(values);
  if (newColumn) range.setFontWeights(values.map((_, i) => [i === 0 ? 'bold' : null]));
}

/** What to tell staff: each report with its link, and what sharing changed. */
export function describeOutcomes(
  lang: Lang,
  month: string,
  outcomes: readonly PartnerOutcome[],
): string {
  const lines = [
    t(lang, 'ptSummaryLine', { month, count: outcomes.filter((o) => !o.failed).length }),
  ];
  const separator = lang === 'zh-CN' ? '、' : ', ';
  for (const o of outcomes) {
    if (o.failed !== null && o.url !== '' && o.noAccess) {
      lines.push(t(lang, 'ptNoAccess', { partner: o.partner, url: o.url }));
      continue;
    }
    if (o.failed !== null) {
      lines.push(t(lang, 'menuFailed', { operation: o.partner, detail: o.failed }));
      continue;
    }
    if (o.reopenFailed !== null) {
      lines.push(t(lang, 'ptOpenFailed', { partner: o.partner, detail: o.reopenFailed }));
    }
    lines.push(t(lang, o.created ? 'ptCreated' : 'ptUpdated', { partner: o.partner, url: o.url }));
    if (o.shared.length > 0) {
      lines.push(t(lang, 'ptShared', { partner: o.partner, emails: o.shared.join(separator) }));
    }
    if (o.unshared.length > 0) {
      lines.push(t(lang, 'ptUnshared', { partner: o.partner, emails: o.unshared.join(separator) }));
    }
    if (o.colleagues.length > 0) {
      lines.push(
        t(lang, 'ptColleagues', { partner: o.partner, emails: o.colleagues.join(separator) }),
      );
    }
    if (o.shareFailed !== null) {
      lines.push(t(lang, 'ptShareFailed', { partner: o.partner, detail: o.shareFailed }));
    }
    if (o.emailsIgnored) lines.push(t(lang, 'ptBadEmails', { partner: o.partner }));
  }
  return lines.join('\n');
}
