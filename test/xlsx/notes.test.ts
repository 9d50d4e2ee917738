/**
 * Check's notes on many cells: a second `check --mark` replaces every mark the first made, and
 * once did so with a search and a copy of the whole comments part per mark (quadratic: 139 s
 * at 40,000 rows, past 15 minutes at 100,000). Here 20,000 marks are replaced and 20,000
 * cleared in one call each: a few seconds now; before, this test ran for over ten minutes
 * without finishing (jest cannot time out synchronous code, so the time-out below is only a
 * guard for the test runner). The speed itself is measured in `npm run bench -- fileSafety`.
 */
import { MARK_NOTE_PREFIX } from '../../src/workbook/port';
import { STAFF_NOTE_SEPARATOR } from '../../src/workbook/notes';
import { EMPTY_COMMENTS, editComments, editVml, emptyVml } from '../../src/xlsx/package/notes';
import { readComments } from '../../src/xlsx/package/sheetReader';

const MARKS = 20_000;
const HANG_GUARD_MS = 120_000;

const ref = (index: number) => `E${index + 2}`;

function marked(count: number): { comments: string; vml: string } {
  const changes = new Map(
    Array.from({ length: count }, (_, index) => [
      ref(index),
      { mark: `${MARK_NOTE_PREFIX}[Error] Rejected is more than completed (${index})` },
    ]),
  );
  const written = new Set<string>();
  const comments = editComments(EMPTY_COMMENTS, changes, written, new Set());
  const cells = [...written].map((cell) => ({ row: Number(cell.slice(1)), column: 5 }));
  return { comments, vml: editVml(emptyVml(1), cells, []) };
}

test(
  `${MARKS.toLocaleString('en-US')} marks replaced by a second check, then cleared: one pass each`,
  () => {
    const first = marked(MARKS);
    // Staff's own note on one marked cell, after the mark, as Check keeps it.
    const staffNote = first.comments.replace(
      `(7)</t></r></text>`,
      `(7)${STAFF_NOTE_SEPARATOR}</t></r><r><t>call her first</t></r></text>`,
    );
    const again = new Map(
      Array.from({ length: MARKS }, (_, index) => [
        ref(index),
        { mark: `${MARK_NOTE_PREFIX}[Error] still wrong (${index})` },
      ]),
    );
    const written = new Set<string>();
    const second = editComments(staffNote, again, written, new Set());
    expect(written.size).toBe(0);
    const notes = readComments(second);
    expect(notes.size).toBe(MARKS);
    expect(notes.get(ref(0))).toBe(`${MARK_NOTE_PREFIX}[Error] still wrong (0)`);
    expect(notes.get(ref(7))).toBe(
      `${MARK_NOTE_PREFIX}[Error] still wrong (7)${STAFF_NOTE_SEPARATOR}call her first`,
    );

    const clear = new Map(
      Array.from({ length: MARKS }, (_, index) => [ref(index), { clear: true } as const]),
    );
    const removed = new Set<string>();
    const cleared = editComments(second, clear, new Set(), removed);
    expect(removed.size).toBe(MARKS - 1);
    expect([...readComments(cleared)]).toEqual([[ref(7), 'call her first']]);
    const shapes = editVml(
      first.vml,
      [],
      [...removed].map((cell) => ({ row: Number(cell.slice(1)), column: 5 })),
    );
    expect(shapes.match(/ObjectType="Note"/g)).toHaveLength(1);
    expect(shapes).toContain('<x:Row>8</x:Row>');
  },
  HANG_GUARD_MS,
);
