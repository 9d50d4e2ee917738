/**
 * The picture in docs/validation.md: a 计件 tab after a person typed a bad count (marked) and a
 * full-width one (auto-corrected), drawn from the emulator's cells (values as displayed, fills
 * and notes) and rendered by chromium. `SCREENSHOTS=1 npx jest test/browser/onEditPicture`
 * refreshes docs/images/onedit-marks.png; without it the page is still rendered and checked.
 */
import path from 'node:path';
import { createEmulator, type Emulator } from '../emulator';
import { onEdit } from '../../src/apps-script/onEdit';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { ROOT } from '../support/bundle';
import { pieceRows, seedWorkshop } from '../apps-script/support';

const SHOTS = process.env.SCREENSHOTS ? path.join(ROOT, 'docs', 'images') : null;
const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Rows 1–6 of the tab, with the notes of `noted` cells shown open beside them. */
function tabAsHtml(emulator: Emulator, tab: string, noted: readonly string[]): string {
  const letters = 'ABCDEFGH'.split('');
  const rows = [1, 2, 3, 4, 5, 6].map((row) => {
    const cells = letters.map((letter) => {
      const a1 = `${letter}${row}`;
      const cell = emulator.cell(tab, a1);
      const fill = cell.background === '#ffffff' ? '' : `background:${cell.background};`;
      const corner = cell.note === '' ? '' : '<span class="corner"></span>';
      const open = noted.includes(a1)
        ? `<div class="note">${escape(cell.note).replace(/\n/g, '<br>')}</div>`
        : '';
      const weight = row === 1 ? 'font-weight:bold;' : '';
      return `<td style="${fill}${weight}">${escape(cell.displayValue)}${corner}${open}</td>`;
    });
    return `<tr><th>${row}</th>${cells.join('')}</tr>`;
  });
  const head = `<tr><th></th>${letters.map((l) => `<th>${l}</th>`).join('')}</tr>`;
  return `<!doctype html><meta charset="utf-8"><style>
    body { font: 13px "Noto Sans CJK SC", sans-serif; margin: 12px; }
    table { border-collapse: collapse; }
    th { background: #f8f9fa; color: #5f6368; font-weight: normal; border: 1px solid #dadce0; padding: 2px 6px; }
    td { border: 1px solid #e2e3e3; padding: 3px 8px; min-width: 64px; height: 20px; position: relative; }
    .corner { position: absolute; top: 0; right: 0; border-left: 6px solid transparent; border-top: 6px solid #f29900; }
    .note { position: absolute; left: 100%; top: 0; z-index: 1; width: 280px; background: #fff; border: 1px solid #dadce0; box-shadow: 0 1px 3px rgba(0,0,0,.3); padding: 6px 8px; white-space: normal; }
  </style><table>${head}${rows.join('')}</table><div style="height:16px"></div>`;
}

describeInBrowser('the picture of checking while typing', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session.close();
  });

  it('shows a marked cell and an auto-corrected one, as the notes say', async () => {
    const emulator = createEmulator({ locale: 'zh_CN' });
    const uninstall = emulator.install(globalThis);
    try {
      seedWorkshop(emulator, pieceRows(5));
      emulator.simpleTriggers({ onEdit });
      emulator.userEdit('计件', 'D3', '十');
      emulator.userEdit('计件', 'D5', '３０');
      expect(emulator.triggerErrors).toEqual([]);
      const html = tabAsHtml(emulator, '计件', ['D3', 'D5']);
      const page = await session.context.newPage();
      await page.setViewportSize({ width: 720, height: 210 });
      await page.setContent(html);
      const notes = await page.$$eval('.note', (found) => found.map((n) => n.textContent ?? ''));
      expect(notes[0]).toContain('[错误] 「十」不是数量');
      expect(notes[1]).toBe('✎ 已自动更正，原为「３０」');
      expect(await page.textContent('tr:nth-child(6) td:nth-child(5)')).toContain('30');
      if (SHOTS) await screenshot(page, path.join(SHOTS, 'onedit-marks.png'));
      await page.close();
    } finally {
      uninstall();
    }
  });
});
