/**
 * The deploy configuration, checked with the installed clasp itself (no Google account needed:
 * `clasp status` only lists the local files a push would send).
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APPS_SCRIPT_DIR, ROOT, requireBuilt } from '../support/bundle';

const claspJson = JSON.parse(readFileSync(path.join(ROOT, '.clasp.json'), 'utf8'));

describe('.clasp.json', () => {
  it('points clasp at the built folder', () => {
    expect(claspJson.rootDir).toBe('dist/apps-script');
  });

  it('has no scriptId, so `clasp create-script` can run and write the new one', () => {
    // clasp 3 refuses create-script ("Project file already exists.") only when .clasp.json
    // holds a scriptId: node_modules/@google/clasp/build/src/commands/create-script.js,
    // core/project.js exists().
    expect(claspJson.scriptId).toBeUndefined();
  });
});

describe('clasp push', () => {
  let project = '';

  beforeAll(() => {
    requireBuilt();
    project = mkdtempSync(path.join(tmpdir(), 'gongfang-clasp-'));
    cpSync(path.join(ROOT, '.claspignore'), path.join(project, '.claspignore'));
    writeFileSync(
      path.join(project, '.clasp.json'),
      JSON.stringify({ ...claspJson, scriptId: 'test-script-id' }),
    );
    const pushed = path.join(project, 'dist', 'apps-script');
    cpSync(APPS_SCRIPT_DIR, pushed, { recursive: true });
    // Files that must never reach Apps Script even if they end up in the folder.
    mkdirSync(path.join(pushed, 'old'));
    for (const stray of ['old/Code.js', 'Code.js.map', 'notes.txt', 'stray.gs', 'main.ts']) {
      writeFileSync(path.join(pushed, stray), '');
    }
    mkdirSync(path.join(project, 'src'));
    writeFileSync(path.join(project, 'src', 'entry.ts'), '');
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('sends exactly Code.js, appsscript.json and the built pages', () => {
    const output = execFileSync(
      path.join(ROOT, 'node_modules', '.bin', 'clasp'),
      ['status', '--json'],
      { cwd: project, encoding: 'utf8', env: { ...process.env, HOME: project } },
    );
    const { filesToPush } = JSON.parse(output) as { filesToPush: string[] };
    const expected = readdirSync(APPS_SCRIPT_DIR).map((f) => `dist/apps-script/${f}`);
    expect([...filesToPush].sort()).toEqual(expected.sort());
    expect(filesToPush).toContain('dist/apps-script/Code.js');
  });
});
