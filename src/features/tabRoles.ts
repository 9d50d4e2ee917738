/**
 * One tab per role, never a guess. Tabs are found by name in either language, ignoring case,
 * spaces and width, and by aliases (计件登记 is 计件): two tabs that both answer to one role (an
 * old 计件登记 kept beside 计件, hidden or not) would leave it to chance which one is paid from.
 * Check data reports it as an error naming both; Generate, Close, Reopen and writing
 * corrections refuse until one is renamed or deleted.
 */
import type { Problem } from '../domain/problems';
import type { Lang } from '../i18n';
import { CLOSINGS, SOURCE_TABS, namesOf, normalizeName } from '../workbook/layout';
import type { SourceTabKey } from '../workbook/layout';
import { GongfangError, refusal } from './errors';

const ROLES = [...SOURCE_TABS, CLOSINGS] as const;

export interface TabClash {
  readonly role: (typeof ROLES)[number];
  /** The tabs' actual names, in the workbook's order. */
  readonly names: readonly string[];
}

/** Every role more than one tab answers to. */
export function findTabClashes(tabNames: readonly string[]): TabClash[] {
  const clashes: TabClash[] = [];
  for (const role of ROLES) {
    const wanted = new Set(namesOf(role).map(normalizeName));
    const names = tabNames.filter((name) => wanted.has(normalizeName(name)));
    if (names.length > 1) clashes.push({ role, names });
  }
  return clashes;
}

/**
 * The message's parameters, the same whatever language it is shown in (the command line may
 * show another than the sheet's): the names one a line, the role as "zh\nen".
 */
function params(clash: TabClash): { value: string; other: string } {
  return { value: clash.names.join('\n'), other: `${clash.role.zh}\n${clash.role.en}` };
}

/** The clashes as a refusal (the first as its message, the others under it), or null. */
export function clashRefusal(clashes: readonly TabClash[], lang: Lang): GongfangError | null {
  const [first, ...others] = clashes;
  if (first === undefined) return null;
  const details = others.map((clash) => refusal('tabRolesClash', params(clash)).render(lang));
  return new GongfangError('tabRolesClash', [params(first)], details);
}

/** The clashes of source tabs as errors about the whole tab, for Check data. */
export function clashProblems(clashes: readonly TabClash[]): Problem[] {
  return clashes.flatMap((clash) =>
    clash.role.key === CLOSINGS.key
      ? []
      : [
          {
            severity: 'error' as const,
            tab: clash.role.key as SourceTabKey,
            row: 0,
            column: null,
            code: 'tabRolesClash',
            params: params(clash),
          },
        ],
  );
}
