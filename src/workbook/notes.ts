/** How a Gongfang mark and staff's own note share one cell note, on both backends. */
import { MARK_NOTE_PREFIX } from './port';

/** Between a Gongfang mark and the staff note it sits on, so clearing the mark restores it. */
export const STAFF_NOTE_SEPARATOR = '\n———\n';

/** The staff's own part of a cell note (all of it when Gongfang has not marked the cell). */
export function staffPartOf(note: string): string {
  if (!note.startsWith(MARK_NOTE_PREFIX)) return note;
  const at = note.indexOf(STAFF_NOTE_SEPARATOR);
  return at < 0 ? '' : note.slice(at + STAFF_NOTE_SEPARATOR.length);
}

export function markedNote(mark: string, staffPart: string): string {
  return staffPart === '' ? mark : `${mark}${STAFF_NOTE_SEPARATOR}${staffPart}`;
}
