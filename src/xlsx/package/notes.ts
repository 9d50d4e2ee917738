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
 * comment they did not before, `removed` the cells whose comment is gone. One pass over the
 * part however many comments it holds: a second Check replaces every mark the first made.
 */
export function editComments(
  xml: string,
  changes: ReadonlyMap<string, NoteChange>,
  written: Set<string>,
  removed: Set<string>,
): string {
  const prefix = /<([\w.-]+:)?comments[\s>]/.exec(xml)?.[1] ?? '';
  const comments = findElements(xml, 'comment');
  const existing = new Map(
    comments.map((comment) => [attribute(comment.text, 'ref') ?? '', comment]),
  );
  const replacements = new Map<string, string | null>();
  const added: { ref: string; runs: string }[] = [];
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
      added.push({ ref, runs: ours });
      written.add(ref);
    }
  }
  const pieces: string[] = [];
  let at = 0;
  for (const comment of comments) {
    const replacement = replacements.get(attribute(comment.text, 'ref') ?? '');
    if (replacement === undefined) continue;
    pieces.push(xml.slice(at, comment.start), replacement ?? '');
    at = comment.end;
  }
  pieces.push(xml.slice(at));
  let text = pieces.join('');
  if (added.length > 0) {
    const author = gongfangAuthor(text, prefix);
    text = author.xml;
    const additions = added
      .map(
        ({ ref, runs }) =>
          `<${prefix}comment ref="${ref}" authorId="${author.id}"><${prefix}text>${runs}</${prefix}text></${prefix}comment>`,
      )
      .join('');
    text = findElement(text, 'commentList')
      ? insertBeforeCloseOf(text, 'commentList', additions, prefix)
      : insertBeforeClose(
          text,
          'comments',
          `<${prefix}commentList>${additions}</${prefix}commentList>`,
        );
  }
  return text;
}

/** Gongfang's index among the part's authors, added at the end of <authors> when missing. */
function gongfangAuthor(xml: string, prefix: string): { xml: string; id: number } {
  const authors = findElement(xml, 'authors');
  const names = authors ? findElements(authors.text, 'author').map((a) => runTextOf(a.text)) : [];
  const found = names.indexOf(AUTHOR);
  if (found >= 0) return { xml, id: found };
  const element = `<${prefix}author>${AUTHOR}</${prefix}author>`;
  const updated = authors
    ? insertBeforeClose(xml.slice(0, authors.end), 'authors', element) + xml.slice(authors.end)
    : insertAfterOpen(xml, 'comments', `<${prefix}authors>${element}</${prefix}authors>`);
  return { xml: updated, id: names.length };
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
  let text = withoutNoteShapes(vml, removed);
  const cells = [...written];
  if (cells.length === 0) return text;
  text = withVmlNamespaces(text);
  if (!text.includes('_x0000_t202')) text = text.replace(/<\/xml>\s*$/, `${NOTE_SHAPETYPE}</xml>`);
  const block = Number(/<(?:[\w.-]+:)?idmap[^>]*data="(\d+)/.exec(text)?.[1] ?? 1);
  let next = block * 1024;
  for (const match of text.matchAll(/_x0000_s(\d+)/g)) next = Math.max(next, Number(match[1]));
  next += 1;
  const shapes = cells.map((cell) => {
    const id = next;
    next += 1;
    return noteShape(id, cell.row - 1, cell.column - 1);
  });
  return text.replace(/<\/xml>\s*$/, `${shapes.join('')}</xml>`);
}

/** The VML without the note shapes of `cells` (0-based in the VML): one pass over the shapes. */
function withoutNoteShapes(vml: string, cells: Iterable<{ row: number; column: number }>): string {
  const gone = new Set<string>();
  for (const cell of cells) gone.add(`${cell.row - 1}:${cell.column - 1}`);
  if (gone.size === 0) return vml;
  const pieces: string[] = [];
  let at = 0;
  for (const match of vml.matchAll(/<([\w.-]+:)?shape(?=[\s>])[\s\S]*?<\/\1?shape>/g)) {
    const shape = match[0];
    if (!/ObjectType="Note"/.test(shape)) continue;
    const row = /<(?:[\w.-]+:)?Row>\s*(\d+)\s*</.exec(shape)?.[1];
    const column = /<(?:[\w.-]+:)?Column>\s*(\d+)\s*</.exec(shape)?.[1];
    const key = `${Number(row)}:${Number(column)}`;
    // One shape per cell is removed, as before: a second one at the same cell stays.
    if (!gone.delete(key)) continue;
    pieces.push(vml.slice(at, match.index));
    at = match.index + shape.length;
  }
  pieces.push(vml.slice(at));
  return pieces.join('');
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
