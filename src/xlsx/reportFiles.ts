/**
 * Partner reports are files Gongfang writes and writes again each run; it must never replace
 * a file it did not write under a report's name (a ledger saved as "P1 Acme 2026-11.xlsx"), a
 * report someone edited since (notes added for the partner), or another partner's report.
 * Each report carries custom document properties saying whose report it is and a digest of
 * its parts as written (docProps/custom.xml, which Excel, WPS and LibreOffice keep): a file
 * is replaced only when both still match. docs/files.md describes it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { XlsxPackage } from './package/package';
import { attribute, escapeText, findElement, findElements, unescapeXml } from './package/xml';
import { readZip } from './package/zip';

export const CUSTOM_PROPERTIES_PART = 'docProps/custom.xml';
export const CUSTOM_PROPERTIES_REL =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';
export const CUSTOM_PROPERTIES_TYPE =
  'application/vnd.openxmlformats-officedocument.custom-properties+xml';

const PROPERTY_REPORT = 'Gongfang report';
const PROPERTY_PARTNER = 'Gongfang partner';
const PROPERTY_DIGEST = 'Gongfang digest';
const REPORT_KIND = 'partner';
/** The format id every custom property uses (ECMA-376 Part 1, 22.3.2.2). */
const CUSTOM_FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';

/**
 * SHA-256 of every part as written, by name, except the custom properties that hold it: any
 * change by another program (even a save without edits) changes it.
 */
export function packageDigest(pkg: XlsxPackage): string {
  const hash = createHash('sha256');
  for (const name of [...pkg.names()].sort()) {
    if (name === CUSTOM_PROPERTIES_PART) continue;
    const data = pkg.read(name) ?? Buffer.alloc(0);
    hash.update(`${name}\u0000${data.length}\u0000`);
    hash.update(data);
  }
  return hash.digest('hex');
}

/** docProps/custom.xml marking a partner's report. */
export function reportProperties(partnerId: string, digest: string): string {
  const properties: [string, string][] = [
    [PROPERTY_REPORT, REPORT_KIND],
    [PROPERTY_PARTNER, partnerId],
    [PROPERTY_DIGEST, digest],
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    properties
      .map(
        ([name, value], index) =>
          `<property fmtid="${CUSTOM_FMTID}" pid="${index + 2}" name="${name}"><vt:lpwstr>${escapeText(value)}</vt:lpwstr></property>`,
      )
      .join('') +
    '</Properties>'
  );
}

/** What is already at a report's file name. */
export type ExistingReport =
  /** A report Gongfang wrote for `partnerId`; `unchanged` when nobody changed it since. */
  | { readonly kind: 'report'; readonly partnerId: string; readonly unchanged: boolean }
  /**
   * A report by a Gongfang version before reports were marked, that no other program saved
   * since (its application is still Gongfang) and holding exactly the report's tabs.
   */
  | { readonly kind: 'earlierReport' }
  /**
   * A workbook holding exactly the report's tabs but not marked as gongfang wrote it: a
   * report saved again by a program that drops custom properties, or made by hand.
   */
  | { readonly kind: 'changedReport' }
  /** Anything else: another file, a workbook staff made, a damaged or unreadable file. */
  | { readonly kind: 'foreign' };

/** Reads the file at `file` to tell what it is; `tabs` are the report's tab names. */
export function existingReport(file: string, tabs: readonly string[]): ExistingReport {
  let pkg: XlsxPackage;
  try {
    pkg = new XlsxPackage(readZip(fs.readFileSync(file)));
    const properties = customProperties(pkg.readText(CUSTOM_PROPERTIES_PART));
    if (properties.get(PROPERTY_REPORT) === REPORT_KIND) {
      return {
        kind: 'report',
        partnerId: properties.get(PROPERTY_PARTNER) ?? '',
        unchanged: properties.get(PROPERTY_DIGEST) === packageDigest(pkg),
      };
    }
    if (!hasTabs(pkg, tabs)) return { kind: 'foreign' };
    return { kind: writtenByGongfang(pkg) ? 'earlierReport' : 'changedReport' };
  } catch {
    return { kind: 'foreign' };
  }
}

function customProperties(xml: string | null): Map<string, string> {
  const found = new Map<string, string>();
  for (const property of findElements(xml ?? '', 'property')) {
    const name = attribute(property.text, 'name');
    const value = findElement(property.text, 'lpwstr');
    if (name !== undefined && value) found.set(name, innerText(value.text));
  }
  return found;
}

/** The text inside an element without children (<vt:lpwstr>P01</vt:lpwstr> → P01). */
function innerText(element: string): string {
  if (element.endsWith('/>')) return '';
  return unescapeXml(element.replace(/^<[^>]*>/, '').replace(/<\/[^>]*>$/, ''));
}

/** docProps/app.xml still names Gongfang: no other program saved the file since. */
function writtenByGongfang(pkg: XlsxPackage): boolean {
  const application = findElement(pkg.readText('docProps/app.xml') ?? '', 'Application');
  return application !== null && innerText(application.text) === 'Gongfang';
}

function hasTabs(pkg: XlsxPackage, tabs: readonly string[]): boolean {
  const workbookPart = pkg.workbookPart() ?? 'xl/workbook.xml';
  const workbook = pkg.readText(workbookPart) ?? '';
  const names = findElements(findElement(workbook, 'sheets')?.text ?? '', 'sheet').map(
    (sheet) => attribute(sheet.text, 'name') ?? '',
  );
  return names.length === tabs.length && names.every((name, index) => name === tabs[index]);
}
