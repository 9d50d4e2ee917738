/**
 * Years moved to an archive (Archive year, archiveYear.ts): their rows live in the archive, and
 * the live sheet keeps only rows carried forward in their place. Their months can no longer be
 * generated, closed or reopened, and Check data does not compare them with their closings: the
 * archive holds their rows, and what they paid is in Closings and in the archive.
 */
import type { MonthKey, Settings } from '../domain/records';
import { archivedYears } from '../domain/year';
import { refusal } from './errors';

/** Where the year of `month` was archived, or null when it was not. */
export function archiveOf(settings: Pick<Settings, 'archives'>, month: MonthKey): string | null {
  const location = archivedYears(settings).get(Number(month.slice(0, 4)));
  return location === undefined ? null : location;
}

export function isArchivedMonth(settings: Pick<Settings, 'archives'>, month: MonthKey): boolean {
  return archiveOf(settings, month) !== null;
}

/** Refuses a month of an archived year (Generate, Close, Reopen). */
export function refuseArchivedMonth(settings: Pick<Settings, 'archives'>, month: MonthKey): void {
  const location = archiveOf(settings, month);
  if (location !== null) throw refusal('monthArchived', { month, location: location || '—' });
}
