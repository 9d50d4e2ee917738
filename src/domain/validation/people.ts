/** Rules for the Residents and Partners tabs. */
import type { Partner, Resident } from '../records';
import type { Decoded, ValidationProblem } from './codes';
import type { PartnerDraft, ResidentDraft } from './drafts';
import { RowProblems, idKey, problemsOf, reportShared } from './problemList';

export interface Checked<R> {
  /** Rows without errors. */
  readonly records: R[];
  /** Keys (idKey) of every ID present on the tab, including rows with errors. */
  readonly allIds: ReadonlySet<string>;
  readonly problems: ValidationProblem[];
}

/** Drafts with IDs checked for presence and uniqueness; `build` reads the rest of each row. */
export function checkIdentified<
  D extends { readonly row: number; readonly id: Decoded<string | null> },
  R,
>(
  tab: 'residents' | 'partners' | 'orders',
  drafts: readonly D[],
  build: (draft: D, id: string, check: RowProblems) => R,
): Checked<R> {
  const checks = new Map(drafts.map((d) => [d.row, new RowProblems(tab, d.row)]));
  const ids = new Map<number, string | null>();
  for (const draft of drafts) {
    const check = checks.get(draft.row) as RowProblems;
    ids.set(draft.row, check.required('id', draft.id, 'idMissing'));
  }
  const idOf = (draft: D): string | null => ids.get(draft.row) ?? null;
  reportShared(drafts, idOf, (row) => checks.get(row), 'id', 'duplicateId');
  const records: R[] = [];
  for (const draft of drafts) {
    const check = checks.get(draft.row) as RowProblems;
    const id = ids.get(draft.row);
    const record = build(draft, id ?? '', check);
    if (id !== null && id !== undefined && !check.hasError) records.push(record);
  }
  const allIds = new Set(drafts.map(idOf).flatMap((id) => (id === null ? [] : [idKey(id)])));
  const problems = problemsOf(checks.values());
  return { records, allIds, problems };
}

export function checkResidents(drafts: readonly ResidentDraft[]): Checked<Resident> {
  return checkIdentified('residents', drafts, residentRow);
}

/** One Residents row's own rules, its ID already taken (rows.ts applies them to edited rows). */
export function residentRow(d: ResidentDraft, id: string, check: RowProblems): Resident {
  return {
    row: d.row,
    id,
    name: check.take('name', d.name, 'warning', ''),
    phone: check.take('phone', d.phone, 'warning', ''),
    category: check.take('category', d.category, 'warning', null),
    skills: check.take('skills', d.skills, 'warning', ''),
    joined: check.take('joined', d.joined, 'warning', null),
    active: check.take('active', d.active, 'warning', true),
    notes: check.take('notes', d.notes, 'warning', ''),
  };
}

export function checkPartners(drafts: readonly PartnerDraft[]): Checked<Partner> {
  return checkIdentified('partners', drafts, partnerRow);
}

/** One Partners row's own rules, its ID already taken. */
export function partnerRow(d: PartnerDraft, id: string, check: RowProblems): Partner {
  return {
    row: d.row,
    id,
    name: check.take('name', d.name, 'warning', ''),
    contact: check.take('contact', d.contact, 'warning', ''),
    shareEmails: check.take('shareEmails', d.shareEmails, 'warning', []),
    report: check.take('report', d.report, 'warning', ''),
    notes: check.take('notes', d.notes, 'warning', ''),
    language: check.take('language', d.language, 'warning', ''),
    reportLink: check.take('reportLink', d.reportLink, 'warning', ''),
  };
}
