/**
 * Writing a partner's spreadsheet through the Sheets advanced service, when the manifest enables
 * it: a first run is ONE Spreadsheets.create (title, locale, time zone, every tab with its cells,
 * formats, frozen rows and widths), a later run ONE Spreadsheets.batchUpdate (each tab rewritten
 * whole, a new month's statement added), whatever the size of the tabs. Sharing stays with
 * SpreadsheetApp (partnerFiles.ts).
 * https://developers.google.com/apps-script/advanced/sheets
 *
 * The batch names sheets by ID. The IDs Gongfang wrote are remembered with the file (FileMemory
 * .sheets); when there are none yet (a report made before this path existed) or the batch is
 * refused (a tab deleted or renamed by hand, a run whose memory was not saved), one
 * Spreadsheets.get lists the file's sheets and the batch is planned again from them. A file that
 * get finds gone (trashed, deleted) is made again; one it may not open (no access: a
 * colleague's file not shared) never is (partnerFiles.ts, isNoAccess).
 */
import type { GeneratedTab } from '../workbook/port';
import { freeSheetId, newSheetOf, tabRequests } from './gridData';

type SheetsService = GoogleAppsScript.Sheets;
type Request = GoogleAppsScript.Sheets.Schema.Request;
type SpreadsheetResource = GoogleAppsScript.Sheets.Schema.Spreadsheet;

/** Tab name → sheet ID, for the tabs Gongfang wrote in one file. */
export type SheetIds = Readonly<Record<string, number>>;

/** The advanced service, or null when the manifest does not enable it (no global at all). */
export function sheetsService(): SheetsService | null {
  return typeof Sheets === 'undefined' || Sheets === undefined ? null : Sheets;
}

export interface NewFile {
  readonly title: string;
  readonly locale: string;
  readonly timeZone: string;
}

/** Tab name → ID of each sheet the API answered with. */
function idsOf(spreadsheet: SpreadsheetResource): Map<string, number> {
  const ids = new Map<string, number>();
  for (const sheet of spreadsheet.sheets ?? []) {
    const { title, sheetId } = sheet.properties ?? {};
    if (title !== undefined && typeof sheetId === 'number') ids.set(title, sheetId);
  }
  return ids;
}

/** A new spreadsheet holding every tab, in one call; the IDs its sheets were given. */
export function createFile(
  api: SheetsService,
  file: NewFile,
  tabs: readonly GeneratedTab[],
): { id: string; sheets: SheetIds } {
  const made = api.Spreadsheets.create({
    properties: { title: file.title, locale: file.locale, timeZone: file.timeZone },
    sheets: tabs.map((tab) => newSheetOf(tab, file.timeZone)),
  });
  if (made.spreadsheetId === undefined) throw new Error('Sheets API: no spreadsheetId');
  const ids = idsOf(made);
  return { id: made.spreadsheetId, sheets: onlyTabs(ids, tabs) };
}

function onlyTabs(ids: ReadonlyMap<string, number>, tabs: readonly GeneratedTab[]): SheetIds {
  const sheets: Record<string, number> = {};
  for (const tab of tabs) {
    const id = ids.get(tab.name);
    if (id !== undefined) sheets[tab.name] = id;
  }
  return sheets;
}

/**
 * The batch that writes `tabs` into a file whose sheets are `known` (name → ID; `taken` are all
 * the IDs in use). A tab not there is added at its place: Progress first, then the newest
 * statement, so older statements move right.
 */
export function planRewrite(
  tabs: readonly GeneratedTab[],
  known: ReadonlyMap<string, number>,
  taken: ReadonlySet<number>,
  timeZone: string,
  formerNames: readonly string[] = [],
): { requests: Request[]; sheets: SheetIds } {
  const used = new Set(taken);
  const sheets: Record<string, number> = {};
  const requests: Request[] = [];
  tabs.forEach((tab, index) => {
    // A tab under its other language's name is renamed and rewritten, not left to go stale.
    const existing = known.get(tab.name) ?? known.get(formerNames[index] ?? '');
    const sheetId = existing ?? freeSheetId(tab.name, used);
    used.add(sheetId);
    sheets[tab.name] = sheetId;
    requests.push(
      ...tabRequests(tab, sheetId, timeZone, existing === undefined ? index : undefined),
    );
  });
  return { requests, sheets };
}

export type Rewritten =
  | { readonly written: true; readonly sheets: SheetIds }
  /** The file could not be reached: why, in the API's words. */
  | { readonly written: false; readonly why: string };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a rewrite writes: the tabs, the file's title, and the tabs' names in the other language. */
export interface Rewrite {
  readonly tabs: readonly GeneratedTab[];
  readonly title: string;
  readonly formerNames: readonly string[];
}

/**
 * Rewrites the tabs of an existing file: one batchUpdate from what memory says; when there is no
 * memory, or the batch is refused, one get and one batchUpdate planned from the file itself.
 * Throws when that second batch fails (the partner's failure is reported; nothing is re-created).
 */
export function rewriteFile(
  api: SheetsService,
  id: string,
  file: Rewrite,
  remembered: SheetIds | undefined,
  timeZone: string,
): Rewritten {
  const { tabs, formerNames } = file;
  // The title too, in the same call: a partner renamed on Partners, or a language switched,
  // would otherwise keep the file's first name for good.
  const title: Request = {
    updateSpreadsheetProperties: { properties: { title: file.title }, fields: 'title' },
  };
  if (remembered !== undefined && Object.keys(remembered).length > 0) {
    const known = new Map(Object.entries(remembered));
    const plan = planRewrite(tabs, known, new Set(known.values()), timeZone, formerNames);
    try {
      api.Spreadsheets.batchUpdate({ requests: [...plan.requests, title] }, id);
      return { written: true, sheets: plan.sheets };
    } catch {
      // Memory is behind the file, or the file is gone: ask the file itself.
    }
  }
  let actual: SpreadsheetResource;
  try {
    actual = api.Spreadsheets.get(id, { fields: 'sheets.properties(sheetId,title)' });
  } catch (error) {
    return { written: false, why: message(error) };
  }
  const known = idsOf(actual);
  const plan = planRewrite(tabs, known, new Set(known.values()), timeZone, formerNames);
  api.Spreadsheets.batchUpdate({ requests: [...plan.requests, title] }, id);
  return { written: true, sheets: plan.sheets };
}
