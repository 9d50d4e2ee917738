/**
 * An in-memory Apps Script for tests: SpreadsheetApp and the other services Gongfang calls,
 * faithful to DESIGN.md section 7. See docs/emulator.md for what it covers and how it differs.
 */
import * as vm from 'node:vm';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Env, type CallCounter } from './env';
import { Book, type SheetData } from './book';
import { spreadsheetObject, SpreadsheetAppImpl } from './spreadsheet';
import { SheetViews } from './views';
import type { SheetImpl } from './sheet';
import { Recorder, UiImpl, HtmlServiceImpl, type UiRecorder } from './ui';
import { LockServiceImpl, LockTable, OTHER_EXECUTION } from './locks';
import {
  CacheServiceImpl,
  PropertiesServiceImpl,
  SessionImpl,
  UtilitiesImpl,
  LoggerImpl,
  consoleFor,
} from './services';
import { ChartType } from './charts';
import { callServerFunction, type ServerResult } from './scriptRun';
import { parseA1, splitSheetName, toA1, type GridRect } from './a1';
import { assertTimeZone, instantToSerial, isDateObject } from './dates';
import { parseTyped } from './typing';
import { isAutomaticFormat, isDateFormat, type RawCell } from './numberFormat';
import { DataValidation, type CriteriaType } from './validation';
import { Drive } from './drive';
import { ScopeGuard } from './scopes';
import { SheetsApi, enablesSheetsService, type AdvancedService } from './sheetsApi';
import { ScriptAppImpl, TriggerTable, type TriggerData } from './scriptApp';
import { protectionRefusal, scriptWriteRefusal } from './protection';
import { runningAs, triggeredBy } from './users';

export type { CallCounter } from './env';
export type { UiRecorder } from './ui';
export type { ServerResult } from './scriptRun';

export interface EmulatorOptions {
  /** Spreadsheet locale, default 'en_US' (Chinese sheets use 'zh_CN'). */
  locale?: string;
  /** Default 'Asia/Shanghai'. */
  spreadsheetTimeZone?: string;
  /** appsscript.json timeZone, default 'Asia/Shanghai'. */
  scriptTimeZone?: string;
  name?: string;
  /**
   * The spreadsheet's owner, who is also the user scripts run as until `asUser` says otherwise.
   * Default 'staff@example.org'.
   */
  userEmail?: string;
  /** For HtmlService.createHtmlOutputFromFile(name) / createTemplateFromFile(name). */
  htmlFiles?: Record<string, string>;
  /** Clock (cache expiry); default real time. */
  now?: () => Date;
  /**
   * The project's manifest, whose oauthScopes are enforced on every call (test/emulator/
   * scopes.ts): a path, or the manifest itself. Default: the repository's appsscript.json.
   */
  manifest?: string | Manifest;
  /**
   * The scopes the user granted, when fewer than the manifest asks for (granular consent lets a
   * user untick some). Default: all of the manifest's.
   */
  grantedScopes?: readonly string[];
}

/** The parts of appsscript.json the emulator reads. */
export interface Manifest {
  oauthScopes?: readonly string[];
  dependencies?: { enabledAdvancedServices?: readonly AdvancedService[] };
}

/** The repository's own manifest, which every emulator test runs under by default. */
export const PROJECT_MANIFEST = path.resolve(__dirname, '../../appsscript.json');

function manifestOf(options: EmulatorOptions): Manifest {
  const source = options.manifest ?? PROJECT_MANIFEST;
  return typeof source === 'string'
    ? (JSON.parse(readFileSync(source, 'utf8')) as Manifest)
    : source;
}

function grantedScopes(options: EmulatorOptions): ReadonlySet<string> | null {
  if (options.grantedScopes !== undefined) return new Set(options.grantedScopes);
  const manifest = manifestOf(options);
  // Without an explicit list, Apps Script asks for every scope the code uses.
  return manifest.oauthScopes === undefined ? null : new Set(manifest.oauthScopes);
}

export interface CellSnapshot {
  /** As Range.getValue() returns it. */
  value: unknown;
  displayValue: string;
  formula: string;
  /** As Range.getNumberFormat() returns it, except that an automatic format is 'General' here
   *  (scripts calling getNumberFormat() get '0.###############', as Apps Script reports it). */
  numberFormat: string;
  note: string;
  background: string;
  fontWeight: string;
  horizontalAlignment: string;
  /** As Range.getWrapStrategy() names it: 'OVERFLOW' (a new cell's), 'WRAP' or 'CLIP'. */
  wrapStrategy: string;
  /** Each edge's border style (SOLID, DASHED, …) or null where none is drawn. */
  borders: { top: string | null; bottom: string | null; left: string | null; right: string | null };
  validation: {
    criteria: CriteriaType;
    values: unknown[];
    allowInvalid: boolean;
    helpText: string;
  } | null;
}

export interface Emulator {
  /** SpreadsheetApp, HtmlService, LockService, CacheService, PropertiesService, Session,
   *  Utilities, Logger, Charts, console. */
  readonly globals: Record<string, unknown>;
  /** Assigns the globals onto target (default globalThis); returns a function that removes them.
   *  When target is a vm context, values (Date, Error) are built with that context's constructors. */
  install(target?: object): () => void;
  /** A fresh vm context whose only globals are the services, ready for runInContext. */
  createContext(): vm.Context;
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  readonly calls: CallCounter;
  readonly ui: UiRecorder;
  /** Everything Logger.log and console.* wrote. */
  readonly logs: string[];
  seed(tab: string, rows: unknown[][]): void;
  peek(tab: string): unknown[][];
  cell(tab: string, a1: string): CellSnapshot;
  /**
   * A person typing or pasting: the cells are parsed as typed, then onEdit(e) runs as its own
   * execution — the callback given, else the simple trigger installed with simpleTriggers.
   * Script writes never fire it.
   */
  userEdit(
    tab: string,
    a1: string,
    typed: string | string[][],
    onEdit?: (e: GoogleAppsScript.Events.SheetsOnEdit) => void,
  ): void;
  /**
   * The project's simple triggers, as Apps Script finds them by name (onEdit). An exception in
   * one does not reach the person editing as a failure of the edit: the edit stands, and the
   * error is shown to them and logged; here it is kept in triggerErrors.
   * https://developers.google.com/apps-script/guides/triggers#restrictions
   */
  simpleTriggers(triggers: { onEdit?: (e: GoogleAppsScript.Events.SheetsOnEdit) => void }): void;
  /** Errors thrown out of a simple trigger, oldest first. */
  readonly triggerErrors: Error[];
  execution<T>(fn: () => T): T;
  /** The spreadsheet's owner (options.userEmail). */
  readonly owner: string;
  /**
   * Runs `fn` with `email` at the keyboard: scripts it runs (menu items, google.script.run) run
   * as that user, and the user helpers (userEdit, userDeleteRows…) act as them (users.ts).
   */
  asUser<T>(email: string, fn: () => T): T;
  /**
   * The project's functions by name, as an installable trigger names its handler
   * (ScriptApp.newTrigger('auditEdit')): what the triggers call when they fire.
   */
  projectFunctions(functions: Record<string, (event: never) => void>): void;
  /** Every installable trigger of the project, whoever created it. */
  installedTriggers(): readonly TriggerData[];
  /**
   * A person deleting rows `row`..`row + count - 1` (right-click › Delete rows): refused on a
   * protected area they may not edit; fires the installable change triggers (REMOVE_ROW), not
   * onEdit.
   */
  userDeleteRows(tab: string, row: number, count: number): void;
  /** A person inserting `count` rows after `afterRow`: change triggers get INSERT_ROW. */
  userInsertRows(tab: string, afterRow: number, count: number): void;
  /** A person inserting `count` columns before `column`: change triggers get INSERT_COLUMN. */
  userInsertColumns(tab: string, column: number, count: number): void;
  /**
   * Runs `fn` as a simple trigger (onOpen, onEdit): its own execution, with no authorisation,
   * so only methods needing no scope or allowed on the bound file run; Session's user has a
   * blank email. https://developers.google.com/apps-script/guides/triggers#restrictions
   */
  simpleTrigger<T>(fn: () => T): T;
  /**
   * The next time a script releases a lock, `fn` runs at once as another execution (a colleague
   * who was waiting for it), seeing only committed writes: those before SpreadsheetApp.flush()
   * or the end of an execution (pending.ts). Returns what `fn` returned, once it has run.
   */
  whenLockReleased<T>(fn: () => T): { readonly result: T | undefined; readonly ran: boolean };
  holdDocumentLock(): () => void;
  /**
   * Runs `hook` before every counted call (after its scope is checked), with the service's and
   * the method's names: a test injects a fault by throwing from it, as a service that fails
   * mid-run would ("Service Spreadsheets failed while accessing document…"). null removes it.
   */
  interceptCalls(hook: ((service: string, method: string) => void) | null): void;
  callServerFunction(
    endpoints: Record<string, unknown>,
    name: string,
    args: unknown[],
  ): ServerResult;
  /** Every other spreadsheet the script created, with who may see it. */
  files(): EmulatedFile[];
  /** A tab of another spreadsheet, as peek reads the bound one. */
  peekFile(id: string, tab: string): unknown[][];
  /** The owner shares a file by hand (not through the script). */
  shareFile(id: string, email: string, role: 'viewer' | 'editor'): void;
  /** The owner moves a file to the bin: openById fails on it from then on. */
  trashFile(id: string): void;
  /**
   * From now on the script runs as `email` (a colleague who edits the bound sheet too): files
   * it makes are theirs, and it reaches only files shared with them; Session and the bound
   * sheet's protections see them too, as in `asUser` (which does so only for a while).
   * `actAs()` goes back.
   */
  actAs(email?: string): void;
}

export interface EmulatedFile {
  readonly id: string;
  readonly name: string;
  readonly tabs: string[];
  readonly viewers: string[];
  readonly editors: string[];
}

const GLOBAL_NAMES = [
  'SpreadsheetApp',
  'HtmlService',
  'LockService',
  'CacheService',
  'PropertiesService',
  'Session',
  'Utilities',
  'Logger',
  'Charts',
  'console',
  'Sheets',
  'ScriptApp',
] as const;

function spreadsheetId(): string {
  return randomBytes(33).toString('base64url').slice(0, 44);
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const locale = options.locale ?? 'en_US';
  const spreadsheetZone = options.spreadsheetTimeZone ?? 'Asia/Shanghai';
  const scriptZone = options.scriptTimeZone ?? 'Asia/Shanghai';
  assertTimeZone(spreadsheetZone);
  assertTimeZone(scriptZone);
  const userEmail = options.userEmail ?? 'staff@example.org';
  const env = new Env(options.now ?? (() => new Date()), new ScopeGuard(grantedScopes(options)));
  env.who = runningAs(userEmail);
  const book = new Book(
    env,
    spreadsheetId(),
    options.name ?? 'Gongfang',
    locale,
    spreadsheetZone,
    userEmail,
  );
  book.addSheet(undefined);
  // Files the script makes or opens belong to, or are checked against, whoever runs it now.
  const drive = new Drive(() => env.who.effective);
  book.drive = drive;
  drive.add(book);
  const newBook = (name: string, ownLocale?: string, ownZone?: string): Book => {
    const created = new Book(
      env,
      spreadsheetId(),
      name,
      ownLocale ?? locale,
      ownZone ?? spreadsheetZone,
      // A new file belongs to whoever runs the script.
      drive.currentUser,
    );
    created.addSheet(undefined);
    created.drive = drive;
    drive.add(created);
    return created;
  };
  const views = new SheetViews(book);
  const recorder = new Recorder(book.toasts);
  const uiObject = env.counted(new UiImpl(recorder, env), 'Ui');
  const locks = new LockTable();
  const logs: string[] = [];
  const triggers: { onEdit?: (e: GoogleAppsScript.Events.SheetsOnEdit) => void } = {};
  const triggerErrors: Error[] = [];
  const installable = new TriggerTable();
  let functions: Record<string, (event: never) => void> = {};

  const globals: Record<string, unknown> = {
    SpreadsheetApp: env.counted(
      new SpreadsheetAppImpl(book, () => uiObject, drive, newBook),
      'SpreadsheetApp',
    ),
    HtmlService: env.counted(new HtmlServiceImpl(env, options.htmlFiles ?? {}), 'HtmlService'),
    LockService: env.counted(new LockServiceImpl(locks, env), 'LockService'),
    CacheService: env.counted(new CacheServiceImpl(env), 'CacheService'),
    PropertiesService: env.counted(new PropertiesServiceImpl(env), 'PropertiesService'),
    Session: env.counted(new SessionImpl(env, scriptZone, locale), 'Session'),
    ScriptApp: env.counted(new ScriptAppImpl(env, installable, spreadsheetId()), 'ScriptApp'),
    Utilities: env.counted(new UtilitiesImpl(env), 'Utilities'),
    Logger: env.counted(new LoggerImpl(logs), 'Logger'),
    Charts: { ChartType },
    console: consoleFor(logs),
    // An advanced service exists only where the manifest enables it.
    ...(enablesSheetsService(manifestOf(options))
      ? { Sheets: new SheetsApi(env, drive, newBook) }
      : {}),
  };

  const sheetNamed = (tab: string): SheetData => {
    const sheet = book.find(tab);
    if (!sheet) throw new Error(`emulator: no tab named "${tab}"`);
    return sheet;
  };

  let interceptor: ((service: string, method: string) => void) | null = null;
  env.beforeCall = (className, method, target, args) => {
    // A write into a protected area the script's user may not edit changes nothing.
    const refusal = scriptWriteRefusal(book, className, method, target, args, env.who.effective);
    if (refusal !== null) throw env.fail(refusal);
    book.pending.beforeCall(className, method);
    interceptor?.(className, method);
  };
  const execution = <T>(fn: () => T): T => {
    const run = locks.begin();
    try {
      return fn();
    } finally {
      locks.end(run);
      // The end of an execution commits what it wrote.
      book.pending.commit();
    }
  };

  const simpleTrigger = <T>(fn: () => T): T => {
    const previous = env.scopes.mode;
    env.scopes.mode = 'LIMITED';
    try {
      return execution(fn);
    } finally {
      env.scopes.mode = previous;
    }
  };

  const recordFailure = (error: unknown): void => {
    const failure = error instanceof Error ? error : new Error(String(error));
    triggerErrors.push(failure);
    logs.push(failure.message);
  };

  /**
   * Each installable trigger of `eventType` runs as its own execution under its creator's
   * authority (FULL), told who acted only when Google would tell it (users.ts).
   */
  const fireInstallable = (
    eventType: TriggerData['eventType'],
    event: (trigger: TriggerData, user: unknown) => Record<string, unknown>,
  ): void => {
    const actor = env.who.active;
    for (const trigger of [...installable.all]) {
      if (trigger.eventType !== eventType || trigger.sourceId !== book.id) continue;
      const previous = { who: env.who, mode: env.scopes.mode };
      env.who = triggeredBy(trigger.owner, actor);
      env.scopes.mode = 'FULL';
      try {
        const handler = functions[trigger.handler];
        if (handler === undefined) throw env.fail(`Script function not found: ${trigger.handler}`);
        const shown = env.who.activeVisible ? actor : '';
        const user = env.counted(
          { getEmail: () => shown, getNickname: () => shown.split('@')[0] ?? '' },
          'User',
        );
        const payload = { authMode: 'FULL', ...event(trigger, user), triggerUid: trigger.uid };
        execution(() => (handler as (e: unknown) => void)(payload));
      } catch (error) {
        recordFailure(error);
      } finally {
        env.who = previous.who;
        env.scopes.mode = previous.mode;
      }
    }
  };

  const fireChange = (changeType: string): void =>
    fireInstallable('ON_CHANGE', (_trigger, user) => ({
      changeType,
      source: spreadsheetObject(book),
      user,
    }));

  /** A person's structural change: refused where protected, then the change triggers fire. */
  const structuralEdit = (
    tab: string,
    rect: GridRect,
    apply: (sheet: SheetImpl) => void,
    changeType: 'INSERT_ROW' | 'REMOVE_ROW' | 'INSERT_COLUMN',
  ): void => {
    const sheet = sheetNamed(tab);
    const refusal = protectionRefusal(book, sheet, rect, env.who.active);
    if (refusal !== null) throw env.fail(refusal);
    apply(env.unwrap(views.sheet(sheet)) as unknown as SheetImpl);
    book.activeIndex = book.sheets.indexOf(sheet);
    book.activeRange = {
      sheet,
      rect: { ...rect, numRows: Math.min(rect.numRows, sheet.maxRows - rect.row + 1) },
    };
    fireChange(changeType);
  };

  const emulator: Emulator = {
    globals,
    install(target: object = globalThis) {
      if (vm.isContext(target)) env.bindRealm(target);
      const slots = target as Record<string, unknown>;
      const previous = GLOBAL_NAMES.map(
        (name) => [name, Object.getOwnPropertyDescriptor(target, name)] as const,
      );
      for (const name of GLOBAL_NAMES) if (name in globals) slots[name] = globals[name];
      return () => {
        for (const [name, descriptor] of previous) {
          if (descriptor) Object.defineProperty(target, name, descriptor);
          else delete slots[name];
        }
      };
    },
    createContext() {
      const context = vm.createContext({ ...globals });
      env.bindRealm(context);
      return context;
    },
    spreadsheet: spreadsheetObject(book),
    calls: env.counter,
    ui: recorder,
    logs,
    seed(tab, rows) {
      seedTab(book, book.find(tab) ?? book.addSheet(tab), rows);
    },
    peek(tab) {
      const sheet = sheetNamed(tab);
      const { lastRow, lastColumn } = sheet.cells.extent();
      return book.readValues(sheet, {
        row: 1,
        column: 1,
        numRows: Math.max(1, lastRow),
        numColumns: Math.max(1, lastColumn),
      });
    },
    cell(tab, a1) {
      const sheet = sheetNamed(tab);
      return snapshot(book, views, sheet, rectOf(sheet, a1));
    },
    userEdit(tab, a1, typed, onEdit) {
      const sheet = sheetNamed(tab);
      const facts = userEdit(book, views, sheet, a1, typed, env.who.active);
      book.activeIndex = book.sheets.indexOf(sheet);
      book.activeRange = { sheet, rect: facts.rect };
      const handler = onEdit ?? triggers.onEdit;
      if (handler !== undefined) {
        try {
          // A simple trigger runs without authorisation (hardening's LIMITED mode).
          simpleTrigger(() =>
            handler(editEvent(views, sheet, facts, 'LIMITED', env.who.active, '') as never),
          );
        } catch (error) {
          recordFailure(error);
        }
      }
      fireInstallable('ON_EDIT', (_trigger, user) => {
        const event = editEvent(views, sheet, facts, 'FULL', '', '');
        event.user = user;
        return event;
      });
      fireChange('EDIT');
    },
    owner: userEmail,
    asUser(email, fn) {
      const previous = env.who;
      env.who = runningAs(email);
      try {
        return fn();
      } finally {
        env.who = previous;
      }
    },
    projectFunctions(given) {
      functions = { ...functions, ...given };
    },
    installedTriggers() {
      return [...installable.all];
    },
    userDeleteRows(tab, row, count) {
      const sheet = sheetNamed(tab);
      const rect = { row, column: 1, numRows: count, numColumns: sheet.maxColumns };
      structuralEdit(tab, rect, (impl) => impl.deleteRows(row, count), 'REMOVE_ROW');
    },
    userInsertRows(tab, afterRow, count) {
      const sheet = sheetNamed(tab);
      const rect = { row: afterRow + 1, column: 1, numRows: count, numColumns: sheet.maxColumns };
      structuralEdit(tab, rect, (impl) => impl.insertRowsAfter(afterRow, count), 'INSERT_ROW');
    },
    userInsertColumns(tab, column, count) {
      const sheet = sheetNamed(tab);
      const rect = { row: 1, column, numRows: sheet.maxRows, numColumns: count };
      const insert = (impl: SheetImpl) => impl.insertColumnsBefore(column, count);
      structuralEdit(tab, rect, insert, 'INSERT_COLUMN');
    },
    simpleTriggers(given) {
      triggers.onEdit = given.onEdit;
    },
    triggerErrors,
    execution,
    simpleTrigger,
    whenLockReleased<T>(fn: () => T) {
      const seen: { result: T | undefined; ran: boolean } = { result: undefined, ran: false };
      book.pending.watching = true;
      locks.onRelease = () => {
        locks.onRelease = null;
        book.pending.watching = false;
        seen.result = book.pending.asOtherExecution(() => execution(fn));
        seen.ran = true;
      };
      return seen;
    },
    holdDocumentLock() {
      if (locks.holder('document') !== undefined)
        throw new Error('emulator: the document lock is already held');
      locks.take('document', OTHER_EXECUTION);
      return () => locks.release('document', OTHER_EXECUTION);
    },
    interceptCalls(hook) {
      interceptor = hook;
    },
    callServerFunction(endpoints, name, args) {
      return callServerFunction(env, endpoints, name, args, execution);
    },
    files() {
      return [...drive.books.values()]
        .filter((other) => other !== book && !drive.trashed.has(other.id))
        .map((other) => {
          const access = drive.accessOf(other);
          return {
            id: other.id,
            name: other.name,
            tabs: other.sheets.map((s) => s.name),
            viewers: [...access.viewers].sort(),
            editors: [...access.editors].sort(),
          };
        });
    },
    peekFile(id, tab) {
      const other = drive.books.get(id);
      const sheet = other?.find(tab);
      if (!other || !sheet) throw new Error(`emulator: no tab "${tab}" in file ${id}`);
      const { lastRow, lastColumn } = sheet.cells.extent();
      return other.readValues(sheet, {
        row: 1,
        column: 1,
        numRows: Math.max(1, lastRow),
        numColumns: Math.max(1, lastColumn),
      });
    },
    shareFile(id, email, role) {
      const other = drive.books.get(id);
      if (!other) throw new Error(`emulator: no file ${id}`);
      const access = drive.accessOf(other);
      (role === 'viewer' ? access.viewers : access.editors).add(email.toLowerCase());
    },
    trashFile(id) {
      drive.trashed.add(id);
    },
    actAs(email = userEmail) {
      env.who = runningAs(email);
    },
  };
  return emulator;
}

/**
 * The edited range, which also carries its bounds as plain fields (rowStart, rowEnd, columnStart,
 * columnEnd, 1-based): the reference does not list them, but the event object shows them when
 * logged (JSON.stringify(e) gives "range":{"columnStart":1,"rowStart":1,"rowEnd":1,"columnEnd":1}),
 * and reading them costs no call (Tanaike, "Benchmark: Event Objects for Google Apps Script",
 * https://tanaikech.github.io/page/80). Not documented by Google: Gongfang falls back to
 * getA1Notation when they are absent.
 */
function eventRange(views: SheetViews, sheet: SheetData, rect: GridRect): unknown {
  const range = views.range(sheet, rect.row, rect.column, rect.numRows, rect.numColumns);
  const fields = views.book.env.unwrap(range) as unknown as Record<string, number>;
  fields.rowStart = rect.row;
  fields.rowEnd = rect.row + rect.numRows - 1;
  fields.columnStart = rect.column;
  fields.columnEnd = rect.column + rect.numColumns - 1;
  return range;
}

function rectOf(sheet: SheetData, a1: string): GridRect {
  const rect = parseA1(splitSheetName(a1).cells, sheet.maxRows, sheet.maxColumns);
  if (!rect) throw new Error(`emulator: bad A1 notation "${a1}"`);
  return rect;
}

/** Raw values from A1, no typing rules; Dates become date cells. Fast enough for 100k rows. */
function seedTab(book: Book, sheet: SheetData, rows: unknown[][]): void {
  const { cells } = sheet;
  const formats = cells.map('numberFormat');
  let widest = 0;
  rows.forEach((values, i) => {
    const line: RawCell[] = new Array(values.length);
    for (let j = 0; j < values.length; j++) {
      const value = values[j];
      if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
        line[j] = value;
      } else if (isDateObject(value)) {
        const serial = instantToSerial(value.getTime(), book.timeZone);
        line[j] = serial;
        formats.set(
          (i + 1) * 32_768 + j + 1,
          Number.isInteger(serial) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss',
        );
      } else {
        line[j] = '';
      }
    }
    const existing = cells.rows[i];
    if (existing && existing.length > line.length) line.push(...existing.slice(line.length));
    while (cells.rows.length < i) cells.rows.push([]);
    cells.rows[i] = line;
    widest = Math.max(widest, values.length);
  });
  cells.version++;
  sheet.maxRows = Math.max(sheet.maxRows, rows.length);
  sheet.maxColumns = Math.max(sheet.maxColumns, widest);
}

function snapshot(book: Book, views: SheetViews, sheet: SheetData, rect: GridRect): CellSnapshot {
  const range = views.rawRange(sheet, { ...rect, numRows: 1, numColumns: 1 });
  const validation = range.getDataValidation();
  return {
    value: range.getValue(),
    displayValue: range.getDisplayValue(),
    formula: range.getFormula(),
    // The helper names the automatic format 'General' (scripts see '0.###############').
    numberFormat: isAutomaticFormat(book.numberFormat(sheet, rect.row, rect.column))
      ? 'General'
      : range.getNumberFormat(),
    note: range.getNote(),
    background: range.getBackground(),
    fontWeight: range.getFontWeight(),
    horizontalAlignment: range.getHorizontalAlignment(),
    wrapStrategy: range.getWrapStrategy(),
    borders: {
      top: range._borderOf('Top'),
      bottom: range._borderOf('Bottom'),
      left: range._borderOf('Left'),
      right: range._borderOf('Right'),
    },
    validation: validation
      ? {
          criteria: validation.getCriteriaType(),
          values: validation.getCriteriaValues(),
          allowInvalid: validation.getAllowInvalid(),
          helpText: validation.getHelpText() ?? '',
        }
      : null,
  };
}

/** Whether a typed entry passes a rule; custom formulas are not evaluated and always pass. */
function passes(
  book: Book,
  views: SheetViews,
  rule: DataValidation,
  value: RawCell,
  format: string,
  text: string,
): boolean {
  if (value === '') return true;
  const values = rule.getCriteriaValues();
  const number = typeof value === 'number' ? value : NaN;
  const first = Number(values[0]);
  const second = Number(values[1]);
  switch (rule.getCriteriaType()) {
    case 'VALUE_IN_LIST':
      return ((values[0] as unknown[]) ?? []).some((item) => String(item) === text.trim());
    case 'VALUE_IN_RANGE': {
      const source = views.unwrapRange(values[0], 'DataValidation');
      return source.getDisplayValues().some((line) => line.includes(text.trim()));
    }
    case 'NUMBER_BETWEEN':
      return number >= Math.min(first, second) && number <= Math.max(first, second);
    case 'NUMBER_GREATER_THAN':
      return number > first;
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return number >= first;
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return number <= first;
    case 'DATE_IS_VALID_DATE':
      return typeof value === 'number' && isDateFormat(format);
    case 'DATE_AFTER':
    case 'DATE_ON_OR_AFTER': {
      if (typeof value !== 'number' || !isDateFormat(format)) return false;
      const limit = instantToSerial((values[0] as Date).getTime(), book.timeZone);
      return rule.getCriteriaType() === 'DATE_AFTER'
        ? Math.floor(value) > Math.floor(limit)
        : Math.floor(value) >= Math.floor(limit);
    }
    case 'CHECKBOX':
      return values.length === 0
        ? typeof value === 'boolean'
        : values.some((v) => String(v) === text);
    case 'TEXT_IS_VALID_EMAIL':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
    default:
      return true;
  }
}

/** e.value / e.oldValue as Sheets passes them: the stored value as a string. */
function eventText(value: RawCell): string | undefined {
  if (value === '') return undefined;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** What a person's edit did, for the events it fires. */
interface EditFacts {
  readonly rect: GridRect;
  readonly single: boolean;
  readonly oldValue: string | undefined;
  readonly value: string | undefined;
}

/**
 * The edit event: authMode, range, source, user, triggerUid, and value / oldValue for a single
 * cell only. https://developers.google.com/apps-script/guides/triggers/events#edit
 */
function editEvent(
  views: SheetViews,
  sheet: SheetData,
  facts: EditFacts,
  authMode: 'LIMITED' | 'FULL',
  email: string,
  triggerUid: string,
): Record<string, unknown> {
  const book = views.book;
  const event: Record<string, unknown> = {
    authMode,
    range: eventRange(views, sheet, facts.rect),
    source: spreadsheetObject(book),
    user: book.env.counted(
      { getEmail: () => email, getNickname: () => email.split('@')[0] },
      'User',
    ),
    triggerUid,
  };
  if (facts.single) {
    if (facts.value !== undefined) event.value = facts.value;
    if (facts.oldValue !== undefined) event.oldValue = facts.oldValue;
  }
  return event;
}

function userEdit(
  book: Book,
  views: SheetViews,
  sheet: SheetData,
  a1: string,
  typed: string | string[][],
  userEmail: string,
): EditFacts {
  const grid = typeof typed === 'string' ? [[typed]] : typed;
  const start = rectOf(sheet, a1);
  const rect = views.checkedRect(
    sheet,
    start.row,
    start.column,
    grid.length,
    Math.max(...grid.map((l) => l.length)),
  );
  // A protected cell refuses whoever may not edit it, before anything is parsed or written.
  const refusal = protectionRefusal(book, sheet, rect, userEmail);
  if (refusal !== null) throw book.env.fail(refusal);
  const parsed = grid.map((line, i) =>
    line.map((text, j) => {
      const row = rect.row + i;
      const column = rect.column + j;
      const format = book.numberFormat(sheet, row, column);
      const cell = parseTyped(text, format, book.locale);
      const rule = sheet.cells.get('validation', row, column);
      const resultingFormat =
        cell.autoFormat !== null && isAutomaticFormat(format) ? cell.autoFormat : format;
      if (
        rule instanceof DataValidation &&
        !rule.getAllowInvalid() &&
        cell.formula === '' &&
        !passes(book, views, rule, cell.value, resultingFormat, text)
      ) {
        const where = toA1({ row, column, numRows: 1, numColumns: 1 });
        throw book.env.fail(
          `There was a problem. The data you entered in cell ${where} violates the data validation rules set on this cell.`,
        );
      }
      return cell;
    }),
  );
  const single = grid.length === 1 && grid[0]?.length === 1;
  const oldValue = single ? eventText(sheet.cells.value(rect.row, rect.column)) : undefined;
  parsed.forEach((line, i) =>
    line.forEach((cell, j) => book.writeCell(sheet, rect.row + i, rect.column + j, cell)),
  );
  const value = single ? eventText(sheet.cells.value(rect.row, rect.column)) : undefined;
  return { rect, single, oldValue, value };
}
