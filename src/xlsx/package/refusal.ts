/**
 * A package Gongfang refuses to read rather than guess at: one where two readers could see
 * different workbooks (a part stored twice, entries overlapping, a header that disagrees with
 * the directory), one that would exhaust memory (a part inflating far beyond its compressed
 * size), text that is not XML (a character reference to no character), or a format it would
 * not write back as it came (Strict Open XML). docs/xlsx.md lists the checks and the limits.
 * A WorkbookFileError, so the command ends with exit 2 and writes nothing.
 */
import type { Lang } from '../../i18n';
import { t } from '../../i18n';
import type { PackageProblem } from '../../i18n/messages/files';
import { WorkbookFileError } from '../fileError';

export type { PackageProblem };

export class PackageRefused extends WorkbookFileError<'filePackageRefused'> {
  readonly problem: PackageProblem;
  /** The workbook, as messages name it ('' until the reader that knows it fills it in). */
  file = '';
  /** The part concerned ('' when not known where the problem was found). */
  part: string;
  /** What was found: the character reference, the sizes, the limit. */
  readonly detail: string;

  constructor(problem: PackageProblem, part: string, detail = '') {
    super('filePackageRefused', { file: '', problem, part, detail });
    this.name = 'PackageRefused';
    this.message = `${problem}${part === '' ? '' : ` in ${part}`}${detail === '' ? '' : `: ${detail}`}`;
    this.problem = problem;
    this.part = part;
    this.detail = detail;
  }

  override render(lang: Lang): string {
    const { problem, part, detail } = this;
    const file = this.file === '' ? t(lang, 'fileThisWorkbook') : this.file;
    return t(lang, 'filePackageRefused', { file, problem, part, detail });
  }
}

/** Runs `read` on `part` of `file`, naming both on a refusal found inside it. */
export function readingPart<T>(file: string, part: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof PackageRefused) {
      if (error.part === '') error.part = part;
      if (error.file === '') error.file = file;
    }
    throw error;
  }
}
