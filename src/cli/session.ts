/** Steps the commands share: naming files, reading the options, opening and saving workbooks. */
import { nextCommand } from './menuNames';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IsoDate, MonthKey } from '../domain/records';
import { isRealDate } from '../domain/dates';
import { t } from '../i18n';
import { ORDERS, PIECES, RESIDENTS, SOURCE_TABS, labelOf, namesOf } from '../workbook/layout';
import { PAY_TABS, unreadColumns } from '../workbook/unreadColumns';
import { headersRow, renamedTab } from '../workbook/unreadTabs';
import type { UnreadColumn } from '../workbook/unreadColumns';
import type { CommandContext } from './context';
import { CliError } from './errors';
import { XlsxWorkbook } from '../xlsx/xlsxWorkbook';
import { envLang } from './locale';
import {
  checkOutputName,
  checkWorkbookFormat,
  refuseIfOpenInOffice,
  resolveWriteTarget,
  statOrNull,
  writeSafely,
} from '../xlsx/workbookFile';
import type { WriteTarget } from '../xlsx/workbookFile';
import { WorkbookFileError } from '../xlsx/fileError';
import { DEFAULT_LOCK_WAIT_MS, lockWorkbook } from '../xlsx/workbookLock';
import { rememberWritten, unchangedSinceWritten } from '../xlsx/writtenFiles';
import { isoDateIn } from '../xlsx/zonedDates';
import { noticeChanges, recordRun } from './audit';

/** The workbook named on the command line, resolved against the working folder. */
export function fileArgument(context: CommandContext, command: string): string {
  const [file] = context.files;
  // An empty name ("$FILE" unset) would be the working folder itself.
  if (file === undefined || file.trim() === '') {
    throw new CliError(2, 'cliMissingFile', { command });
  }
  return path.resolve(context.io.cwd, file);
}

/** A path option (e.g. --out) resolved against the working folder, or undefined. */
export function pathOption(context: CommandContext, name: string): string | undefined {
  const value = context.options[name];
  if (typeof value !== 'string') return undefined;
  if (value.trim() === '') throw new CliError(2, 'cliEmptyPath', { option: `--${name}` });
  return path.resolve(context.io.cwd, value);
}

export function stringOption(context: CommandContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** --today, or the real date in the workbook's time zone; an impossible date is refused. */
export function todayOf(context: CommandContext): IsoDate {
  const given = stringOption(context, 'today');
  if (given === undefined) return isoDateIn(context.io.now(), context.timeZone);
  const parsed = IsoDate.safeParse(given.trim());
  const [year = 0, month = 0, day = 0] = parsed.success ? parsed.data.split('-').map(Number) : [];
  if (!parsed.success || !isRealDate(year, month, day)) {
    throw new CliError(2, 'cliBadDate', { value: given });
  }
  return parsed.data;
}

const DAY_MS = 86_400_000;

/**
 * The one "now" of a run: the real instant, moved to --today's date when it is given (the time
 * of day stays real). "Closed at", "Reopened at" and "generated at" then agree with the today
 * that chose the month and dated the warnings (docs/month.md).
 */
export function nowOf(context: CommandContext): Date {
  const real = context.io.now();
  const given = stringOption(context, 'today');
  if (given === undefined) return real;
  const days = Math.round(
    (Date.parse(todayOf(context)) - Date.parse(isoDateIn(real, context.timeZone))) / DAY_MS,
  );
  return new Date(real.getTime() + days * DAY_MS);
}

/**
 * --month as YYYY-MM (2026-1 and 2026/01 are read too), or undefined when not given. A month out
 * of reach (0000-01, 9999-12) is refused by the operation itself, with the reason and the month
 * meant (features/monthChoice.ts), as in Sheets.
 */
export function monthOption(context: CommandContext): MonthKey | undefined {
  const given = stringOption(context, 'month');
  if (given === undefined) return undefined;
  const match = /^\s*(\d{4})[-/.年](\d{1,2})月?\s*$/.exec(given);
  const month = match ? `${match[1]}-${(match[2] ?? '').padStart(2, '0')}` : given;
  const parsed = MonthKey.safeParse(month);
  if (!parsed.success) throw new CliError(2, 'cliBadMonth', { value: given });
  return parsed.data;
}

function workbookOptions(
  context: CommandContext,
  replaceForeignTabs = false,
  editsSourceSheets = false,
) {
  return {
    timeZone: context.timeZone,
    envLang: envLang(context.io.env),
    ...(context.langGiven ? { lang: context.lang } : {}),
    replaceForeignTabs,
    editsSourceSheets,
  };
}

export function newWorkbook(context: CommandContext): XlsxWorkbook {
  return XlsxWorkbook.create(workbookOptions(context));
}

/**
 * Reads `file`, showing the first step of the progress bar. `replaceForeignTabs` (generate
 * --force only) lets generated tabs replace tabs of the same name Gongfang did not make.
 * `changeLog: false` (partners, which neither writes the workbook nor reports its changes)
 * skips working out what changed since the last run; `editsSourceSheets` (check --mark) holds
 * the Pieces sheet's bytes from its read to its edit.
 */
export async function openWorkbook(
  context: CommandContext,
  file: string,
  steps: number,
  options: {
    readonly replaceForeignTabs?: boolean;
    readonly changeLog?: boolean;
    readonly editsSourceSheets?: boolean;
  } = {},
): Promise<XlsxWorkbook> {
  context.progress.phase(t(context.lang, 'cliProgressRead'), 0, steps);
  const label = shownPath(context, file);
  checkWorkbookFormat(file, label);
  const workbook = await XlsxWorkbook.open(
    file,
    workbookOptions(
      context,
      options.replaceForeignTabs === true,
      options.editsSourceSheets === true,
    ),
    label,
  );
  // What changed in the file since the last run, read before this one changes anything.
  if (options.changeLog !== false) noticeChanges(workbook);
  return workbook;
}

export function computing(context: CommandContext, steps: number): void {
  context.progress.phase(t(context.lang, 'cliProgressCompute'), 1, steps);
}

export interface WriteOptions {
  /** The workbook read, whose format (.xlsx or .xlsm) the written file keeps. */
  readonly source?: string;
  /**
   * A new file the command makes (demo, generate --out): an existing file there is replaced
   * only when gongfang wrote it and nobody changed it since, or with --force; and the file
   * written is remembered as such.
   */
  readonly newFile?: boolean;
  /**
   * The option that writes this file's content somewhere else, said when the file is
   * read-only: none for close, reopen, check and init, which write the workbook itself.
   */
  readonly elsewhere?: '--out' | '--out-dir';
}

/** A file the command will write: where it lands, locked by this run for the whole command. */
export interface PreparedWrite extends WriteTarget {
  readonly newFile: boolean;
  /** Lets go of the file's locks before the command ends (partners, one report after another). */
  readonly release: () => void;
}

/**
 * Everything done before the workbook is read, for a command that will write `file`: refuse
 * a name of another format, a folder/FIFO/device, a read-only file, a workbook open in Excel,
 * WPS or LibreOffice; then take the workbook's lock (waiting a few seconds for another
 * command), so that nobody else writes it between our read and our write.
 */
export async function prepareWrite(
  context: CommandContext,
  file: string,
  options: WriteOptions = {},
): Promise<PreparedWrite> {
  const label = shownPath(context, file);
  // The workbook read is checked first: a .csv given is about saving as .xlsx, not --out.
  if (options.source !== undefined) {
    checkWorkbookFormat(options.source, shownPath(context, options.source));
  }
  checkOutputName(file, label, options.source);
  let target: WriteTarget;
  let release: () => void;
  try {
    target = resolveWriteTarget(file, label);
    refuseIfOpenInOffice(target);
    release = await lockWorkbook(target.real, context.held, {
      waitMs: lockWaitMs(context),
      command: context.commandLine,
      formatSince: (since) => localTime(since, context.timeZone),
      label,
      env: context.io.env,
    });
  } catch (error) {
    throw readOnlyWithHint(error, label, options.elsewhere);
  }
  // Read again under the lock: the command we waited for may have just written it.
  const before = statOrNull(target.real);
  // --out naming the input itself (or a link to it) is an ordinary in-place write.
  const newFile =
    options.newFile === true &&
    !(options.source !== undefined && realPathOrNull(options.source) === target.real);
  if (
    newFile &&
    before &&
    context.options.force !== true &&
    !unchangedSinceWritten(context.io.env, target.real)
  ) {
    throw new CliError(2, 'fileWouldOverwrite', { file: label });
  }
  return { ...target, before, newFile, release };
}

/**
 * A read-only file is refused naming what would help: `--out` only where the command has one
 * that writes this content elsewhere (close, reopen, check --mark or init would be told of an
 * option they do not have, and partners writes its reports to --out-dir).
 */
function readOnlyWithHint(
  error: unknown,
  label: string,
  elsewhere: WriteOptions['elsewhere'],
): unknown {
  if (!(error instanceof WorkbookFileError) || error.key !== 'cliReadOnly') return error;
  if (elsewhere === '--out') return error;
  const key = elsewhere === '--out-dir' ? 'cliReadOnlyOutDir' : 'cliReadOnlyInPlace';
  return new WorkbookFileError(key, { file: label });
}

function realPathOrNull(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

/** GONGFANG_LOCK_WAIT_SECONDS, or 5 s: how long to wait for another command on the workbook. */
function lockWaitMs(context: CommandContext): number {
  const seconds = Number(context.io.env.GONGFANG_LOCK_WAIT_SECONDS);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_LOCK_WAIT_MS;
}

/** 2026-12-01 14:05:09 in `timeZone`. */
export function localTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** Writes the workbook to the prepared target: a complete temporary copy, then replaced. */
export async function saveWorkbook(
  context: CommandContext,
  workbook: XlsxWorkbook,
  target: PreparedWrite,
  steps: number,
): Promise<void> {
  context.progress.phase(t(context.lang, 'cliProgressWrite'), steps - 1, steps);
  // The change log, the protections and the new snapshot go with every write (docs/roles.md).
  recordRun(context, workbook);
  await writeSafely(target, context.held, (temporary) => workbook.writeTo(temporary));
  if (target.newFile) rememberWritten(context.io.env, target.real, context.io.now());
}

/** A file name relative to the working folder when it is inside it, for shorter messages. */
export function shownPath(context: CommandContext, file: string): string {
  const relative = path.relative(context.io.cwd, file);
  return relative !== '' && !relative.startsWith('..') ? relative : file;
}

/** The command that lists a workbook's problems, as staff can paste it: on `file`, shown. */
export function checkCommand(context: CommandContext, file: string): string {
  return nextCommand({ kind: 'check' }, shownPath(context, file), context.lang);
}

/** Stops with exit 2 when one of the tabs every command needs is missing. */
export function requireSourceTabs(context: CommandContext, workbook: XlsxWorkbook): void {
  refuseRenamedTabs(context, workbook);
  for (const spec of [RESIDENTS, ORDERS, PIECES]) {
    if (!workbook.hasTab(namesOf(spec))) {
      const file = context.files[0] ?? '';
      throw new CliError(2, 'cliTabMissing', { tab: labelOf(spec, context.lang), file });
    }
  }
  refuseHeadersBelowRowOne(workbook);
  refuseRenamedColumns(context, workbook);
}

/**
 * Stops generate and partners with exit 2 when a tab pay is read from lacks a column it cannot
 * do without (deleted in Excel): none of its rows counted, and generate wrote a payout of
 * ¥0.00 piece pay saying "Rows left out of pay because of errors: 2". Check lists it, and
 * close refuses; init --force adds the column again.
 */
export function refuseUnreadPayTabs(context: CommandContext, workbook: XlsxWorkbook): void {
  const unread = unreadColumns((spec) => workbook.readTab(namesOf(spec)), true);
  const deleted = unread.find((each) => PAY_TABS.includes(each.key));
  if (deleted) throw new CliError(2, 'cliTabNotRead', { ...deleted, file: context.files[0] ?? '' });
}

/**
 * Stops with exit 2 when a source tab's headers are below row 1 (a title row added above
 * them): the tab was read as having no header, none of its rows counted, and generate paid
 * ¥0.00 of piece pay saying "2 rows left out"; the advice, init --force, changed nothing.
 */
export function refuseHeadersBelowRowOne(workbook: XlsxWorkbook): void {
  for (const spec of SOURCE_TABS) {
    const contents = workbook.readTab(namesOf(spec));
    const row = contents === null ? null : headersRow(spec, contents.values);
    if (contents !== null && row !== null) {
      throw new CliError(2, 'cliHeadersBelowRowOne', { tab: contents.name, row });
    }
  }
}

/**
 * Stops with exit 2 when a required column's header was typed over in Excel (计件's 居民编号 as
 * 编号), naming the header to type back. The tab was read as lacking the column: none of its
 * rows counted, generate paid ¥0.00 of piece pay, and init --force, the advice, added an empty
 * 居民编号 beside the renamed one, so that every row then lacked its resident.
 */
export function refuseRenamedColumns(context: CommandContext, workbook: XlsxWorkbook): void {
  const [first] = renamedColumns(workbook, true);
  if (first !== undefined) throw new CliError(2, 'cliColumnRenamed', first);
}

/** Columns of the source tabs whose header was typed over (workbook/unreadColumns.ts). */
export function renamedColumns(workbook: XlsxWorkbook, required: boolean): UnreadColumn[] {
  const unread = unreadColumns((spec) => workbook.readTab(namesOf(spec)), required);
  return unread.filter((each) => each.renamed !== '');
}

/**
 * Stops with exit 2, naming it, when a source tab was renamed by staff (居民 → 居民表, 调整 →
 * 调整表). Read without it, a renamed 调整 paid no adjustment at all; and init --force, the
 * advice for a missing tab, added an empty tab beside the renamed one.
 */
export function refuseRenamedTabs(context: CommandContext, workbook: XlsxWorkbook): void {
  for (const spec of SOURCE_TABS) {
    if (workbook.hasTab(namesOf(spec))) continue;
    const renamed = renamedTab(spec, workbook);
    if (renamed !== null) {
      throw new CliError(2, 'cliTabRenamed', { tab: labelOf(spec, context.lang), renamed });
    }
  }
}
