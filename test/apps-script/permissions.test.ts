/**
 * Granular consent: a user may grant only some of the manifest's scopes. Every menu entry point
 * then says, in the sheet's language, which permission is missing — never a raw error.
 */
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator';
import { setUpWorkbook } from '../../src/apps-script/menu';
import {
  closeMonthFromDialog,
  monthDialogInfo,
  showGenerateMonthDialog,
} from '../../src/apps-script/monthJobs';
import { missingScopes } from '../../src/apps-script/permissions';
import { t } from '../../src/i18n';
import { SCOPES } from '../emulator/scopes';
import { handMonth, monthTabs } from '../support/monthWorkbook';

let uninstall: (() => void) | null = null;
afterEach(() => uninstall?.());

function install(options: EmulatorOptions): Emulator {
  const emulator = createEmulator({
    locale: 'zh_CN',
    htmlFiles: { 'generate-month': '<p>g</p>', 'close-month': '<p>c</p>' },
    ...options,
  });
  for (const [name, rows] of Object.entries(monthTabs(handMonth(), 'zh')))
    emulator.seed(name, rows);
  uninstall = emulator.install(globalThis);
  return emulator;
}

describe('a permission not granted', () => {
  it('is recognised by its scope address, in any language', () => {
    expect(
      missingScopes(
        new Error(
          'Exception: 您无权调用 Session.getActiveUser。所需权限：https://www.googleapis.com/auth/userinfo.email',
        ),
      ),
    ).toEqual([SCOPES.email]);
    expect(missingScopes(new Error('Range not found'))).toBeNull();
  });

  it('Close month without userinfo.email: closes with the typed name, the account left blank', () => {
    // Who closed is recorded as typed in the dialog and, where Google gives it, the verified
    // account (issue 7): a user who did not grant the e-mail permission can still close.
    const emulator = install({
      manifest: { oauthScopes: [SCOPES.currentSpreadsheet, SCOPES.containerUi] },
    });
    const reply = emulator.execution(() =>
      closeMonthFromDialog('2026-11', { name: '王老师', confirmed: true }),
    );
    expect(reply.ok).toBe(true);
    const closing = (emulator.peek('结账')[1] ?? []).join(' ');
    expect(closing).toContain('王老师');
    expect(closing).not.toContain('@');
  });

  it('Generate month without script.container.ui: an alert instead of the dialog', () => {
    const emulator = install({ grantedScopes: [SCOPES.currentSpreadsheet, SCOPES.email] });
    emulator.execution(() => showGenerateMonthDialog());
    expect(emulator.ui.dialogs).toHaveLength(0);
    expect(emulator.ui.alerts).toHaveLength(1);
    expect(emulator.ui.alerts[0]?.title).toBe(t('zh-CN', 'permissionTitle'));
    expect(emulator.ui.alerts[0]?.message).toContain(t('zh-CN', 'scopeDialogs'));
  });

  it("Set up without the spreadsheet scope: an alert in the user's language", () => {
    const emulator = install({ locale: 'en_US', grantedScopes: [SCOPES.containerUi] });
    emulator.execution(() => setUpWorkbook());
    expect(emulator.ui.alerts[0]?.message).toBe(
      t('en', 'permissionMissing', {
        operation: t('en', 'menuSetUp'),
        needs: t('en', 'scopeCurrentSheet'),
      }),
    );
  });

  it('a dialog endpoint throws the words, which the dialog shows', () => {
    const emulator = install({ grantedScopes: [SCOPES.containerUi] });
    expect(() => emulator.execution(() => monthDialogInfo())).toThrow(
      t('zh-CN', 'scopeCurrentSheet'),
    );
  });
});
