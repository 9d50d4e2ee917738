/**
 * A problem found in the data, located as staff see it. The domain names the problem by a
 * message key and its parameters; the text is rendered in the sheet's language at the edge.
 */

/** The source tabs staff edit (their layout lives in workbook/layout.ts). */
export type SourceTabKey =
  'residents' | 'partners' | 'orders' | 'pieces' | 'adjustments' | 'settings';

export type Severity = 'error' | 'warning';

/** Values a problem message may mention; each message uses the ones it needs. */
export interface ProblemParams {
  /** The offending value as the cell shows it, shortened. */
  readonly value?: string;
  /** Another row, ID, date or figure the message refers to. */
  readonly other?: string;
  readonly count?: number;
}

export interface Problem {
  readonly severity: Severity;
  readonly tab: SourceTabKey;
  /** Sheet row number (header is row 1). */
  readonly row: number;
  /** Column key from the layout, or null when the problem is the whole row or tab. */
  readonly column: string | null;
  /** Key of a message in src/i18n/messages/validation.ts. */
  readonly code: string;
  readonly params: ProblemParams;
}
