/**
 * 新增居民 / New resident: the next free ID suggested, the row checked by the same validation as
 * Check data, a warning when someone with the same name and phone exists, one append. Callers
 * hold the document lock around addResident.
 */
import { phoneKey } from '../domain/phone';
import { isoDateToSerial } from '../domain/dates';
import type { IsoDate } from '../domain/records';
import { type Lang, t } from '../i18n';
import { type CodecContext, decodeDate, decodePhone } from '../workbook/codecs';
import { CATEGORIES, RESIDENTS, type SourceTab, labelOf } from '../workbook/layout';
import { NUMBER_FORMATS, type TabContents, type Workbook } from '../workbook/port';
import type { CellValue } from '../workbook/cells';
import { matchHeaders } from '../workbook/tables';
import {
  checkCandidates,
  columnsOf,
  formatsFor,
  isolated,
  newRowRefusal,
  nextId,
  problemText,
  readAhead,
  readTabs,
  rowFor,
} from './candidateRows';
import { validateLedgerTabs } from './loadLedger';
import { sheetLanguage } from './monthData';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export interface NewResidentView {
  readonly lang: Lang;
  readonly today: IsoDate;
  readonly nextId: string;
  readonly categories: Choice[];
  /** For the same-name-and-phone warning while typing (the server checks again). */
  readonly residents: { id: string; name: string; phone: string }[];
}

export interface NewResidentInput {
  readonly id: string;
  readonly name: string;
  readonly phone: string;
  readonly category: string;
  readonly skills: string;
  readonly joined: string;
  readonly active: boolean;
  readonly notes: string;
  readonly acceptWarnings: boolean;
}

export type SaveOutcome =
  | { readonly kind: 'refused'; readonly problems: string[] }
  | { readonly kind: 'warnings'; readonly warnings: string[] }
  | { readonly kind: 'saved'; readonly id: string; readonly row: number; readonly message: string };

function context(workbook: Workbook, lang: Lang): CodecContext {
  return { timeZone: workbook.info().timeZone, lang };
}

export function newResidentView(workbook: Workbook, today: IsoDate): NewResidentView {
  readAhead(workbook, ['settings', 'residents']);
  const lang = sheetLanguage(workbook);
  const contents = readTabs(workbook, ['residents']);
  const { validated } = validateLedgerTabs(contents, context(workbook, lang), {
    today,
    readPartners: false,
  });
  return {
    lang,
    today,
    nextId: nextId(idsOf(RESIDENTS, contents.residents), 'R'),
    categories: CATEGORIES.map((c) => ({ value: c.key, label: labelOf(c, lang) })),
    residents: validated.residents.map((r) => ({ id: r.id, name: r.name, phone: r.phone })),
  };
}

/** The IDs in the tab's ID column (found by its header, wherever staff put it). */
export function idsOf(spec: SourceTab, contents: TabContents | null): string[] {
  const column = matchHeaders(spec, contents?.values[0]).columns.id;
  if (column === undefined || !contents) return [];
  return contents.values
    .slice(1)
    .map((row) => String(row[column - 1] ?? '').trim())
    .filter((id) => id !== '');
}

export function addResident(
  workbook: Workbook,
  input: NewResidentInput,
  today: IsoDate,
): SaveOutcome & { lang: Lang } {
  readAhead(workbook, ['settings', 'residents']);
  const lang = sheetLanguage(workbook);
  const codecs = context(workbook, lang);
  const contents = readTabs(workbook, ['residents']);
  const residents = contents.residents;
  const columns = columnsOf(RESIDENTS, residents, ['id', 'name'], lang);
  const ids = idsOf(RESIDENTS, residents);
  const refused = newRowRefusal(
    lang,
    [
      [input.id, 'sbId'],
      [input.name, 'sbName'],
    ],
    { typed: input.id, taken: ids, next: () => nextId(ids, 'R') },
  );
  if (refused !== null) {
    const typed = { id: input.id, name: input.name, phone: input.phone };
    const again = savedBefore(residents, columns, typed, lang);
    return again ?? { kind: 'refused', lang, problems: refused };
  }
  const joined = decodeDate(input.joined, codecs);
  const category = CATEGORIES.find((c) => c.key === input.category);
  const row = rowFor(columns, {
    id: input.id.trim(),
    name: input.name.trim(),
    phone: input.phone.trim(),
    category: category ? labelOf(category, lang) : input.category,
    skills: input.skills.trim(),
    joined: joined.ok && joined.value !== null ? isoDateToSerial(joined.value) : input.joined,
    active: input.active,
    notes: input.notes,
  });
  const check = checkCandidates(contents, 'residents', [row], codecs, { today, closedMonths: [] });
  // duplicateId also marks the existing row; only the candidate's problems are listed.
  if (check.errors.length > 0) {
    return {
      kind: 'refused',
      lang,
      problems: check.errors.map((p) => problemText(p, lang, contents)),
    };
  }
  const warnings = check.warnings.map((p) => problemText(p, lang, contents));
  const phone = decodePhone(input.phone, codecs);
  const same = check.validated.residents.find(
    (r) =>
      r.row <= (residents?.values.length ?? 0) &&
      r.name === input.name.trim() &&
      phone.ok &&
      phoneKey(r.phone) === phoneKey(phone.value),
  );
  if (same) {
    warnings.push(t(lang, 'sbSameNamePhone', { id: isolated(same.id), name: isolated(same.name) }));
  }
  if (warnings.length > 0 && !input.acceptWarnings) return { kind: 'warnings', lang, warnings };
  return appendNewRow(workbook, {
    tab: residents?.name ?? labelOf(RESIDENTS, lang),
    rowsBefore: residents?.values.length ?? 0,
    row,
    formats: formatsFor(columns, {
      id: NUMBER_FORMATS.text,
      name: NUMBER_FORMATS.text,
      phone: NUMBER_FORMATS.text,
      category: NUMBER_FORMATS.text,
      skills: NUMBER_FORMATS.text,
      joined: NUMBER_FORMATS.date,
      notes: NUMBER_FORMATS.text,
    }),
    id: input.id.trim(),
    lang,
  });
}

/**
 * The typed ID already on the tab with the same name (product): a save sent again after its
 * reply was lost finds its own row and is told so, not "ID taken, use the next" (which led staff
 * to save the same person twice). Nothing is written. The other fields given (a phone; an order's
 * partner and pay rate) must match too, empty or not: a colleague's 王芳 saved under the same ID
 * meanwhile is another person, whose row must not be taken for this save ("内容相同").
 */
export function savedBefore(
  contents: TabContents | null,
  columns: Partial<Record<string, number>>,
  typed: { id: string } & Record<string, CellValue>,
  lang: Lang,
): (SaveOutcome & { lang: Lang }) | null {
  const fields = Object.entries(typed)
    .map(([key, value]) => [(columns[key] ?? 0) - 1, String(value).trim()] as const)
    .filter(([at], index) => index < 2 || at >= 0);
  // The ID and the name (product) are required: an empty one is never a save sent before.
  if (fields.slice(0, 2).some(([, text]) => text === '')) return null;
  const same = (cells: readonly CellValue[]): boolean =>
    fields.every(([at, text]) => String(cells[at] ?? '').trim() === text);
  const at = contents?.values.findIndex((cells, index) => index > 0 && same(cells)) ?? -1;
  if (at < 1 || contents === null) return null;
  const id = typed.id.trim();
  const row = at + 1;
  const tab = isolated(contents.name);
  return {
    kind: 'saved',
    lang,
    id,
    row,
    message: t(lang, 'sbSavedBefore', { id: isolated(id), tab, row }),
  };
}

/**
 * Appends a new resident's or order's row in one write, and says where it went: the row after
 * the tab's last (the tab was just read under the lock).
 */
export function appendNewRow(
  workbook: Workbook,
  added: {
    readonly tab: string;
    readonly rowsBefore: number;
    readonly row: readonly CellValue[];
    readonly formats: readonly string[];
    readonly id: string;
    readonly lang: Lang;
  },
): SaveOutcome & { lang: Lang } {
  const { tab, id, lang } = added;
  workbook.appendRows(tab, [added.row], added.formats);
  const written = added.rowsBefore + 1;
  return {
    kind: 'saved',
    lang,
    id,
    row: written,
    message: t(lang, 'sbSaved', { id: isolated(id), tab: isolated(tab), row: written }),
  };
}
