/**
 * Small, careful string tools for the parts Gongfang reads and edits. The parts are machine
 * written XML (no DTDs, no CDATA in SpreadsheetML cells), so a scanner that respects element
 * boundaries and optional namespace prefixes is enough, and much faster than a SAX parser
 * (see docs/xlsx.md for the measurement).
 */
import { PackageRefused } from './refusal';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/**
 * Text or attribute content with its entities and OOXML's _xHHHH_ escapes resolved. A
 * character reference to no XML character (&#x110000;, &#0;, a surrogate) makes the part not
 * XML at all: the package is refused, as Excel and LibreOffice refuse it, rather than guessed at.
 */
export function unescapeXml(text: string): string {
  let result = text;
  if (result.includes('&')) {
    result = result.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
      if (name.startsWith('#x')) return xmlCharacter(parseInt(name.slice(2), 16), whole);
      if (name.startsWith('#')) return xmlCharacter(parseInt(name.slice(1), 10), whole);
      return ENTITIES[name] ?? whole;
    });
  }
  if (result.includes('_x')) {
    result = result.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
  return result;
}

/** Any character escapeText changes (or that may start an _xHHHH_ it must protect). */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>_\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** XML 1.0's Char production (section 2.2): what a character reference may name. */
function xmlCharacter(code: number, reference: string): string {
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  if (!allowed) throw new PackageRefused('badCharacter', '', reference);
  return String.fromCodePoint(code);
}

/** Text for element content: XML's specials, and characters XML 1.0 cannot hold as _xHHHH_. */
export function escapeText(text: string): string {
  // Most texts (names, IDs, amounts) need nothing: one test instead of five replaces.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`,
    );
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** The attributes of a start tag's text (`<c r="A1" s="2">` or its inside). */
export function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    found.set(match[1] ?? '', unescapeXml(match[2] ?? match[3] ?? ''));
  }
  return found;
}

const attributePatterns = new Map<string, RegExp>();

export function attribute(tag: string, name: string): string | undefined {
  let pattern = attributePatterns.get(name);
  if (!pattern) {
    const escaped = name.replace(/[.:]/g, '\\$&');
    pattern = new RegExp(`[\\s<]${escaped}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, pattern);
  }
  const match = pattern.exec(tag);
  return match ? unescapeXml(match[1] ?? match[2] ?? '') : undefined;
}

/** Splits an element's text into its start tag and the rest (children and end tag). */
function splitStartTag(element: string): [string, string] {
  const end = element.indexOf('>') + 1;
  return [element.slice(0, end), element.slice(end)];
}

/** The element with `name` set to `value` on its start tag (added at the end when absent). */
export function withAttribute(element: string, name: string, value: string): string {
  const [tag, rest] = splitStartTag(element);
  const pattern = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  const quoted = `"${escapeAttribute(value)}"`;
  if (pattern.test(tag))
    return tag.replace(pattern, (_, lead: string) => `${lead}${quoted}`) + rest;
  return tag.replace(/\s*(\/?>)$/, (_, close: string) => ` ${name}=${quoted}${close}`) + rest;
}

export function withoutAttribute(element: string, name: string): string {
  const [tag, rest] = splitStartTag(element);
  const pattern = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  return tag.replace(pattern, '') + rest;
}

/** `(?:prefix:)?name` for a regex: SpreadsheetML may be written with a namespace prefix. */
export function tagName(name: string): string {
  return `(?:[A-Za-z_][\\w.-]*:)?${name}`;
}

/** The first element `name` (start tag to matching end tag, not nested), or null. */
export function findElement(
  xml: string,
  name: string,
  from = 0,
): { start: number; end: number; text: string } | null {
  const pattern = new RegExp(`<(${tagName(name)})(?=[\\s/>])[^>]*?(/>|>)`, 'g');
  pattern.lastIndex = from;
  const open = pattern.exec(xml);
  if (!open) return null;
  const start = open.index;
  if (open[2] === '/>') return { start, end: pattern.lastIndex, text: open[0] };
  const close = `</${open[1] ?? name}>`;
  const closeAt = xml.indexOf(close, pattern.lastIndex);
  if (closeAt < 0) return null;
  const end = closeAt + close.length;
  return { start, end, text: xml.slice(start, end) };
}

/** Every element `name` (not nested in one another). */
export function findElements(
  xml: string,
  name: string,
): { start: number; end: number; text: string }[] {
  const found: { start: number; end: number; text: string }[] = [];
  let from = 0;
  for (;;) {
    const element = findElement(xml, name, from);
    if (!element) return found;
    found.push(element);
    from = element.end;
  }
}

/** The text of every <t> inside `xml` joined, phonetic runs (<rPh>) left out. */
export function runText(xml: string): string {
  const withoutPhonetic = xml.includes('rPh')
    ? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '')
    : xml;
  let text = '';
  for (const match of withoutPhonetic.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g)) {
    text += match[1] ?? '';
  }
  return unescapeXml(text);
}

/**
 * The namespace prefix (with colon) the root element binds to `uri`, '' for the default, null
 * when the root does not declare it (a writer may declare it on each element instead).
 */
export function prefixFor(xml: string, uri: string): string | null {
  const root = /<(?![?!])[^>]*>/.exec(xml)?.[0] ?? '';
  const pattern = /xmlns(?::([\w.-]+))?\s*=\s*"([^"]*)"/g;
  for (const match of root.matchAll(pattern)) {
    if (match[2] === uri) return match[1] ? `${match[1]}:` : '';
  }
  return null;
}

/** The prefix (with colon) of the root element, e.g. 'x:' for <x:worksheet>, '' for none. */
export function rootPrefix(xml: string): string {
  const match = /<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*[\s>]/.exec(
    xml.replace(/<\?[\s\S]*?\?>/g, ''),
  );
  return match?.[1] ?? '';
}

/** `text` with `inserted` placed just after the start tag of element `name`. */
export function insertAfterOpen(text: string, name: string, inserted: string): string {
  const open = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?=[\\s>])[^>]*>`).exec(text);
  if (!open) throw new Error(`no <${name}>`);
  const at = open.index + open[0].length;
  return text.slice(0, at) + inserted + text.slice(at);
}
