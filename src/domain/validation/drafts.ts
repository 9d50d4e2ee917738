/**
 * Rows as the codecs read them, before validation: every field is a Decoded value, null when
 * the cell was empty (or its column absent). Validation turns drafts into records.
 */
import type * as z from 'zod/mini';
import type { CategoryKey, IsoDate, MonthKey, OrderStatusKey } from '../records';
import type { Decoded } from './codes';

export type Category = z.infer<typeof CategoryKey>;
export type OrderStatus = z.infer<typeof OrderStatusKey>;

interface Located {
  /** Sheet row number (the header is row 1). */
  readonly row: number;
}

export interface ResidentDraft extends Located {
  readonly id: Decoded<string | null>;
  readonly name: Decoded<string>;
  readonly phone: Decoded<string>;
  readonly category: Decoded<Category | null>;
  readonly skills: Decoded<string>;
  readonly joined: Decoded<IsoDate | null>;
  readonly active: Decoded<boolean>;
  readonly notes: Decoded<string>;
}

export interface PartnerDraft extends Located {
  readonly id: Decoded<string | null>;
  readonly name: Decoded<string>;
  readonly contact: Decoded<string>;
  readonly shareEmails: Decoded<string[]>;
  readonly report: Decoded<string>;
  readonly notes: Decoded<string>;
  readonly language: Decoded<string>;
  readonly reportLink: Decoded<string>;
}

export interface OrderDraft extends Located {
  readonly id: Decoded<string | null>;
  readonly partner: Decoded<string | null>;
  readonly product: Decoded<string>;
  readonly craft: Decoded<string>;
  readonly payRate: Decoded<number | null>;
  readonly partnerPrice: Decoded<number | null>;
  readonly quantity: Decoded<number | null>;
  readonly received: Decoded<IsoDate | null>;
  readonly due: Decoded<IsoDate | null>;
  readonly status: Decoded<OrderStatus | null>;
  readonly notes: Decoded<string>;
}

export interface PieceDraft extends Located {
  readonly date: Decoded<IsoDate | null>;
  readonly resident: Decoded<string | null>;
  readonly order: Decoded<string | null>;
  readonly completed: Decoded<number | null>;
  readonly rejected: Decoded<number | null>;
  readonly recordedBy: Decoded<string>;
  readonly notes: Decoded<string>;
  readonly entry: Decoded<string | null>;
}

export interface AdjustmentDraft extends Located {
  readonly month: Decoded<MonthKey | null>;
  readonly resident: Decoded<string | null>;
  readonly amount: Decoded<number | null>;
  readonly reason: Decoded<string>;
  /** Absent in drafts built before the column existed (tests, sidebars). */
  readonly correctsMonth?: Decoded<MonthKey | null>;
}

export type SettingKey =
  | 'organization'
  | 'currency'
  | 'language'
  | 'autoCorrect'
  | 'closingsRecord'
  | 'payThreshold'
  | 'archive'
  | 'managers';

export interface SettingDraft extends Located {
  /** The setting's name as typed. */
  readonly setting: Decoded<string>;
  /** The setting the name stands for, in either language; null when it names none. */
  readonly key: SettingKey | null;
  readonly value: Decoded<string>;
}

/**
 * How a source tab was found: missing, present without a header row, or read. `unread`: the
 * operation chose not to read it (Generate leaves 合作单位 / Partners alone), which is not the
 * same as missing: nothing is said about the tab, and nothing is checked against it.
 */
export type TabState =
  | { readonly found: false; readonly unread?: true }
  | { readonly found: true; readonly headerRow: false }
  | { readonly found: true; readonly headerRow: true; readonly missingColumns: readonly string[] };
