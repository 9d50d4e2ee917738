/**
 * Checking while typing, end to end in the emulated Apps Script: a person types or pastes into
 * a source tab, the emulator fires the onEdit simple trigger (as Apps Script does for user
 * edits only: https://developers.google.com/apps-script/guides/triggers#restrictions), and the
 * edited rows are tidied, checked and marked as Check data marks them.
 * Event object: https://developers.google.com/apps-script/guides/triggers/events#edit
 */
import { createEmulator, type Emulator } from '../emulator';
import { onEdit } from '../../src/apps-script/onEdit';
import { checkData as checkLedger } from '../../src/features/checkData';
import { generateMonthFromDialog, closeMonthFromDialog } from '../../src/apps-script/monthJobs';
import { SheetsWorkbook } from '../../src/apps-script/sheetsWorkbook';
import { MARK_BACKGROUND, MARK_NOTE_PREFIX } from '../../src/workbook/port';
import type { CellValue } from '../../src/workbook/cells';
import { monthTabs, orderRow, residentRow } from '../support/monthWorkbook';

// Today is 20 November 2026 in Shanghai; only Date is faked.
const NOW = new Date('2026-11-20T02:00:00Z');
const day = (iso: string): Date => new Date(`${iso}T00:00:00+08:00`);

type Lang = 'zh' | 'en';
const TABS = {
  zh: {
    pieces: '计件',
    adjustments: '调整',
    residents: '居民',
    payout: '工资 2026-11',
    summary: '汇总 2026-11',
  },
  en: {
    pieces: 'Pieces',
    adjustments: 'Adjustments',
    residents: 'Residents',
    payout: 'Payout 2026-11',
    summary: 'Summary 2026-11',
  },
};

let emulator: Emulator;
let uninstall: () => void;

function pieces(count: number): CellValue[][] {
  return Array.from({ length: count }, (_, i) => [
    day(i % 2 === 0 ? '2026-10-15' : '2026-11-05'),
    `R${1 + (i % 3)}`,
    i % 2 === 0 ? 'O1' : 'O2',
    1 + (i % 20),
    0,
    '王老师',
    '',
    `E${i + 1}`,
  ]);
}

function install(lang: Lang, pieceCount = 6, options: { autoCorrect?: string } = {}): void {
  emulator = createEmulator({ locale: lang === 'zh' ? 'zh_CN' : 'en_US', htmlFiles: {} });
  const settings =
    options.autoCorrect === undefined
      ? undefined
      : [
          [lang === 'zh' ? '机构名称' : 'Organization', 'W'],
          [lang === 'zh' ? '自动更正' : 'Auto-correct', options.autoCorrect],
        ];
  const tabs = monthTabs(
    {
      residents: [
        residentRow('R1', '王秀英'),
        residentRow('R2', '李桂兰'),
        residentRow('R3', '张丽'),
      ],
      orders: [
        orderRow('O1', '窗花', '剪纸', 0.5, { received: day('2026-01-01'), quantity: 1e9 }),
        orderRow('O2', '香囊', '刺绣', 2.5, { received: day('2026-01-01'), quantity: 1e9 }),
      ],
      pieces: pieces(pieceCount),
      adjustments: [],
      ...(settings ? { settings } : {}),
    },
    lang,
  );
  for (const [name, rows] of Object.entries(tabs)) emulator.seed(name, rows);
  uninstall = emulator.install(globalThis);
  emulator.simpleTriggers({ onEdit });
}

beforeEach(() => {
  jest.useFakeTimers({
    now: NOW,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
});
afterEach(() => {
  expect(emulator.triggerErrors).toEqual([]);
  uninstall();
  jest.useRealTimers();
});

const isMarked = (tab: string, a1: string): boolean =>
  emulator.cell(tab, a1).background === MARK_BACKGROUND &&
  emulator.cell(tab, a1).note.startsWith(MARK_NOTE_PREFIX);

/** Check data from the menu's feature, over the same sheet: the marks it would write. */
function checkDataNotes(tab: string, a1s: readonly string[]): string[] {
  emulator.execution(() =>
    checkLedger(new SheetsWorkbook(emulator.spreadsheet), { today: '2026-11-20' }),
  );
  return a1s.map((a1) => emulator.cell(tab, a1).note);
}

function calls(fn: () => void): { total: number; byMethod: Record<string, number> } {
  emulator.calls.reset();
  fn();
  return { total: emulator.calls.total(), byMethod: emulator.calls.byMethod() };
}

describe.each<Lang>(['zh', 'en'])('checking while typing (%s)', (lang) => {
  const tab = TABS[lang].pieces;

  it('marks a bad value as it is typed, with the note Check data writes', () => {
    install(lang);
    emulator.userEdit(tab, 'D3', 'ten');
    emulator.userEdit(tab, 'B4', 'R9');
    expect(isMarked(tab, 'D3')).toBe(true);
    expect(isMarked(tab, 'B4')).toBe(true);
    expect(emulator.cell(tab, 'D3').note).toContain(lang === 'zh' ? '[错误]' : '[error]');
    const typed = [emulator.cell(tab, 'D3').note, emulator.cell(tab, 'B4').note];
    expect(checkDataNotes(tab, ['D3', 'B4'])).toEqual(typed);
  });

  it('clears the mark when the value is fixed, keeping the staff note', () => {
    install(lang);
    emulator.spreadsheet.getSheetByName(tab)?.getRange('E3').setNote('asked the teacher');
    emulator.userEdit(tab, 'E3', '99');
    expect(isMarked(tab, 'E3')).toBe(true);
    expect(emulator.cell(tab, 'E3').note).toContain('asked the teacher');
    emulator.userEdit(tab, 'E3', '1');
    expect(emulator.cell(tab, 'E3').note).toBe('asked the teacher');
    expect(emulator.cell(tab, 'E3').background).toBe('#ffffff');
  });

  it('rechecks the whole row: fixing one cell clears the mark it put on another', () => {
    install(lang);
    emulator.userEdit(tab, 'D2', '0');
    emulator.userEdit(tab, 'E2', '3');
    expect(isMarked(tab, 'E2')).toBe(true); // rejected over completed
    emulator.userEdit(tab, 'D2', '5');
    expect(isMarked(tab, 'E2')).toBe(false);
    expect(emulator.cell(tab, 'E2').note).toBe('');
  });

  it('checks a pasted block row by row', () => {
    install(lang);
    emulator.userEdit(tab, 'A8', [
      ['2026-11-10', 'R1', 'O1', '3', '0'],
      ['2026-11-10', 'R7', 'O1', '3', '0'],
      ['2026-11-10', 'R2', 'O9', '-2', '0'],
    ]);
    expect(isMarked(tab, 'B8')).toBe(false);
    expect(isMarked(tab, 'B9')).toBe(true);
    expect(isMarked(tab, 'C10')).toBe(true);
    expect(isMarked(tab, 'D10')).toBe(true);
    expect(checkDataNotes(tab, ['B9', 'C10', 'D10'])).toEqual(
      ['B9', 'C10', 'D10'].map((a1) => emulator.cell(tab, a1).note),
    );
  });

  it('tidies what an input method typed, and keeps what was typed in the note', () => {
    install(lang);
    emulator.userEdit(tab, 'D3', '３０');
    emulator.userEdit(tab, 'B3', 'r2 ');
    emulator.userEdit(tab, 'A3', '２０２６年１１月３日');
    emulator.userEdit(tab, 'D4', '1，000');
    expect(emulator.cell(tab, 'D3').value).toBe(30);
    expect(emulator.cell(tab, 'B3').value).toBe('R2');
    expect(emulator.cell(tab, 'A3').value).toBeInstanceOf(Date);
    expect(emulator.cell(tab, 'A3').displayValue).toBe('2026-11-03');
    expect(emulator.cell(tab, 'D4').value).toBe(1000);
    expect(emulator.cell(tab, 'D3').note).toBe(
      lang === 'zh' ? '✎ 已自动更正，原为「３０」' : '✎ auto-corrected, was "３０"',
    );
    expect(emulator.cell(tab, 'D3').background).toBe('#ffffff');
    // Check data keeps the note: it is not one of its marks.
    expect(checkDataNotes(tab, ['D3'])).toEqual([emulator.cell(tab, 'D3').note]);
  });

  it('leaves values alone when Settings turns tidying off, and still checks', () => {
    install(lang, 6, { autoCorrect: lang === 'zh' ? '关' : 'off' });
    emulator.userEdit(tab, 'D3', '３０');
    emulator.userEdit(tab, 'B4', 'R9');
    expect(emulator.cell(tab, 'D3').value).toBe('３０');
    expect(emulator.cell(tab, 'D3').note).toBe('');
    expect(isMarked(tab, 'B4')).toBe(true);
  });

  it('warns at once about an edit to a closed month, and marks its month tabs out of date', () => {
    install(lang);
    // Rows 2, 4, 6 are in October, 3, 5, 7 in November: October closed, November generated.
    const runs: (() => { ok: boolean })[] = [
      () => generateMonthFromDialog('2026-10'),
      () => closeMonthFromDialog('2026-10', { name: '王老师', confirmed: true }),
      () => generateMonthFromDialog('2026-11'),
    ];
    for (const run of runs) expect(emulator.execution(run).ok).toBe(true);
    emulator.userEdit(tab, 'D2', '7');
    expect(isMarked(tab, 'A2')).toBe(true);
    expect(emulator.cell(tab, 'A2').note).toContain(
      lang === 'zh' ? '2026-10 已结账' : '2026-10 is closed',
    );
    const payout = TABS[lang].payout;
    expect(emulator.cell(payout, 'C5').value).toBe('');
    emulator.userEdit(tab, 'D3', '9');
    expect(isMarked(tab, 'A3')).toBe(false);
    for (const name of [payout, TABS[lang].summary]) {
      const notice = String(emulator.cell(name, 'C5').value);
      expect(notice).toContain(lang === 'zh' ? '已过时' : 'out of date');
    }
    // Generating again removes it.
    expect(emulator.execution(() => generateMonthFromDialog('2026-11')).ok).toBe(true);
    expect(emulator.cell(payout, 'C5').value).toBe('');
  });

  it('warns at once about a row re-dated out of a closed month (the month it left changes)', () => {
    install(lang);
    // Row 2 is in October, row 3 in November; October is closed.
    const close = () => closeMonthFromDialog('2026-10', { name: '王老师', confirmed: true });
    expect(emulator.execution(close).ok).toBe(true);
    emulator.userEdit(tab, 'A3', '2026-11-06'); // within an open month: nothing to say
    expect(isMarked(tab, 'A3')).toBe(false);
    emulator.userEdit(tab, 'A2', '2026-11-02');
    expect(isMarked(tab, 'A2')).toBe(true);
    expect(emulator.cell(tab, 'A2').note).toContain(
      lang === 'zh' ? '2026-10 已结账' : '2026-10 is closed',
    );
    const adjustments = TABS[lang].adjustments;
    emulator.userEdit(adjustments, 'A2', [['2026-10', 'R1', '5', 'bonus']]);
    emulator.userEdit(adjustments, 'A2', '2026-11');
    expect(isMarked(adjustments, 'A2')).toBe(true);
  });

  it('checks and tidies Adjustments too', () => {
    install(lang);
    const adjustments = TABS[lang].adjustments;
    emulator.userEdit(adjustments, 'A2', [['2026年11月', 'r1', '１２.５', 'bonus']]);
    emulator.userEdit(adjustments, 'A3', [['2026-11', 'R9', 'fifty', '']]);
    expect(emulator.cell(adjustments, 'A2').value).toBe('2026-11');
    expect(emulator.cell(adjustments, 'B2').value).toBe('R1');
    expect(emulator.cell(adjustments, 'C2').value).toBe(12.5);
    expect(emulator.cell(adjustments, 'C2').note).toContain('１２.５');
    expect(isMarked(adjustments, 'B3')).toBe(true);
    expect(isMarked(adjustments, 'C3')).toBe(true);
    expect(checkDataNotes(adjustments, ['B3', 'C3'])).toEqual(
      ['B3', 'C3'].map((a1) => emulator.cell(adjustments, a1).note),
    );
  });

  it('knows a resident typed on Residents, and one a script added once the kept context is a minute old', () => {
    install(lang);
    emulator.userEdit(tab, 'D2', '2'); // the context is kept
    emulator.userEdit(TABS[lang].residents, 'A5', [['R4', 'Zhao']]);
    emulator.userEdit(tab, 'B3', 'R4');
    expect(isMarked(tab, 'B3')).toBe(false);
    // A sidebar appends with a script write: no edit event.
    const residents = emulator.spreadsheet.getSheetByName(TABS[lang].residents);
    residents?.getRange('A6:B6').setValues([['R5', 'Qian']]);
    emulator.userEdit(tab, 'B4', 'R5');
    expect(isMarked(tab, 'B4')).toBe(true); // the context was built a moment ago
    jest.setSystemTime(new Date(NOW.getTime() + 61_000));
    emulator.userEdit(tab, 'B4', 'R5');
    expect(isMarked(tab, 'B4')).toBe(false);
  });

  it('checks a tab staff renamed (计件 ↔ Pieces) after the kept context named it otherwise', () => {
    install(lang);
    emulator.userEdit(tab, 'D2', '2'); // the context is kept, naming the tab as it was
    const renamed = lang === 'zh' ? 'Pieces' : '计件';
    emulator.spreadsheet.getSheetByName(tab)?.setName(renamed); // a rename fires no edit
    jest.setSystemTime(new Date(NOW.getTime() + 61_000));
    emulator.userEdit(renamed, 'D3', 'ten');
    expect(isMarked(renamed, 'D3')).toBe(true);
    emulator.userEdit(renamed, 'D3', '3');
    expect(isMarked(renamed, 'D3')).toBe(false);
  });

  it('checks the rows of a table pasted at A1 with its header row', () => {
    install(lang);
    emulator.userEdit(tab, 'D2', '2');
    const header = (emulator.peek(tab)[0] ?? []).map(String);
    emulator.userEdit(tab, 'A1', [
      header,
      ['2026-11-10', 'r1', 'O1', 'ten', '0', '', '', 'X1'],
      ['2026-11-10', 'R1', 'O1', '3', '0', '', '', 'X2'],
    ]);
    expect(emulator.peek(tab)[0]).toEqual(header);
    expect(isMarked(tab, 'D2')).toBe(true);
    expect(emulator.cell(tab, 'B2').value).toBe('R1'); // tidied as any pasted row
    expect(isMarked(tab, 'D3')).toBe(false);
    expect(checkDataNotes(tab, ['D2'])).toEqual([emulator.cell(tab, 'D2').note]);
  });

  it('leaves a paste of more than 2,000 rows to Check data, with a toast', () => {
    install(lang, 2_100);
    const rows = Array.from({ length: 2001 }, () => ['2026-11-10', 'R9', 'O1', '3', '0']);
    emulator.userEdit(tab, 'A2', rows);
    expect(isMarked(tab, 'B2')).toBe(false);
    expect(JSON.stringify(emulator.ui)).toContain('2001');
  });
});

describe('service calls while typing (held to a budget)', () => {
  const tab = '计件';

  it('a single-cell edit: 7 calls, the same on 1,000 and 100,000 rows; 9 when it marks', () => {
    const measure = (count: number) => {
      install('zh', count);
      emulator.userEdit(tab, 'D3', '4'); // builds and keeps the context
      const clean = calls(() => emulator.userEdit(tab, 'D5', '6'));
      const marking = calls(() => emulator.userEdit(tab, 'D6', 'six'));
      uninstall();
      return { clean, marking };
    };
    const small = measure(1_000);
    const big = measure(100_000);
    install('zh'); // for afterEach
    // Tab (getSheet, getName), context (getDocumentCache, getAll), the rows (getRange, getValues,
    // getNotes); a new mark adds its note and its fill. The bounds come with the event.
    expect(small.clean.total).toBe(7);
    expect(small.clean.byMethod['Range.getA1Notation']).toBeUndefined();
    expect(small.marking.total).toBe(9);
    expect(big.clean.byMethod).toEqual(small.clean.byMethod);
    expect(big.marking.byMethod).toEqual(small.marking.byMethod);
  });

  it('an event without the bounds fields asks the range once, and marks the same', () => {
    install('zh', 10);
    emulator.userEdit(tab, 'D3', '4');
    const sheet = emulator.spreadsheet.getSheetByName(tab);
    emulator.userEdit(tab, 'D6', 'six', () => undefined); // typed, without the trigger
    const plain = sheet?.getRange('D6');
    const withoutBounds = calls(() =>
      emulator.simpleTrigger(() => onEdit({ range: plain, source: emulator.spreadsheet } as never)),
    );
    expect(withoutBounds.byMethod['Range.getA1Notation']).toBe(1);
    expect(withoutBounds.total).toBe(10);
    expect(isMarked(tab, 'D6')).toBe(true);
  });

  it('a paste of 1,000 rows that marks and tidies: ≤ 12 calls', () => {
    install('zh', 1_000);
    emulator.userEdit(tab, 'D3', '4');
    const rows = Array.from({ length: 1_000 }, (_, i) => [
      '2026-11-10',
      i % 10 === 0 ? 'R9' : 'r1',
      'O1',
      i % 7 === 0 ? '３' : '3',
      '0',
    ]);
    const paste = calls(() => emulator.userEdit(tab, 'A2', rows));
    expect(paste.total).toBeLessThanOrEqual(12);
    expect(isMarked(tab, 'B2')).toBe(true);
    expect(emulator.cell(tab, 'B3').value).toBe('R1');
    expect(emulator.cell(tab, 'D9').value).toBe(3);
  });

  it('an edit to a tab Gongfang does not check, or to a generated one: ≤ 2 calls', () => {
    install('zh', 10);
    emulator.seed('我的草稿', [['x']]);
    expect(emulator.execution(() => generateMonthFromDialog('2026-11')).ok).toBe(true);
    expect(calls(() => emulator.userEdit('我的草稿', 'B2', 'note')).total).toBeLessThanOrEqual(2);
    expect(calls(() => emulator.userEdit('工资 2026-11', 'J2', 'x')).total).toBeLessThanOrEqual(2);
  });

  it('nothing throws out of the trigger: a failure is logged and the edit stands', () => {
    install('zh');
    const broken = {
      range: {
        getSheet: () => {
          throw new Error('Service Spreadsheets failed while accessing document');
        },
      },
    } as unknown as GoogleAppsScript.Events.SheetsOnEdit;
    expect(() => onEdit(broken)).not.toThrow();
    expect(emulator.logs.join('\n')).toContain('Service Spreadsheets failed');
  });
});
