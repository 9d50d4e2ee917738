/**
 * Check data's offer for closed months whose rows changed after closing. The report dialog
 * itself asks whether to write the correction rows (Yes/No); only on Yes does a follow-up
 * operation take the document lock, work the corrections out again from a fresh read (a
 * colleague may have written them meanwhile) and append those still owed to 调整 / Adjustments
 * in one write.
 *
 *   const offer = correctionsOffer(report, today); // null when there is nothing to write
 */
import type { IsoDate } from '../domain/records';
import type { CheckReport } from '../features/checkData';
import { applyCorrections } from '../features/closedMonths';
import { t } from '../i18n';
import { auditTime, ownWrite } from '../features/audit';
import { ADJUSTMENTS, namesOf } from '../workbook/layout';
import { logOwnWrite } from './audit';
import { Caller, checkRole } from './roles';
import type { Operation } from './run';

export interface CorrectionsOffer {
  /** Ends the report's text; answered with Yes or No. */
  readonly question: string;
  /** Runs on Yes, under the document lock. */
  readonly followUp: Operation;
}

export function correctionsOffer(report: CheckReport, today: IsoDate): CorrectionsOffer | null {
  const { lang, corrections } = report;
  if (corrections.length === 0) return null;
  return {
    question: t(lang, 'correctionsConfirm'),
    followUp: {
      name: (userLang) => t(userLang, 'correctionsTitle'),
      run: (workbook) => {
        // Correction rows are pay: managers only, checked again under the lock.
        const caller = new Caller(workbook.spreadsheet);
        checkRole('applyCorrections', caller, workbook, {
          lang,
          operation: t(lang, 'correctionsTitle'),
        });
        const written = applyCorrections(workbook, corrections, { today });
        if (written > 0) {
          logOwnWrite(
            workbook,
            () =>
              ownWrite('corrections', {
                at: auditTime(new Date(), workbook.info().timeZone),
                user: caller.email,
                tab: workbook.tabName(namesOf(ADJUSTMENTS)) ?? '',
                rows: written,
                details: t(lang, 'auditCorrections', { count: written }),
              }),
            { lang, intoAudit: true },
          );
        }
        const message =
          written > 0
            ? t(lang, 'correctionsApplied', { count: written })
            : t(lang, 'correctionsNothingLeft');
        return { title: t(lang, 'correctionsTitle'), message };
      },
    },
  };
}
