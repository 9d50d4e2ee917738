/**
 * The .xlsx change log, run by run (docs/roles.md): when a workbook is read, what changed in its
 * source tabs since the last run that wrote it is worked out (features/fileChanges.ts, from the
 * snapshot the file keeps: xlsx/auditSnapshot.ts). A plain `check` only says so: it never
 * writes. A command that writes the workbook anyway (generate, close, reopen, check --correct or
 * --mark, init) records those changes and its own writes on 审计 / Audit — who and when as the
 * file records it (docProps) — and takes the snapshot again, in the same save; the snapshot tab
 * is rewritten only when what it holds changed. Closings, Audit and the snapshot are protected
 * (no password).
 */
import * as os from 'node:os';
import type { AuditEntry } from '../domain/audit';
import { appendAudit, auditTabSetup, auditTime, ownWrite } from '../features/audit';
import type { CellValue } from '../workbook/cells';
import {
  type FileChange,
  type RowSnapshot,
  changeEntries,
  fileChanges,
  CELL_SEPARATOR,
  sameSnapshot,
  snapshotOf,
  textHash,
} from '../features/fileChanges';
import { closedMonthKeys, readClosingsFirst, sheetLanguage } from '../features/monthData';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import { AUDIT, CLOSINGS, SOURCE_TABS, namesOf, normalizeName } from '../workbook/layout';
import {
  type ReadDigests,
  type AuditPrefix,
  type StoredSnapshot,
  storeSnapshot,
  storedSnapshot,
} from '../xlsx/auditSnapshot';
import type { XlsxWorkbook } from '../xlsx/xlsxWorkbook';
import type { CommandContext } from './context';

interface RunAudit {
  /** What changed since the last run; [] on the first. */
  readonly changes: readonly FileChange[];
  /** The snapshot the file keeps; null: none (this run starts the log). */
  readonly stored: StoredSnapshot | null;
  /** The source tabs as the run found them, to reuse for the tabs it did not edit. */
  readonly found: RowSnapshot;
  /** No snapshot was kept: this run starts the log. */
  readonly firstRun: boolean;
  /**
   * No snapshot, yet Audit has rows: the log was kept before and its snapshot tab was deleted
   * or damaged since (or the file comes from Sheets). What changed in between is unknown, which
   * is said rather than left a silent gap.
   */
  readonly restarted: boolean;
  /**
   * A snapshot, yet no Audit tab: the log was kept and its tab deleted (or renamed) since. The
   * run makes it again; its first row says the earlier rows are not in this file any more.
   */
  readonly auditGone: boolean;
  /**
   * Audit no longer begins with the rows it had when the snapshot was stored: rows removed or
   * edited in the file (its protection lifted). Only ever appended to by Gongfang, so said.
   */
  readonly auditEdited?: boolean;
  /** The command's own writes, logged with the changes. */
  readonly own: AuditEntry[];
}

const runs = new WeakMap<XlsxWorkbook, RunAudit>();

/** Reads what changed since the last run, before the command changes anything. */
export function noticeChanges(workbook: XlsxWorkbook): RunAudit {
  const known = runs.get(workbook);
  if (known !== undefined) return known;
  const stored = storedSnapshot(workbook);
  // Hashes of the rows the command reads anyway: no text unless a row's hash changed; none at
  // all for a tab read from the very bytes the snapshot was stored for.
  const found = snapshotOf(workbook, (key, names) => {
    const before = stored?.tabs[key];
    const digest = before === undefined ? null : workbook.readDigest(names);
    return digest !== null && stored?.reads[key] === digest ? (before ?? null) : null;
  });
  let changes: FileChange[] = [];
  if (stored !== null && !sameSnapshot(stored, found)) {
    changes = fileChanges(stored, found, {
      closedMonths: new Set(closedMonthKeys(readClosingsFirst(workbook))),
      timeZone: workbook.info().timeZone,
      lang: languageOf(workbook),
    });
  }
  const restarted = stored === null && auditHasRows(workbook);
  const audit = workbook.readTab(namesOf(AUDIT), { exactName: true });
  const auditGone = stored !== null && audit === null;
  const kept = stored?.audit;
  const auditEdited =
    kept !== undefined &&
    audit !== null &&
    auditPrefix(audit.values.slice(1), kept.count).hash !== kept.hash;
  const run: RunAudit = {
    changes,
    stored,
    found,
    firstRun: stored === null,
    restarted,
    auditGone,
    auditEdited,
    own: [],
  };
  runs.set(workbook, run);
  return run;
}

/**
 * Audit's first `count` rows below its header (all when not given), and a hash of their cells'
 * texts. Fewer rows than `count` hash as what they are, so never as the stored hash.
 */
export function auditPrefix(
  rows: readonly (readonly CellValue[])[],
  count = trimmedLength(rows),
): AuditPrefix {
  const text = rows
    .slice(0, count)
    .map((row) => row.map(cellWords).join(CELL_SEPARATOR).replace(TRAILING_BLANKS, ''))
    .join('\n');
  const [h1, h2] = textHash(text);
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  const found = Math.min(count, rows.length);
  return { count: found, hash: `${found}:${hex(h1)}${hex(h2)}` };
}

const TRAILING_BLANKS = new RegExp(`${CELL_SEPARATOR}+$`);

function cellWords(cell: CellValue | undefined): string {
  if (cell instanceof Date) return cell.toISOString();
  return cell === undefined ? '' : String(cell).trim();
}

/** Rows up to the last one with a value (a save may keep empty rows below). */
function trimmedLength(rows: readonly (readonly CellValue[])[]): number {
  let length = rows.length;
  while (length > 0 && (rows[length - 1] ?? []).every((cell) => cellWords(cell) === ''))
    length -= 1;
  return length;
}

function auditHasRows(workbook: XlsxWorkbook): boolean {
  return (workbook.readTab(namesOf(AUDIT), { exactName: true })?.values.length ?? 0) > 1;
}

/**
 * Why the log starts again this run (RunAudit.restarted, .auditGone, .auditEdited), or null: it
 * goes on.
 */
export function logRestarted(
  workbook: XlsxWorkbook,
): 'snapshotGone' | 'auditGone' | 'auditEdited' | null {
  const run = noticeChanges(workbook);
  if (run.restarted) return 'snapshotGone';
  if (run.auditGone) return 'auditGone';
  return run.auditEdited === true ? 'auditEdited' : null;
}

/** Whether this run has anything to record (changes, or the log's first snapshot). */
export function hasChangesToRecord(workbook: XlsxWorkbook): boolean {
  const run = noticeChanges(workbook);
  return run.firstRun || run.changes.length > 0;
}

/** One of the command's own writes (generate, close…), logged when the workbook is written. */
export function noteOwnWrite(
  context: CommandContext,
  workbook: XlsxWorkbook,
  entry: (who: { at: string; user: string; lang: Lang }) => AuditEntry,
): void {
  const lang = languageOf(workbook);
  const at = auditTime(context.io.now(), context.timeZone);
  noticeChanges(workbook).own.push(entry({ at, user: systemUserName(), lang }));
}

/**
 * The audit rows this run will write: the changes found in the file, who and when as the file
 * records it (the last save's docProps), then the command's own writes.
 */
export function pendingEntries(context: CommandContext, workbook: XlsxWorkbook): AuditEntry[] {
  const run = noticeChanges(workbook);
  const lang = languageOf(workbook);
  const record = workbook.fileRecord();
  const at = auditTime(record.modified ?? context.io.now(), context.timeZone);
  const who = {
    at,
    user: savedBy(workbook, lang),
    details: t(lang, 'auditFileDetails', { modified: at }),
  };
  const why = logRestarted(workbook);
  const restart =
    why === null
      ? []
      : [
          ownWrite('logRestarted', {
            ...who,
            details: t(lang, RESTART_DETAILS[why]),
          }),
        ];
  return [...restart, ...changeEntries(run.changes, who), ...run.own];
}

/**
 * Who last saved the file, as it records it, in `lang`: the ledger's on Audit, the run's in
 * what check prints (an English run on a Chinese ledger printed "王老师（文件记录）").
 */
export function savedBy(workbook: XlsxWorkbook, lang: Lang): string {
  const who = workbook.fileRecord().lastModifiedBy;
  // A file saved by a tool that records no one: not Sheets' "outside the domain".
  return who === null ? t(lang, 'auditFileWhoUnknown') : t(lang, 'auditFileWho', { who });
}

const RESTART_DETAILS = {
  snapshotGone: 'auditLogRestarted',
  auditGone: 'auditTabGone',
  auditEdited: 'auditTabEdited',
} as const;

/**
 * Before the workbook is written: the Audit rows, the protections and, when the source tabs
 * differ from what the file keeps, the new snapshot — in the same save.
 */
export function recordRun(context: CommandContext, workbook: XlsxWorkbook): void {
  const lang = languageOf(workbook);
  const run = noticeChanges(workbook);
  const entries = pendingEntries(context, workbook);
  if (workbook.readTab(namesOf(AUDIT), { exactName: true }) === null) {
    workbook.setUpTabs([auditTabSetup(AUDIT, lang)]);
  }
  appendAudit(workbook, entries, lang);
  workbook.protectTab(namesOf(AUDIT));
  workbook.protectTab(namesOf(CLOSINGS));
  const now = snapshotNow(workbook, run.found);
  const reads = readDigests(workbook, now);
  // Audit as this run leaves it, when the snapshot is stored: made again or edited, that is
  // the one later runs must find. Stored with the snapshot only (an unchanged workbook keeps its
  // snapshot's bytes), so a later run checks the rows up to then.
  const audit = (): AuditPrefix =>
    auditPrefix(workbook.readTab(namesOf(AUDIT), { exactName: true })?.values.slice(1) ?? []);
  const stored =
    run.stored === null ||
    !sameSnapshot(run.stored, now) ||
    worthStoring(run.stored, reads, now) ||
    run.auditGone ||
    run.auditEdited === true
      ? { ...now, reads, audit: audit() }
      : run.stored;
  if (stored !== run.stored) storeSnapshot(workbook, now, lang, run.stored, reads, stored.audit);
  runs.set(workbook, {
    changes: [],
    stored,
    found: now,
    firstRun: false,
    restarted: false,
    auditGone: false,
    auditEdited: false,
    own: [],
  });
}

/**
 * The source tabs as the run leaves them. Generate writes no source tab: the rows found when
 * the run began are the rows now. Only a source tab the run edited (corrections appended, marks,
 * Set up, close's line in Settings) is hashed again; the others keep their hashes as found (at
 * 100,000 rows, close hashed Pieces twice for a line added to Settings).
 */
function snapshotNow(workbook: XlsxWorkbook, found: RowSnapshot): RowSnapshot {
  const edited = new Set(workbook.editedTabs().map(normalizeName));
  const again = SOURCE_TABS.filter((spec) =>
    namesOf(spec).some((name) => edited.has(normalizeName(name))),
  );
  if (again.length === 0) return found;
  const names = new Set(again.flatMap((spec) => namesOf(spec)));
  // The edited tabs read through the workbook; the others answered as absent, kept as found.
  const editedOnly = Object.create(workbook) as XlsxWorkbook;
  editedOnly.readTab = (asked, options) =>
    asked.some((name) => names.has(name)) ? workbook.readTab(asked, options) : null;
  const tabs = { ...found.tabs };
  for (const spec of again) delete tabs[spec.key];
  return { tabs: { ...tabs, ...snapshotOf(editedOnly).tabs } };
}

/** The read digests of the tabs as this run leaves them; none for a tab it edited or marked. */
function readDigests(workbook: XlsxWorkbook, snapshot: RowSnapshot): ReadDigests {
  const reads: ReadDigests = {};
  for (const spec of SOURCE_TABS) {
    const digest = snapshot.tabs[spec.key] ? workbook.readDigest(namesOf(spec)) : null;
    if (digest !== null) reads[spec.key] = digest;
  }
  return reads;
}

/** Rows of a tab whose new read digest alone is worth storing the snapshot again. */
export const READ_DIGEST_WORTH = 10_000;

/**
 * Whether new read digests alone are worth storing the snapshot again, which holds every tab's
 * rows: for a big tab of a tenth of them or more (a Pieces tab after check --mark, or saved by
 * another application with no value changed), whose hashes every later run then skips; not for
 * Settings after close, nor for any tab of a small workbook (the snapshot is then written only
 * when a value changed, as before).
 */
function worthStoring(stored: StoredSnapshot, reads: ReadDigests, now: RowSnapshot): boolean {
  const total = SOURCE_TABS.reduce((n, spec) => n + (now.tabs[spec.key]?.rows.length ?? 0), 0);
  return SOURCE_TABS.some((spec) => {
    const digest = reads[spec.key];
    const rows = now.tabs[spec.key]?.rows.length ?? 0;
    const big = rows >= READ_DIGEST_WORTH && 10 * rows >= total;
    return big && digest !== undefined && digest !== stored.reads[spec.key];
  });
}

/** The changes of this run, as `check` prints them. */
export function changesOf(workbook: XlsxWorkbook): readonly FileChange[] {
  return noticeChanges(workbook).changes;
}

/** An own write's entry; `fields` in the workbook's language. */
export function ownEntry(
  action: AuditEntry['action'],
  fields: (lang: Lang) => Partial<AuditEntry>,
): (who: { at: string; user: string; lang: Lang }) => AuditEntry {
  return (who) => ownWrite(action, { ...fields(who.lang), at: who.at, user: who.user });
}

function languageOf(workbook: XlsxWorkbook): Lang {
  try {
    return sheetLanguage(workbook);
  } catch {
    return 'zh-CN';
  }
}

function systemUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}
