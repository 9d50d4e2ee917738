/**
 * The sidebar pages as built: self-contained (no script, style or font fetched from elsewhere:
 * HtmlService pages, and offices with restricted internet) and at most 200 KB each.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { APPS_SCRIPT_DIR, requireBuilt } from '../support/bundle';

const PAGES = ['record-pieces', 'resident-lookup', 'new-resident', 'new-order'];
const MAX_BYTES = 200 * 1024;

describe.each(PAGES)('%s.html', (page) => {
  let html = '';
  beforeAll(() => {
    requireBuilt();
    html = readFileSync(path.join(APPS_SCRIPT_DIR, `${page}.html`), 'utf8');
  });

  it('is at most 200 KB', () => {
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('loads nothing from elsewhere', () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
  });
});
