/**
 * Notes (legacy comments) for Check's marks: the comments part holds the text, a VML drawing
 * holds the shape Excel shows it in. A mark goes in front of staff's own note, in a run of
 * its own, so clearing the mark gives staff's note back with its formatting.
 */
import { MARK_NOTE_PREFIX } from '../../workbook/port';
import { STAFF_NOTE_SEPARATOR } from '../../workbook/notes';
import { attribute, escapeText, findElement, findElements, insertAfterOpen, runText } from './xml';
import { insertBeforeClose } from './package';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const AUTHOR = 'Gongfang';

export type NoteChange = { readonly mark: string } | { readonly clear: true };

export const EMPTY_COMMENTS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<comments xmlns="${MAIN_NS}"><authors></authors><commentList></commentList></comments>`;

function runsOf(textInner: string): string[] {
  return findElements(textInner, 'r').map((run) => run.text);
}

/**
 * The comments part with `changes` applied; `written` collects the cells that now carry a
 * comment they did not before, `removed` the cells whose comment is gone.
 */
export function editComments(
  xml: string,
  changes: ReadonlyMap<string, NoteChange>,
  written: Set<string>,
  removed: Set<string>,
): string {
  const prefix = /<([\w.-]+:)?comments[\s>]/.exec(xml)?.[1] ?? '';
  let text = xml;
  let authorId = -1;
  const authorIdOfGongfang = (): number => {
    if (authorId >= 0) return authorId;
    const authors = findElement(text, 'authors');
    const names = authors ? findElements(authors.text, 'author').map((a) => runTextOf(a.text)) : [];
    authorId = names.indexOf(AUTHOR);
    if (authorId < 0) {
      authorId = names.length;
      text = authors
        ? insertBeforeClose(
            text.slice(0, authors.end),
            'authors',
            `<${prefix}author>${AUTHOR}</${prefix}author>`,
          ) + text.slice(authors.end)
        : insertAfterOpen(
            text,
            'comments',
            `<${prefix}authors><${prefix}author>${AUTHOR}</${prefix}author></${prefix}authors>`,
          );
    }
    return authorId;
  };
  const existing = new Map<string, { start: number; end: number; text: string }>();
  for (const comment of findElements(text, 'comment')) {
    existing.set(attribute(comment.text, 'ref') ?? '', comment);
  }
  const replacements = new Map<string, string | null>();
  const additions: string[] = [];
  for (const [ref, change] of changes) {
    const comment = existing.get(ref);
    const full = comment ? runText(comment.text) : '';
    if ('clear' in change) {
      if (!comment || !full.startsWith(MARK_NOTE_PREFIX)) continue;
      const staff = staffRuns(comment.text, full, prefix);
      if (staff === '') {
        replacements.set(ref, null);
        removed.add(ref);
      } else {
        replacements.set(ref, withText(comment.text, staff, prefix));
      }
      continue;
    }
    const staff = comment ? staffRuns(comment.text, full, prefix) : '';
    const ours = `<${prefix}r><${prefix}t xml:space="preserve">${escapeText(change.mark + (staff !== '' ? STAFF_NOTE_SEPARATOR : ''))}</${prefix}t></${prefix}r>`;
    if (comment) {
      replacements.set(ref, withText(comment.text, ours + staff, prefix));
    } else {
      const id = authorIdOfGongfang();
      additions.push(
        `<${prefix}comment ref="${ref}" authorId="${id}"><${prefix}text>${ours}</${prefix}text></${prefix}comment>`,
      );
      written.add(ref);
    }
  }
  // Offsets moved if an author was added: find the comments again by their text.
  for (const [ref, replacement] of replacements) {
    const original = existing.get(ref)?.text ?? '';
    const at = text.indexOf(original);
    if (at < 0) continue;
    text = text.slice(0, at) + (replacement ?? '') + text.slice(at + original.length);
  }
  if (additions.length > 0) {
    text = findElement(text, 'commentList')
      ? insertBeforeCloseOf(text, 'commentList', additions.join(''), prefix)
      : insertBeforeClose(
          text,
          'comments',
          `<${prefix}commentList>${additions.join('')}</${prefix}commentList>`,
        );
  }
  return text;
}

function runTextOf(author: string): string {
  return author.replace(/^<[^>]*>/, '').replace(/<\/[^>]*>$/, '');
}

function insertBeforeCloseOf(text: string, name: string, inserted: string, prefix: string): string {
  const element = findElement(text, name);
  if (!element) return text;
  if (element.text.endsWith('/>')) {
    return (
      text.slice(0, element.start) +
      `<${prefix}${name}>${inserted}</${prefix}${name}>` +
      text.slice(element.end)
    );
  }
  const closeAt = element.end - `</${prefix}${name}>`.length;
  return text.slice(0, closeAt) + inserted + text.slice(closeAt);
}

/** Staff's part of a comment as runs: all of it, or what follows Gongfang's own run. */
function staffRuns(comment: string, full: string, prefix: string): string {
  const textElement = findElement(comment, 'text');
  const inner = textElement
    ? textElement.text.replace(/^<[^>]*>/, '').replace(/<\/[^>]*>$/, '')
    : '';
  const runs = runsOf(inner);
  if (!full.startsWith(MARK_NOTE_PREFIX)) {
    if (runs.length > 0) return runs.join('');
    return full === '' ? '' : plainRun(full, prefix);
  }
  const first = runs[0];
  if (first !== undefined && runText(first).startsWith(MARK_NOTE_PREFIX)) {
    // Gongfang's own run is the mark, ending with the separator when staff's runs follow.
    const firstText = runText(first);
    if (runs.length > 1 && firstText.endsWith(STAFF_NOTE_SEPARATOR)) return runs.slice(1).join('');
    if (runs.length === 1 && !firstText.includes(STAFF_NOTE_SEPARATOR)) return '';
  }
  const at = full.indexOf(STAFF_NOTE_SEPARATOR);
  return at < 0 ? '' : plainRun(full.slice(at + STAFF_NOTE_SEPARATOR.length), prefix);
}

function plainRun(text: string, prefix: string): string {
  return `<${prefix}r><${prefix}t xml:space="preserve">${escapeText(text)}</${prefix}t></${prefix}r>`;
}

function withText(comment: string, runs: string, prefix: string): string {
  const textElement = findElement(comment, 'text');
  const replacement = `<${prefix}text>${runs}</${prefix}text>`;
  if (!textElement) return comment.replace(/<\/([\w.-]+:)?comment>$/, `${replacement}$&`);
  return comment.slice(0, textElement.start) + replacement + comment.slice(textElement.end);
}

// ---- VML shapes ----

export function emptyVml(idBlock: number): string {
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idBlock}"/></o:shapelayout>` +
    NOTE_SHAPETYPE +
    '</xml>'
  );
}

const NOTE_SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** The idmap block numbers VML drawings in the package already use. */
export function usedIdBlocks(vmls: readonly string[]): number[] {
  const blocks: number[] = [];
  for (const vml of vmls) {
    for (const match of vml.matchAll(/<(?:[\w.-]+:)?idmap[^>]*data="([^"]*)"/g)) {
      for (const piece of (match[1] ?? '').split(/[\s,]+/))
        if (piece !== '') blocks.push(Number(piece));
    }
  }
  return blocks;
}

/** The VML with note shapes added for `written` and removed for `removed` cells (refs). */
export function editVml(
  vml: string,
  written: Iterable<{ row: number; column: number }>,
  removed: Iterable<{ row: number; column: number }>,
): string {
  let text = vml;
  for (const cell of removed) {
    const pattern = /<([\w.-]+:)?shape(?=[\s>])[\s\S]*?<\/\1?shape>/g;
    for (const match of text.matchAll(pattern)) {
      const shape = match[0];
      if (!/ObjectType="Note"/.test(shape)) continue;
      const row = /<(?:[\w.-]+:)?Row>\s*(\d+)\s*</.exec(shape)?.[1];
      const column = /<(?:[\w.-]+:)?Column>\s*(\d+)\s*</.exec(shape)?.[1];
      if (Number(row) === cell.row - 1 && Number(column) === cell.column - 1) {
        text = text.slice(0, match.index) + text.slice(match.index + shape.length);
        break;
      }
    }
  }
  const cells = [...written];
  if (cells.length === 0) return text;
  text = withVmlNamespaces(text);
  if (!text.includes('_x0000_t202')) text = text.replace(/<\/xml>\s*$/, `${NOTE_SHAPETYPE}</xml>`);
  const block = Number(/<(?:[\w.-]+:)?idmap[^>]*data="(\d+)/.exec(text)?.[1] ?? 1);
  let next =
    Math.max(block * 1024, ...[...text.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]))) + 1;
  const shapes = cells.map((cell) => {
    const id = next;
    next += 1;
    return noteShape(id, cell.row - 1, cell.column - 1);
  });
  return text.replace(/<\/xml>\s*$/, `${shapes.join('')}</xml>`);
}

const VML_NAMESPACES: Record<string, string> = {
  v: 'urn:schemas-microsoft-com:vml',
  o: 'urn:schemas-microsoft-com:office:office',
  x: 'urn:schemas-microsoft-com:office:excel',
};

/** The VML with v:, o: and x: declared on its root (some writers declare them per element). */
function withVmlNamespaces(vml: string): string {
  const root = /<xml\b[^>]*>/.exec(vml);
  if (!root) return vml;
  let tag = root[0];
  for (const [prefix, uri] of Object.entries(VML_NAMESPACES)) {
    if (!new RegExp(`xmlns:${prefix}\\s*=`).test(tag))
      tag = tag.replace(/^<xml/, `<xml xmlns:${prefix}="${uri}"`);
  }
  return vml.slice(0, root.index) + tag + vml.slice(root.index + root[0].length);
}

function noteShape(id: number, row: number, column: number): string {
  const anchor = [column + 1, 15, Math.max(row - 1, 0), 10, column + 3, 15, row + 3, 4].join(', ');
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:60pt;z-index:${id % 1024};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`
  );
}
