/**
 * The tabs a workbook part lists (<sheets>), each with the part holding it. Read by the
 * workbook itself (xlsxWorkbook.ts) and by the command line's early read (src/cli/earlyRead.ts),
 * which must find the same parts.
 */
import type { XlsxPackage } from './package';
import { resolveTarget } from './package';
import { attribute, findElement, findElements } from './xml';

/** One tab of the workbook part's <sheets>. */
export interface SheetEntry {
  name: string;
  readonly sheetId: string;
  readonly rId: string;
  readonly part: string;
}

export function sheetList(
  pkg: XlsxPackage,
  workbookPart: string,
  workbookXml: string,
): SheetEntry[] {
  const rels = new Map(pkg.relationships(workbookPart).map((rel) => [rel.id, rel]));
  return findElements(findElement(workbookXml, 'sheets')?.text ?? '', 'sheet').map((element) => {
    const rId =
      /\s[\w.-]*:?id="([^"]*)"/.exec(element.text.replace(/\ssheetId="[^"]*"/, ''))?.[1] ?? '';
    const rel = rels.get(rId);
    return {
      name: attribute(element.text, 'name') ?? '',
      sheetId: attribute(element.text, 'sheetId') ?? '',
      rId,
      part: rel ? resolveTarget(workbookPart, rel.target) : '',
    };
  });
}
