/**
 * styles.xml, edited by appending only: staff's number formats, fonts, fills and cell formats
 * keep their indexes (cells point at them), and what Gongfang needs is added at the end. A
 * cell's look is described by a small CellStyle over a base format, so new needs (borders for
 * printed pages) are one more field here.
 */
import { attribute, findElement, findElements, withAttribute } from './xml';

/** What Gongfang changes on a cell's format; everything else comes from the base format. */
export type EdgeStyle = 'thin' | 'dashed';

export interface CellStyle {
  readonly numFmt?: string;
  readonly bold?: boolean;
  /** Solid background, as RRGGBB hex without '#'. */
  readonly fill?: string;
  /** Lines on the cell's edges (printed tables, cut lines). */
  readonly edges?: {
    readonly left?: EdgeStyle;
    readonly right?: EdgeStyle;
    readonly top?: EdgeStyle;
    readonly bottom?: EdgeStyle;
  };
  readonly align?: 'left' | 'center' | 'right';
  /** Text wraps within the cell (wrapText; rows with no stored height grow to fit). */
  readonly wrap?: boolean;
  /**
   * At the top of its row (vertical="top"): a row of wrapped text reads from its first line,
   * and text taller than Excel's tallest row is cut at its end, not its start.
   */
  readonly top?: boolean;
}

const EDGE_COLOUR: Record<EdgeStyle, string> = { thin: 'FF808080', dashed: 'FF404040' };

/** Formats Excel knows by number without a <numFmt> (ECMA-376 Part 1, 18.8.30). */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};

/** Built-in ids that show dates or times, including the East Asian ones (27–36, 50–58). */
const BUILT_IN_DATE_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** A format code shows a date when it has date or time letters outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '');
  const firstSection = bare.split(';')[0] ?? '';
  return /[ymdhs]/i.test(firstSection) && !/^general$/i.test(firstSection.trim());
}

export class StyleBook {
  private readonly text: string;
  private readonly prefix: string;
  private readonly formats = new Map<number, string>();
  private readonly xfs: string[];
  private readonly fonts: string[];
  private readonly fillCount: number;
  private readonly fillTexts: string[];
  private readonly borderTexts: string[];
  private readonly borderCount: number;
  private readonly added = {
    numFmts: [] as string[],
    fonts: [] as string[],
    fills: [] as string[],
    borders: [] as string[],
    xfs: [] as string[],
  };
  private readonly derived = new Map<string, number>();
  private readonly dateCache = new Map<number, boolean>();
  private nextFormatId = 164;

  constructor(text: string) {
    this.text = text;
    this.prefix = /<([\w.-]+:)?styleSheet[\s>]/.exec(text)?.[1] ?? '';
    const numFmts = findElement(text, 'numFmts');
    for (const format of numFmts ? findElements(numFmts.text, 'numFmt') : []) {
      const id = Number(attribute(format.text, 'numFmtId'));
      this.formats.set(id, attribute(format.text, 'formatCode') ?? '');
      if (id >= this.nextFormatId) this.nextFormatId = id + 1;
    }
    const cellXfs = findElement(text, 'cellXfs');
    this.xfs = cellXfs
      ? findElements(cellXfs.text.replace(/^<[^>]*>/, ''), 'xf').map((x) => x.text)
      : [];
    const fonts = findElement(text, 'fonts');
    this.fonts = fonts
      ? findElements(fonts.text.replace(/^<[^>]*>/, ''), 'font').map((f) => f.text)
      : [];
    const fills = findElement(text, 'fills');
    this.fillTexts = fills
      ? findElements(fills.text.replace(/^<[^>]*>/, ''), 'fill').map((f) => f.text)
      : [];
    this.fillCount = this.fillTexts.length;
    const borders = findElement(text, 'borders');
    this.borderTexts = borders
      ? findElements(borders.text.replace(/^<[^>]*>/, ''), 'border').map((b) => b.text)
      : [];
    this.borderCount = this.borderTexts.length;
  }

  get changed(): boolean {
    return this.added.xfs.length > 0;
  }

  /** Whether cells with format `index` hold dates. */
  isDate(index: number): boolean {
    let known = this.dateCache.get(index);
    if (known === undefined) {
      const xf = this.xfAt(index);
      const id = Number(xf ? (attribute(xf, 'numFmtId') ?? 0) : 0);
      const code = this.formats.get(id);
      known = code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_IDS.has(id);
      this.dateCache.set(index, known);
    }
    return known;
  }

  /** The number format code of format `index` ('General' when none). */
  formatCodeOf(index: number): string {
    const xf = this.xfAt(index);
    const id = Number(xf ? (attribute(xf, 'numFmtId') ?? 0) : 0);
    return (
      this.formats.get(id) ??
      Object.keys(BUILT_IN_FORMATS).find((k) => BUILT_IN_FORMATS[k] === id) ??
      'General'
    );
  }

  fillIdOf(index: number): number {
    return Number(attribute(this.xfAt(index) ?? '', 'fillId') ?? 0);
  }

  /** A format like `base` with `style` applied, appended once per base and style. */
  derive(base: number, style: CellStyle): number {
    const key = `${base}|${style.numFmt ?? ''}|${style.bold === true ? 1 : 0}|${style.fill ?? ''}|${JSON.stringify(style.edges ?? {})}|${style.align ?? ''}|${style.wrap === true ? 1 : 0}|${style.top === true ? 1 : 0}`;
    const known = this.derived.get(key);
    if (known !== undefined) return known;
    let xf =
      this.xfAt(base) ??
      `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    if (style.numFmt !== undefined) {
      xf = withAttribute(
        withAttribute(xf, 'numFmtId', String(this.formatId(style.numFmt))),
        'applyNumberFormat',
        '1',
      );
    }
    if (style.bold === true) {
      xf = withAttribute(
        withAttribute(xf, 'fontId', String(this.boldFont(Number(attribute(xf, 'fontId') ?? 0)))),
        'applyFont',
        '1',
      );
    }
    if (style.fill !== undefined) {
      xf = withAttribute(
        withAttribute(xf, 'fillId', String(this.solidFill(style.fill))),
        'applyFill',
        '1',
      );
    }
    if (style.edges !== undefined) {
      xf = withAttribute(
        withAttribute(xf, 'borderId', String(this.border(style.edges))),
        'applyBorder',
        '1',
      );
    }
    if (style.align !== undefined || style.wrap === true || style.top === true) {
      const how = { horizontal: style.align, wrap: style.wrap === true, top: style.top === true };
      xf = withAlignment(xf, how, this.prefix);
    }
    // An identical format (appended by an earlier run, or staff's) is used again, so styles.xml
    // does not grow with every run; nothing already there moves.
    let index = this.xfs.indexOf(xf);
    if (index < 0) {
      index = this.xfs.length;
      this.xfs.push(xf);
      this.added.xfs.push(xf);
    }
    this.derived.set(key, index);
    return index;
  }

  /**
   * Format `index` painted with Check's mark `rgb`. The mark's fill records the fill it covers
   * (in its background colour, unused by a solid fill), so clearing the mark can find the
   * cell's own format again.
   */
  marked(index: number, rgb: string): number {
    const key = `mark|${index}|${rgb}`;
    const known = this.derived.get(key);
    if (known !== undefined) return known;
    const xf =
      this.xfAt(index) ??
      `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const fillId = this.solidFill(rgb, this.fillIdOf(index));
    const painted = withAttribute(withAttribute(xf, 'fillId', String(fillId)), 'applyFill', '1');
    let found = this.xfs.indexOf(painted);
    if (found < 0) {
      found = this.xfs.length;
      this.xfs.push(painted);
      this.added.xfs.push(painted);
    }
    this.derived.set(key, found);
    return found;
  }

  /**
   * The format a marked cell had before Check painted it: the format identical to it but for
   * the fill, with the fill the mark recorded (or, if an application dropped that record, the
   * earliest format identical but for the fill). Formats never move, so it is still there.
   */
  unmarked(index: number): number {
    const xf = this.xfAt(index);
    if (!xf) return index;
    const recorded = /bgColor rgb="00([0-9A-F]{6})"/i.exec(
      this.fillText(this.fillIdOf(index)) ?? '',
    );
    const coveredFill = recorded ? String(parseInt(recorded[1] ?? '0', 16)) : null;
    const bare = (text: string) => text.replace(/\s(fillId|applyFill)="[^"]*"/g, '');
    const target = bare(xf);
    const fill = attribute(xf, 'fillId');
    let fallback = -1;
    for (let other = 0; other < this.xfs.length; other += 1) {
      const candidate = this.xfs[other] ?? '';
      const candidateFill = attribute(candidate, 'fillId') ?? '0';
      if (other === index || candidateFill === fill || bare(candidate) !== target) continue;
      if (coveredFill === null || candidateFill === coveredFill) return other;
      if (fallback < 0) fallback = other;
    }
    return fallback >= 0 ? fallback : index;
  }

  /** Whether format `index` has the solid fill `rgb` (RRGGBB). */
  hasFill(index: number, rgb: string): boolean {
    const fill = this.fillText(this.fillIdOf(index));
    return fill !== undefined && new RegExp(`fgColor rgb="(FF)?${rgb}"`, 'i').test(fill);
  }

  /** styles.xml with what was appended. */
  serialize(): string {
    let text = this.text;
    text = this.appendTo(
      text,
      'numFmts',
      'numFmt',
      this.added.numFmts,
      /<(?:[\w.-]+:)?styleSheet[^>]*>/,
    );
    text = this.appendTo(text, 'fonts', 'font', this.added.fonts, null);
    text = this.appendTo(text, 'fills', 'fill', this.added.fills, null);
    text = this.appendTo(text, 'borders', 'border', this.added.borders, null);
    text = this.appendTo(text, 'cellXfs', 'xf', this.added.xfs, null);
    return text;
  }

  private appendTo(
    text: string,
    list: string,
    item: string,
    added: string[],
    after: RegExp | null,
  ): string {
    if (added.length === 0) return text;
    const element = findElement(text, list);
    if (!element) {
      const open = after?.exec(text);
      if (!open) throw new Error(`styles.xml has no <${list}>`);
      const at = open.index + open[0].length;
      const inserted = `<${this.prefix}${list} count="${added.length}">${added.join('')}</${this.prefix}${list}>`;
      return text.slice(0, at) + inserted + text.slice(at);
    }
    const existing = findElements(element.text.replace(/^<[^>]*>/, ''), item).length;
    let updated = element.text;
    const startTag = /^<[^>]*>/.exec(updated)?.[0] ?? '';
    if (startTag.endsWith('/>')) {
      const open = withAttribute(
        startTag.slice(0, -2) + '>',
        'count',
        String(existing + added.length),
      );
      updated = `${open}${added.join('')}</${this.prefix}${list}>`;
    } else {
      const closeAt = updated.lastIndexOf('</');
      updated =
        withAttribute(startTag, 'count', String(existing + added.length)) +
        updated.slice(startTag.length, closeAt) +
        added.join('') +
        updated.slice(closeAt);
    }
    return text.slice(0, element.start) + updated + text.slice(element.end);
  }

  private xfAt(index: number): string | undefined {
    return this.xfs[index];
  }

  private formatId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    for (const [id, existing] of this.formats) if (existing === code) return id;
    const id = this.nextFormatId;
    this.nextFormatId += 1;
    this.formats.set(id, code);
    this.added.numFmts.push(
      `<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeQuotes(code)}"/>`,
    );
    return id;
  }

  private boldFont(fontId: number): number {
    const font =
      this.fonts[fontId] ?? `<${this.prefix}font><${this.prefix}sz val="11"/></${this.prefix}font>`;
    if (/<(?:[\w.-]+:)?b(?:\s+val="(?:1|true)")?\s*\/>/.test(font)) return fontId;
    const known = this.fonts.indexOf(boldVersion(font, this.prefix));
    if (known >= 0) return known;
    const bold = boldVersion(font, this.prefix);
    this.fonts.push(bold);
    this.added.fonts.push(bold);
    return this.fonts.length - 1;
  }

  /** A solid fill; `behind` (a fill id) is kept in its unused background colour. */
  private solidFill(rgb: string, behind?: number): number {
    const p = this.prefix;
    const background =
      behind === undefined
        ? `<${p}bgColor indexed="64"/>`
        : `<${p}bgColor rgb="00${behind.toString(16).toUpperCase().padStart(6, '0')}"/>`;
    const fill = `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${rgb.toUpperCase()}"/>${background}</${p}patternFill></${p}fill>`;
    const existing = this.fillTexts.indexOf(fill);
    if (existing >= 0) return existing;
    const at = this.added.fills.indexOf(fill);
    if (at >= 0) return this.fillCount + at;
    this.added.fills.push(fill);
    return this.fillCount + this.added.fills.length - 1;
  }

  /** A border with the given edges, appended once (CT_Border's order: left, right, top, bottom). */
  private border(edges: NonNullable<CellStyle['edges']>): number {
    const p = this.prefix;
    const edge = (name: string, style: EdgeStyle | undefined) =>
      style === undefined
        ? `<${p}${name}/>`
        : `<${p}${name} style="${style}"><${p}color rgb="${EDGE_COLOUR[style]}"/></${p}${name}>`;
    const border =
      `<${p}border>${edge('left', edges.left)}${edge('right', edges.right)}` +
      `${edge('top', edges.top)}${edge('bottom', edges.bottom)}<${p}diagonal/></${p}border>`;
    const existing = this.borderTexts.indexOf(border);
    if (existing >= 0) return existing;
    const at = this.added.borders.indexOf(border);
    if (at >= 0) return this.borderCount + at;
    this.added.borders.push(border);
    return this.borderCount + this.added.borders.length - 1;
  }

  private fillText(fillId: number): string | undefined {
    return fillId < this.fillCount
      ? this.fillTexts[fillId]
      : this.added.fills[fillId - this.fillCount];
  }
}

/** The xf with a horizontal alignment and/or wrapped text (its <alignment> child replaced or
 *  added; CT_CellAlignment's horizontal and wrapText attributes, ECMA-376 18.8.1). */
function withAlignment(
  xf: string,
  how: { readonly horizontal: string | undefined; readonly wrap: boolean; readonly top?: boolean },
  prefix: string,
): string {
  const horizontal = how.horizontal === undefined ? '' : ` horizontal="${how.horizontal}"`;
  const vertical = how.top === true ? ' vertical="top"' : '';
  const alignment = `<${prefix}alignment${horizontal}${vertical}${how.wrap ? ' wrapText="1"' : ''}/>`;
  const applied = withAttribute(xf, 'applyAlignment', '1');
  if (applied.endsWith('/>')) {
    return `${applied.slice(0, -2)}>${alignment}</${prefix}xf>`;
  }
  const withoutOld = applied.replace(
    /<(?:[\w.-]+:)?alignment\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?alignment>)/,
    '',
  );
  return withoutOld.replace(/^(<[^>]*>)/, `$1${alignment}`);
}

function boldVersion(font: string, prefix: string): string {
  return font.endsWith('/>')
    ? `<${prefix}font><${prefix}b/></${prefix}font>`
    : font
        .replace(/<(?:[\w.-]+:)?b\s+val="(?:0|false)"\s*\/>/, '')
        .replace(/^(<[^>]*>)/, `$1<${prefix}b/>`);
}

function escapeQuotes(code: string): string {
  return code.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
