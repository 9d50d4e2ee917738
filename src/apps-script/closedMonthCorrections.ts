/**
 * Check data's follow-up for closed months whose rows changed after closing: shows the
 * differences and, only when staff answer Yes, writes the correction rows to 调整 / Adjustments
 * (holding the document lock for the write). Check data calls it after its own report:
 *
 *   const text = offerClosedMonthCorrections(workbook, ledger, today); // '' when nothing changed
 */
import type { IsoDate } from '../domain/records';
import {
  applyCorrections,
  closedMonthChanges,
  describeChanges,
  readClosings,
} from '../features/closedMonths';
import type { Ledger } from '../features/loadLedger';
import { t } from '../i18n';
import type { Workbook } from '../workbook/port';
import { LOCK_WAIT_MS } from './run';

/** The report's text ('' when no closed month changed); asks before writing anything. */
export function offerClosedMonthCorrections(
  workbook: Workbook,
  ledger: Ledger,
  today: IsoDate,
): string {
  const closings = readClosings(workbook, { timeZone: ledger.timeZone, lang: ledger.lang });
  if (closings.closed.length === 0) return '';
  const changes = closedMonthChanges(ledger, closings, today);
  if (changes.length === 0) return '';
  const lines = describeChanges(ledger, changes);
  const corrections = changes.flatMap((change) => change.corrections);
  if (corrections.length === 0) return lines.join('\n');
  const ui = SpreadsheetApp.getUi();
  const question = [...lines, '', t(ledger.lang, 'correctionsConfirm')].join('\n');
  const answer = ui.alert(t(ledger.lang, 'correctionsTitle'), question, ui.ButtonSet.YES_NO);
  if (answer !== ui.Button.YES) return lines.join('\n');
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return [...lines, t(ledger.lang, 'busy')].join('\n');
  try {
    const written = applyCorrections(workbook, corrections, { today });
    return [...lines, t(ledger.lang, 'correctionsApplied', { count: written })].join('\n');
  } finally {
    lock.releaseLock();
  }
}
