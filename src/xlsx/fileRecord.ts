/**
 * What the file itself says about who saved it last and when: the core properties Excel, WPS
 * and LibreOffice write on every save (ECMA-376 Part 2, 11: cp:lastModifiedBy,
 * dcterms:modified in W3CDTF). Gongfang never writes them, so they stay the last person's.
 * And hiding a tab: <sheet state="hidden"> in the workbook part (Part 1, 18.2.19).
 */
import type { XlsxPackage } from './package/package';
import { attribute, findElement, findElements, withAttribute } from './package/xml';

const CORE_PROPERTIES =
  'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties';

export interface FileRecord {
  readonly lastModifiedBy: string | null;
  readonly modified: Date | null;
}

export function readFileRecord(pkg: XlsxPackage): FileRecord {
  const part =
    pkg.targets('', CORE_PROPERTIES)[0] ??
    (pkg.has('docProps/core.xml') ? 'docProps/core.xml' : undefined);
  const xml = part === undefined ? null : pkg.readText(part);
  if (xml === null) return { lastModifiedBy: null, modified: null };
  const text = (name: string): string | null => {
    const element = findElement(xml, name);
    if (element === null || element.text.endsWith('/>')) return null;
    const inner = element.text.slice(element.text.indexOf('>') + 1, element.text.lastIndexOf('<'));
    const value = unescape(inner).trim();
    return value === '' ? null : value;
  };
  const modified = text('modified');
  const time = modified === null ? Number.NaN : Date.parse(modified);
  return {
    lastModifiedBy: text('lastModifiedBy'),
    modified: Number.isNaN(time) ? null : new Date(time),
  };
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}

/** The workbook part with the <sheet> of `sheetId` hidden. */
export function hideSheetElement(workbookXml: string, sheetId: string): string {
  for (const element of findElements(workbookXml, 'sheet')) {
    if (attribute(element.text, 'sheetId') !== sheetId) continue;
    if (attribute(element.text, 'state') === 'hidden') return workbookXml;
    const hidden = withAttribute(element.text, 'state', 'hidden');
    return workbookXml.slice(0, element.start) + hidden + workbookXml.slice(element.end);
  }
  return workbookXml;
}
