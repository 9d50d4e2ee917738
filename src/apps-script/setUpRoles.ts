/**
 * What Set up adds for roles and the audit (docs/roles.md), after the tabs and columns: the
 * audit's tabs and triggers, then the managers-only protections (which take in the Audit tab),
 * then one Audit row saying who set up and who the managers are. Set up itself is a managers'
 * operation (checked before anything is written).
 */
import { rolesApply } from '../domain/roles';
import { auditTime, ownWrite } from '../features/audit';
import { managersOf } from '../features/roles';
import { type Lang, t } from '../i18n';
import { turnOnAudit, logOwnWrite } from './audit';
import { applyRoleProtections } from './protections';
import type { Caller } from './roles';
import type { SheetsWorkbook } from './sheetsWorkbook';

/** The lines Set up's report adds. */
export function setUpRolesAndAudit(workbook: SheetsWorkbook, lang: Lang, caller: Caller): string[] {
  const spreadsheet = workbook.spreadsheet;
  const managers = managersOf(workbook);
  const on = rolesApply(managers);
  const audit = turnOnAudit(spreadsheet, workbook, { lang, caller, managers, protecting: on });
  const lines = [audit.line];
  // Without managers, and none before, there is nothing to protect or to lift: no calls.
  const outcome =
    on || audit.wasProtected
      ? applyRoleProtections(spreadsheet, workbook, {
          lang,
          managers,
          me: on ? caller.email : '',
          owner: on ? caller.owner() : '',
        })
      : { applied: [], removed: 0, staffKept: [] };
  const separator = lang === 'zh-CN' ? '、' : ', ';
  if (outcome.applied.length > 0) {
    lines.push(t(lang, 'rolesApplied', { places: outcome.applied.join(separator) }));
  }
  if (!on && outcome.removed > 0) lines.push(t(lang, 'rolesRemoved'));
  for (const tab of outcome.staffKept) lines.push(t(lang, 'rolesStaffKept', { tab }));
  logOwnWrite(
    workbook,
    () =>
      ownWrite('setUp', {
        at: auditTime(new Date(), workbook.info().timeZone),
        user: caller.email,
        details: on ? t(lang, 'auditSetUp', { managers: managers.join(separator) }) : '',
      }),
    { lang, intoAudit: true },
  );
  return lines;
}
