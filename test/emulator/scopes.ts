/**
 * Which OAuth scopes allow each emulated service method, from the "Authorization" section of its
 * Apps Script reference page ("Scripts that use this method require authorization with one or
 * more of the following scopes"). The emulator refuses a call when none of them was granted, with
 * Apps Script's words: "You do not have permission to call Session.getActiveUser. Required
 * permissions: https://www.googleapis.com/auth/userinfo.email"
 * (reported: https://github.com/hijonathan/google-scripts/issues/14).
 *
 * ## Adding a method
 * Every counted call ('Class.method', as `calls.byMethod()` names it) must be covered here, by
 * its own key or by its class's 'Class.*' key; an uncovered call fails the test with an emulator
 * error naming the key to add. Add one line:
 *
 *     // https://developers.google.com/apps-script/reference/drive/drive-app#getFileById(String)
 *     'DriveApp.getFileById': [DRIVE, DRIVE_READONLY],
 *
 * with the scopes its reference page lists (any one of them suffices), and `NO_SCOPE` ([]) when
 * the page has no Authorization section. In a simple trigger (`emulator.simpleTrigger`), only
 * methods needing no scope, or allowed by `spreadsheets.currentonly` (the bound file), run.
 */

export const SCOPES = {
  /** The spreadsheet the script is bound to. */
  currentSpreadsheet: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  /** Every spreadsheet the user can open. */
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  /** Dialogs and sidebars with HTML content inside the editor. */
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  /** The user's email address. */
  email: 'https://www.googleapis.com/auth/userinfo.email',
  spreadsheetsReadonly: 'https://www.googleapis.com/auth/spreadsheets.readonly',
  drive: 'https://www.googleapis.com/auth/drive',
  driveFile: 'https://www.googleapis.com/auth/drive.file',
  driveReadonly: 'https://www.googleapis.com/auth/drive.readonly',
  /** Installable triggers (ScriptApp). */
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
} as const;

export const NO_SCOPE: readonly string[] = [];

/** The Spreadsheet service's classes, on every method page: "…/spreadsheets.currentonly" and "…/spreadsheets". */
const SHEETS: readonly string[] = [SCOPES.currentSpreadsheet, SCOPES.spreadsheets];

const SHEETS_API_WRITE: readonly string[] = [SCOPES.drive, SCOPES.driveFile, SCOPES.spreadsheets];
const SHEETS_API_READ: readonly string[] = [
  ...SHEETS_API_WRITE,
  SCOPES.driveReadonly,
  SCOPES.spreadsheetsReadonly,
];

/**
 * 'Class.method' (or 'Class.*' for every method of a class) → the scopes that allow it. A
 * method's own key wins over its class's.
 */
export const SCOPE_TABLE: Readonly<Record<string, readonly string[]>> = {
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
  'SpreadsheetApp.*': SHEETS,
  // getUi and newDataValidation list no Authorization section: the UI object and a builder
  // touch no document. https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getUi()
  'SpreadsheetApp.getUi': NO_SCOPE,
  'SpreadsheetApp.newDataValidation': NO_SCOPE,
  // Files other than the bound one (partner reports): creating or opening another spreadsheet
  // is beyond "…/spreadsheets.currentonly", which covers only the spreadsheet the script is
  // bound to; these reference pages list only "…/spreadsheets" (unconfirmed: the search tool
  // did not return them; the self-test checks each scope in a real sheet).
  'SpreadsheetApp.create': [SCOPES.spreadsheets],
  'SpreadsheetApp.openById': [SCOPES.spreadsheets],
  'SpreadsheetApp.openByUrl': [SCOPES.spreadsheets],
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
  'Spreadsheet.*': SHEETS,
  // Sharing changes the file's permissions: "…/spreadsheets" (unconfirmed, as above).
  'Spreadsheet.addViewer': [SCOPES.spreadsheets],
  'Spreadsheet.addViewers': [SCOPES.spreadsheets],
  'Spreadsheet.removeViewer': [SCOPES.spreadsheets],
  'Spreadsheet.getViewers': [SCOPES.spreadsheets],
  'Spreadsheet.getEditors': [SCOPES.spreadsheets],
  'Spreadsheet.addEditor': [SCOPES.spreadsheets],
  'Spreadsheet.addEditors': [SCOPES.spreadsheets],
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet
  'Sheet.*': SHEETS,
  // https://developers.google.com/apps-script/reference/spreadsheet/range
  'Range.*': SHEETS,
  // https://developers.google.com/apps-script/reference/spreadsheet/range-list
  'RangeList.*': SHEETS,
  // https://developers.google.com/apps-script/reference/spreadsheet/protection
  'Protection.*': SHEETS,
  // https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart
  'EmbeddedChart.*': SHEETS,
  // https://developers.google.com/apps-script/reference/spreadsheet/chart-options
  'ChartOptions.*': SHEETS,
  // https://developers.google.com/apps-script/reference/spreadsheet/container-info
  'ContainerInfo.*': SHEETS,

  // The Sheets advanced service calls the Sheets API, whose reference pages list its scopes
  // under "Authorization scopes". Reading (get, values.batchGet): drive, drive.file,
  // drive.readonly, spreadsheets or spreadsheets.readonly; writing (batchUpdate, create): drive,
  // drive.file or spreadsheets. None is spreadsheets.currentonly, so a simple trigger cannot
  // use it ("cannot access services that require authorization").
  // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/get#authorization-scopes
  // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchGet#authorization-scopes
  // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate#authorization-scopes
  // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/create#authorization-scopes
  'Sheets.Spreadsheets.get': SHEETS_API_READ,
  'Sheets.Spreadsheets.Values.batchGet': SHEETS_API_READ,
  // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchUpdate#authorization-scopes
  'Sheets.Spreadsheets.Values.batchUpdate': SHEETS_API_WRITE,
  'Sheets.Spreadsheets.batchUpdate': SHEETS_API_WRITE,
  'Sheets.Spreadsheets.create': SHEETS_API_WRITE,

  // https://developers.google.com/apps-script/reference/base/ui — menus, alerts and prompts
  // need no scope (a simple onOpen builds menus); HTML dialogs and sidebars show third-party
  // web content, which script.container.ui allows ("Display and run third-party web content in
  // prompts and sidebars inside Google applications").
  'Ui.*': NO_SCOPE,
  'Ui.showModalDialog': [SCOPES.containerUi],
  'Ui.showModelessDialog': [SCOPES.containerUi],
  'Ui.showSidebar': [SCOPES.containerUi],
  // https://developers.google.com/apps-script/reference/base/menu
  'Menu.*': NO_SCOPE,
  // https://developers.google.com/apps-script/reference/base/prompt-response
  'PromptResponse.*': NO_SCOPE,
  // https://developers.google.com/apps-script/reference/html/html-service (no Authorization)
  'HtmlService.*': NO_SCOPE,
  'HtmlOutput.*': NO_SCOPE,
  'HtmlTemplate.*': NO_SCOPE,

  // https://developers.google.com/apps-script/reference/base/session — getActiveUser and
  // getEffectiveUser: "…/userinfo.email"; the locale, time zone and temporary key need none.
  'Session.*': NO_SCOPE,
  'Session.getActiveUser': [SCOPES.email],
  'Session.getEffectiveUser': [SCOPES.email],
  // https://developers.google.com/apps-script/reference/base/user (the check is at Session)
  'User.*': NO_SCOPE,

  // https://developers.google.com/apps-script/reference/script/script-app — making, listing and
  // deleting triggers: "…/script.scriptapp" (each method's Authorization section); the enums
  // and getScriptId need none. A trigger's getters and the builder's chain touch nothing; its
  // create() makes the trigger (https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder#create()).
  'ScriptApp.*': NO_SCOPE,
  'ScriptApp.newTrigger': [SCOPES.scriptApp],
  'ScriptApp.getProjectTriggers': [SCOPES.scriptApp],
  'ScriptApp.getUserTriggers': [SCOPES.scriptApp],
  'ScriptApp.deleteTrigger': [SCOPES.scriptApp],
  'SpreadsheetTriggerBuilder.create': [SCOPES.scriptApp],
  'Trigger.*': NO_SCOPE,

  // https://developers.google.com/apps-script/reference/lock/lock-service (no Authorization)
  'LockService.*': NO_SCOPE,
  'Lock.*': NO_SCOPE,
  // https://developers.google.com/apps-script/reference/cache/cache-service (no Authorization)
  'CacheService.*': NO_SCOPE,
  'Cache.*': NO_SCOPE,
  // https://developers.google.com/apps-script/reference/properties/properties-service
  'PropertiesService.*': NO_SCOPE,
  'Properties.*': NO_SCOPE,
  // https://developers.google.com/apps-script/reference/utilities/utilities (no Authorization)
  'Utilities.*': NO_SCOPE,
  'Blob.*': NO_SCOPE,
  // https://developers.google.com/apps-script/reference/base/logger (no Authorization)
  'Logger.*': NO_SCOPE,
};

/** The scopes allowing `key` ('Class.method'), or undefined when the table does not cover it. */
export function scopesFor(key: string): readonly string[] | undefined {
  const own = SCOPE_TABLE[key];
  if (own !== undefined) return own;
  const className = key.slice(0, key.indexOf('.'));
  return SCOPE_TABLE[`${className}.*`];
}

/**
 * Answered, not refused, in a simple trigger: the user's address is then blank.
 * https://developers.google.com/apps-script/reference/base/session#getActiveUser()
 */
const BLANK_IN_SIMPLE_TRIGGERS = new Set(['Session.getActiveUser', 'Session.getEffectiveUser']);

/** How a script runs: with the user's authorisation, or as a simple trigger with none. */
export type AuthMode = 'FULL' | 'LIMITED';

/**
 * What a script may call. FULL: the scopes granted (the manifest's, or fewer when the user
 * granted only some, which granular consent allows). LIMITED (simple triggers, "cannot access
 * services that require authorization" except the file they are bound to):
 * https://developers.google.com/apps-script/guides/triggers#restrictions
 */
export class ScopeGuard {
  mode: AuthMode = 'FULL';

  /** `granted` null: the manifest lists no oauthScopes, so Apps Script asks for whatever the code uses. */
  constructor(readonly granted: ReadonlySet<string> | null) {}

  /** The Apps Script error message refusing `key`, or null when the call may go ahead. */
  refusal(key: string): string | null {
    const allowing = scopesFor(key);
    if (allowing === undefined) {
      throw new Error(
        `emulator: no scope entry for ${key}; add it to SCOPE_TABLE in test/emulator/scopes.ts`,
      );
    }
    if (allowing.length === 0 || this.allows(key, allowing)) return null;
    return `You do not have permission to call ${key}. Required permissions: ${allowing.join(', ')}`;
  }

  private allows(key: string, allowing: readonly string[]): boolean {
    if (this.mode === 'LIMITED')
      return allowing.includes(SCOPES.currentSpreadsheet) || BLANK_IN_SIMPLE_TRIGGERS.has(key);
    if (this.granted === null) return true;
    return allowing.some((scope) => this.granted?.has(scope));
  }
}
