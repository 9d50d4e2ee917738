/**
 * The protections roles call for, applied by Set up when a manager runs it (docs/roles.md):
 * Settings, Closings, Audit and its archive whole, and the Pay rate, Partner price, Share
 * emails and Report columns, editable only by the owner and the managers — real protections,
 * not warning-only. Idempotent: a second run changes nothing; a protection Gongfang did not make
 * (staff's own) is never touched. With no managers listed, Gongfang's managers-only protections
 * go again, and Closings and Audit are back to warning-only.
 *
 * The editors are set as the reference's own example does: "Ensure the current user is an
 * editor before removing others", then remove the others, then add who may edit; a new
 * protection otherwise mirrors the spreadsheet's editors.
 * https://developers.google.com/apps-script/reference/spreadsheet/protection
 */
import { MANAGED_COLUMNS, rolesApply } from '../domain/roles';
import { type Lang, t } from '../i18n';
import { columnLetter } from '../workbook/cells';
import {
  AUDIT,
  AUDIT_ARCHIVE,
  CLOSINGS,
  ORDERS,
  PARTNERS,
  SETTINGS,
  type TabSpec,
  labelOf,
  namesOf,
} from '../workbook/layout';
import { matchHeaders } from '../workbook/tables';
import type { SheetsWorkbook } from './sheetsWorkbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface ProtectionOutcome {
  /** Places now editable by managers only, in words. */
  readonly applied: readonly string[];
  /** Gongfang's managers-only protections removed (no managers listed). */
  readonly removed: number;
  /** Tabs whose own (staff's) sheet protection was left as it was. */
  readonly staffKept: readonly string[];
}

/** Descriptions Gongfang writes on protections, in both languages: anything else is staff's. */
function gongfangDescriptions(): Set<string> {
  const keys = ['rolesProtection', 'closingsProtection', 'auditProtection'] as const;
  return new Set(keys.flatMap((key) => [t('zh-CN', key), t('en', key)]));
}

const WARNING_ONLY_TABS: readonly TabSpec[] = [CLOSINGS, AUDIT, AUDIT_ARCHIVE];
const WHOLE_TABS: readonly TabSpec[] = [SETTINGS, CLOSINGS, AUDIT, AUDIT_ARCHIVE];

/**
 * Applies (or, without managers, lifts) the managers-only protections. `editors`: the managers,
 * plus the owner (never removable) and the person running Set up, who must stay an editor.
 */
export function applyRoleProtections(
  spreadsheet: Spreadsheet,
  workbook: SheetsWorkbook,
  options: {
    readonly lang: Lang;
    readonly managers: readonly string[];
    readonly me: string;
    readonly owner: string;
  },
): ProtectionOutcome {
  const { lang } = options;
  const on = rolesApply(options.managers);
  const ours = gongfangDescriptions();
  const editors = [...new Set([...options.managers, options.me].filter((e) => e !== ''))];
  const wanted = new Set([...editors, ...(options.owner === '' ? [] : [options.owner])]);
  const applied: string[] = [];
  const staffKept: string[] = [];
  let removed = 0;
  const sheetOf = (spec: TabSpec): { name: string; sheet: Sheet } | null => {
    const exact = spec.key !== 'settings';
    const name = workbook.tabName(namesOf(spec), { exactName: exact });
    if (name === null) return null;
    const sheet = workbook.knownSheet(name) ?? spreadsheet.getSheetByName(name);
    return sheet === null ? null : { name, sheet };
  };

  for (const spec of WHOLE_TABS) {
    const found = sheetOf(spec);
    if (found === null) continue;
    const [existing] = found.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    if (existing !== undefined && !ours.has(existing.getDescription())) {
      staffKept.push(found.name);
      continue;
    }
    if (on) {
      const protection = existing ?? found.sheet.protect();
      managersOnly(protection, t(lang, 'rolesProtection'), editors, wanted);
      applied.push(t(lang, 'rolesTab', { tab: found.name }));
    } else if (existing !== undefined && !existing.isWarningOnly()) {
      removed += 1;
      if (WARNING_ONLY_TABS.includes(spec)) {
        const key = spec === CLOSINGS ? 'closingsProtection' : 'auditProtection';
        existing.setWarningOnly(true).setDescription(t(lang, key));
      } else {
        existing.remove();
      }
    }
  }

  for (const spec of [ORDERS, PARTNERS] as const) {
    const contents = workbook.readTab(namesOf(spec));
    const sheet = contents === null ? null : workbook.knownSheet(contents.name);
    if (contents === null || sheet === null) continue;
    const match = matchHeaders(spec, contents.values[0]);
    const columns = new Map<string, number>(
      Object.entries(match.columns).filter(
        (entry): entry is [string, number] => entry[1] !== undefined,
      ),
    );
    const columnsWanted = new Map<string, string>();
    for (const managed of MANAGED_COLUMNS) {
      const column = managed.tab === spec.key ? columns.get(managed.column) : undefined;
      if (column === undefined) continue;
      const letter = columnLetter(column);
      columnsWanted.set(`${letter}:${letter}`, managed.column);
    }
    const mine = sheet
      .getProtections(SpreadsheetApp.ProtectionType.RANGE)
      .filter(
        (p) =>
          p.getDescription() === t('zh-CN', 'rolesProtection') ||
          p.getDescription() === t('en', 'rolesProtection'),
      );
    const kept = new Set<string>();
    for (const protection of mine) {
      const a1 = columnA1(protection.getRange().getA1Notation());
      if (on && columnsWanted.has(a1) && !kept.has(a1)) {
        managersOnly(protection, t(lang, 'rolesProtection'), editors, wanted);
        kept.add(a1);
      } else {
        // A column that moved, or no managers any more: Gongfang's own protection goes.
        protection.remove();
        removed += 1;
      }
    }
    if (!on) continue;
    for (const [a1, key] of columnsWanted) {
      if (!kept.has(a1)) {
        managersOnly(sheet.getRange(a1).protect(), t(lang, 'rolesProtection'), editors, wanted);
      }
      const column = spec.columns.find((c) => c.key === key);
      applied.push(
        t(lang, 'rolesColumn', {
          tab: contents.name,
          column: column ? labelOf(column, lang) : key,
        }),
      );
    }
  }
  return { applied, removed, staffKept };
}

/** "E1:E1000" (how a column range reads back) or "E:E" → "E:E". */
function columnA1(a1: string): string {
  const match = /^([A-Z]+)\d*:([A-Z]+)\d*$/.exec(a1);
  return match ? `${match[1]}:${match[2]}` : a1;
}

/**
 * Real protection, with exactly `wanted` as editors (`editors` plus the owner, who cannot be
 * removed). Nothing is written when the protection already is so.
 */
function managersOnly(
  protection: Protection,
  description: string,
  editors: readonly string[],
  wanted: ReadonlySet<string>,
): void {
  if (protection.getDescription() !== description) protection.setDescription(description);
  if (protection.isWarningOnly()) protection.setWarningOnly(false);
  const current = protection.getEditors();
  const emails = current.map((user) => user.getEmail().toLowerCase());
  const same = emails.length === wanted.size && emails.every((email) => wanted.has(email));
  if (!same) {
    protection.addEditors([...editors]);
    protection.removeEditors(current.filter((user) => !wanted.has(user.getEmail().toLowerCase())));
  }
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}
