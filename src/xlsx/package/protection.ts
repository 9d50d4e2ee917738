/**
 * Sheet protection without a password, as Excel's Review › Protect Sheet writes it with the
 * password left empty: `<sheetProtection sheet="1" objects="1" scenarios="1"/>`. Excel, WPS and
 * LibreOffice then refuse an edit typed into the tab (Review › Unprotect Sheet lifts it, no
 * password asked); Gongfang's own writes edit the package and are not concerned. CT_Worksheet
 * puts it right after <sheetData> (and <sheetCalcPr>): ECMA-376 Part 1, 18.3.1.85.
 */
import { findElement } from './xml';

export function withSheetProtection(xml: string): string {
  // Both follow <sheetData>: only the tail of a big sheet is searched.
  const tail = Math.max(0, xml.lastIndexOf('sheetData'));
  if (findElement(xml, 'sheetProtection', tail) !== null) return xml;
  const prefix = /<([A-Za-z_][\w.-]*:)?worksheet[\s>]/.exec(xml)?.[1] ?? '';
  const element = `<${prefix}sheetProtection sheet="1" objects="1" scenarios="1"/>`;
  const calc = findElement(xml, 'sheetCalcPr', tail);
  if (calc !== null) return xml.slice(0, calc.end) + element + xml.slice(calc.end);
  const selfClosed = new RegExp(`<${prefix}sheetData(?:\\s[^>]*)?/>`).exec(xml);
  if (selfClosed) {
    const end = selfClosed.index + selfClosed[0].length;
    return xml.slice(0, end) + element + xml.slice(end);
  }
  const close = `</${prefix}sheetData>`;
  const at = xml.indexOf(close);
  if (at < 0) return xml;
  return xml.slice(0, at + close.length) + element + xml.slice(at + close.length);
}
