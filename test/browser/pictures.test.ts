/**
 * The pictures in the README and the staff guide (docs/guide.zh-CN.md), drawn from the demo
 * workshop — the same sample `gongfang demo` writes — as Google Sheets would show it, in Chinese
 * and in English. `npm run pictures` writes them to docs/images/; the test itself checks what
 * the pictures show, so a picture cannot silently show a test fixture or an empty tab.
 */
import path from 'node:path';
import { createEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import * as endpoints from '../../src/apps-script/endpoints';
import { checkData } from '../../src/apps-script/menu';
import { SheetsWorkbook } from '../../src/apps-script/sheetsWorkbook';
import { buildSample } from '../../src/cli/demo/sample';
import { writeSample } from '../../src/cli/commands/demo';
import { setUpWorkbook } from '../../src/features/setUp';
import type { Lang } from '../../src/i18n';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { ROOT } from '../support/bundle';
import { tabAsHtml } from '../support/sheetPicture';

const TODAY = '2026-11-28';
const SHOTS = process.env.SCREENSHOTS ? path.join(ROOT, 'docs', 'images') : null;

let session: BrowserSession;

/** The demo workshop in an emulated Google Sheet, with its latest month generated. */
function demoSheet(lang: Lang): { emulator: Emulator; uninstall: () => void; month: string } {
  const emulator = createEmulator({ locale: lang === 'zh-CN' ? 'zh_CN' : 'en_US' });
  const realConsole = console;
  const uninstall = emulator.install(globalThis);
  globalThis.console = realConsole;
  const sample = buildSample(TODAY, lang);
  const workbook = new SheetsWorkbook(emulator.spreadsheet);
  writeSample(workbook, sample.tabs, lang, 'Asia/Shanghai');
  setUpWorkbook(new SheetsWorkbook(emulator.spreadsheet));
  const generated = emulator.callServerFunction(
    endpoints as Record<string, unknown>,
    'generateMonthFromDialog',
    [sample.month],
  );
  if (!generated.ok) throw generated.error;
  return { emulator, uninstall, month: sample.month };
}

async function draw(html: string, file: string, width = 1000): Promise<void> {
  if (!SHOTS) return;
  const page = await session.context.newPage();
  await page.setViewportSize({ width, height: 400 });
  await page.setContent(html);
  await screenshot(page, path.join(SHOTS, file));
  await page.close();
}

const TABS = {
  'zh-CN': { payout: '工资', payslips: '工资条', summary: '汇总', pieces: '计件' },
  en: { payout: 'Payout', payslips: 'Payslips', summary: 'Summary', pieces: 'Pieces' },
} as const;

describeInBrowser('pictures of the demo workshop', () => {
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    const suffix = lang === 'zh-CN' ? '' : '.en';
    test(`generated tabs and a checked Pieces tab (${lang})`, async () => {
      const { emulator, uninstall, month } = demoSheet(lang);
      try {
        const names = TABS[lang];
        // The docs' pictures of these tabs are their printed pages, drawn from LibreOffice's
        // PDF (test/cli/printedPages.test.ts); here the tabs as Sheets shows them are checked.
        for (const tab of [names.payout, names.payslips, names.summary]) {
          const html = tabAsHtml(emulator, `${tab} ${month}`);
          // The demo workshop, not a test fixture: its organisation, no formula-like names.
          expect(html).toContain(lang === 'zh-CN' ? '幸福里社区居委会手工坊' : 'Xingfuli');
          expect(html).not.toMatch(/>=HYPERLINK|>=[A-Z]+\(/);
        }
        expect(tabAsHtml(emulator, `${names.payslips} ${month}`)).toContain('dashed');
        // Check data marks the sample's planted mistakes; the picture shows them.
        emulator.execution(() => checkData());
        const pieces = emulator.peek(names.pieces);
        const firstMarked = pieces.findIndex(
          (_, i) => i > 0 && emulator.cell(names.pieces, `D${i + 1}`).note !== '',
        );
        expect(firstMarked).toBeGreaterThan(0);
        const marked = tabAsHtml(emulator, names.pieces, {
          from: firstMarked - 1,
          rows: 12,
          openNote: `D${firstMarked + 1}`,
        });
        expect(marked).toContain('#fde2e1');
        await draw(marked, `pieces-marked${suffix}.png`, 900);
      } finally {
        uninstall();
      }
    });
  }
});
