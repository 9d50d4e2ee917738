/** Quoting cell contents in messages and notes: short, on one line. */

/** Longest quotation of a cell in a message or note; the rest becomes "…". */
export const MAX_QUOTED_LENGTH = 40;

/** Text for a message: one line, at most MAX_QUOTED_LENGTH characters (a 50,000-character cell is not copied). */
export function shortenValue(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= MAX_QUOTED_LENGTH) return oneLine;
  const characters = Array.from(oneLine.slice(0, MAX_QUOTED_LENGTH * 2));
  return characters.length <= MAX_QUOTED_LENGTH
    ? oneLine
    : `${characters.slice(0, MAX_QUOTED_LENGTH).join('')}…`;
}
