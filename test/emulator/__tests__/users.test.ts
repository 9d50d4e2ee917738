/**
 * Several people on one spreadsheet: who Session says runs the script, protections that refuse
 * a colleague's edits (typed, scripted, through the Sheets API), and installable triggers with
 * their edit and change events. Sources are in users.ts, protection.ts and scriptApp.ts; each
 * test names the line it holds to.
 */
import { createEmulator, type Emulator } from '../index';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Session = GoogleAppsScript.Base.Session;
type ScriptApp = GoogleAppsScript.Script.ScriptApp;

const OWNER = 'owner@workshop.cn';
const MANAGER = 'li@workshop.cn';
const STAFF = 'zhao@workshop.cn';
const OUTSIDER = 'volunteer@gmail.com';

function setUp(): { emu: Emulator; sheet: Sheet; session: Session; scriptApp: ScriptApp } {
  const emu = createEmulator({ userEmail: OWNER });
  const sheet = emu.spreadsheet.insertSheet('Orders') as Sheet;
  sheet.getRange('A1:C2').setValues([
    ['ID', 'Rate', 'Notes'],
    ['O1', 0.5, ''],
  ]);
  for (const email of [MANAGER, STAFF, OUTSIDER])
    emu.shareFile(emu.spreadsheet.getId(), email, 'editor');
  const g = emu.globals as { Session: Session; ScriptApp: ScriptApp };
  return { emu, sheet, session: g.Session, scriptApp: g.ScriptApp };
}

describe('users', () => {
  // https://developers.google.com/apps-script/reference/base/session#getActiveUser() and
  // #getEffectiveUser(): outside an installable trigger both are the person running the script.
  it('a script run by a colleague sees that colleague, not the owner', () => {
    const { emu, session } = setUp();
    expect(session.getActiveUser().getEmail()).toBe(OWNER);
    emu.asUser(STAFF, () => {
      expect(session.getActiveUser().getEmail()).toBe(STAFF);
      expect(session.getEffectiveUser().getEmail()).toBe(STAFF);
      expect(emu.spreadsheet.getOwner()?.getEmail()).toBe(OWNER);
    });
    expect(session.getActiveUser().getEmail()).toBe(OWNER);
  });

  // "the user's email address is not available in any context that allows a script to run
  // without that user's authorization, like a simple onOpen(e) or onEdit(e) trigger"
  it('a simple trigger is told no address, whoever edits', () => {
    const { emu, session } = setUp();
    let seen = 'unset';
    emu.asUser(STAFF, () =>
      emu.userEdit('Orders', 'C2', 'x', () => {
        seen = session.getActiveUser().getEmail();
      }),
    );
    expect(seen).toBe('');
  });
});

describe('protections that refuse', () => {
  const managersOnly = (sheet: Sheet, a1?: string): GoogleAppsScript.Spreadsheet.Protection => {
    const protection = (a1 ? sheet.getRange(a1).protect() : sheet.protect()).setDescription('m');
    // The reference's own pattern: add yourself, remove the others, name who may edit.
    protection.addEditor(OWNER);
    protection.removeEditors(protection.getEditors());
    protection.addEditors([MANAGER]);
    return protection;
  };

  // Range.protect(): "the permissions mirror those of the spreadsheet itself" until the editors
  // are changed. https://developers.google.com/apps-script/reference/spreadsheet/range#protect()
  it('a new protection lets every editor of the spreadsheet edit until its editors change', () => {
    const { emu, sheet } = setUp();
    const protection = sheet.getRange('B2').protect();
    expect(
      protection
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual([MANAGER, OUTSIDER, OWNER, STAFF].sort());
    emu.asUser(STAFF, () => emu.userEdit('Orders', 'B2', '0.6'));
    expect(sheet.getRange('B2').getValue()).toBe(0.6);
  });

  it('after removeEditors / addEditors only the owner and the named editors may edit', () => {
    const { emu, sheet } = setUp();
    const protection = managersOnly(sheet, 'B1:B1000');
    expect(
      protection
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual([MANAGER, OWNER].sort());
    // The owner "can always edit" and is never removed.
    protection.removeEditor(OWNER);
    expect(protection.getEditors().map((u) => u.getEmail())).toContain(OWNER);
    expect(() => emu.asUser(STAFF, () => emu.userEdit('Orders', 'B2', '0.9'))).toThrow(
      'You are trying to edit a protected cell or object',
    );
    expect(sheet.getRange('B2').getValue()).toBe(0.5);
    emu.asUser(STAFF, () => emu.userEdit('Orders', 'C2', 'fine'));
    emu.asUser(MANAGER, () => emu.userEdit('Orders', 'B2', '0.7'));
    expect(sheet.getRange('B2').getValue()).toBe(0.7);
    emu.asUser(STAFF, () => expect(protection.canEdit()).toBe(false));
    emu.asUser(MANAGER, () => expect(protection.canEdit()).toBe(true));
  });

  it("refuses a colleague's script writes, cell by cell and whole rows, changing nothing", () => {
    const { emu, sheet } = setUp();
    managersOnly(sheet);
    emu.asUser(STAFF, () => {
      expect(() => sheet.getRange('C2').setValue('x')).toThrow('protected cell or object');
      expect(() => sheet.appendRow(['O2', 1, ''])).toThrow('protected cell or object');
      expect(() => sheet.deleteRows(2, 1)).toThrow('protected cell or object');
      expect(() => sheet.getRangeList(['C2']).setBackground('red')).toThrow('protected');
    });
    expect(emu.peek('Orders')).toEqual([
      ['ID', 'Rate', 'Notes'],
      ['O1', 0.5, ''],
    ]);
    emu.asUser(MANAGER, () => sheet.getRange('C2').setValue('ok'));
    expect(sheet.getRange('C2').getValue()).toBe('ok');
  });

  it('warning-only protection refuses nobody', () => {
    const { emu, sheet } = setUp();
    managersOnly(sheet).setWarningOnly(true);
    emu.asUser(STAFF, () => sheet.getRange('C2').setValue('warned'));
    expect(sheet.getRange('C2').getValue()).toBe('warned');
  });

  it('the Sheets API refuses a write into a protected range, all or nothing', () => {
    const { emu, sheet } = setUp();
    managersOnly(sheet);
    const api = emu.globals.Sheets as GoogleAppsScript.Sheets;
    const id = emu.spreadsheet.getId();
    const request = {
      requests: [
        {
          appendCells: {
            sheetId: sheet.getSheetId(),
            rows: [{ values: [{ userEnteredValue: { stringValue: 'O9' } }] }],
            fields: 'userEnteredValue',
          },
        },
      ],
    };
    emu.asUser(STAFF, () =>
      expect(() => api.Spreadsheets?.batchUpdate(request, id)).toThrow(
        /batchUpdate failed with error: You are trying to edit a protected cell/,
      ),
    );
    expect(emu.peek('Orders')).toHaveLength(2);
    emu.asUser(MANAGER, () => api.Spreadsheets?.batchUpdate(request, id));
    expect(emu.peek('Orders')).toHaveLength(3);
  });

  it('a person may not delete protected rows', () => {
    const { emu, sheet } = setUp();
    managersOnly(sheet, 'A2:C2');
    expect(() => emu.asUser(STAFF, () => emu.userDeleteRows('Orders', 2, 1))).toThrow(
      'protected cell or object',
    );
    emu.asUser(MANAGER, () => emu.userDeleteRows('Orders', 2, 1));
    expect(emu.peek('Orders')).toEqual([['ID', 'Rate', 'Notes']]);
  });
});

describe('installable triggers', () => {
  // https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder
  // https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()
  it('are made by the builder, listed for their own user only, and deleted', () => {
    const { emu, scriptApp } = setUp();
    const made = emu.asUser(MANAGER, () => {
      const edit = scriptApp
        .newTrigger('auditEdit')
        .forSpreadsheet(emu.spreadsheet)
        .onEdit()
        .create();
      scriptApp.newTrigger('auditChange').forSpreadsheet(emu.spreadsheet).onChange().create();
      return edit;
    });
    expect(made.getHandlerFunction()).toBe('auditEdit');
    expect(made.getEventType()).toBe(scriptApp.EventType.ON_EDIT);
    expect(made.getTriggerSource()).toBe(scriptApp.TriggerSource.SPREADSHEETS);
    expect(made.getTriggerSourceId()).toBe(emu.spreadsheet.getId());
    expect(made.getUniqueId()).toMatch(/^\d+$/);
    // "associated with the current project and current user": the owner sees none of them.
    expect(scriptApp.getProjectTriggers()).toEqual([]);
    emu.asUser(MANAGER, () => {
      const mine = scriptApp.getProjectTriggers();
      expect(mine.map((t) => t.getHandlerFunction())).toEqual(['auditEdit', 'auditChange']);
      expect(scriptApp.getUserTriggers(emu.spreadsheet)).toHaveLength(2);
      scriptApp.deleteTrigger(mine[0]!);
      expect(scriptApp.getProjectTriggers()).toHaveLength(1);
    });
  });

  // "This method requires authorization with …/script.scriptapp" (ScriptApp reference); a
  // simple trigger may not (https://developers.google.com/apps-script/guides/triggers#restrictions).
  it('need the script.scriptapp scope, and are out of reach of a simple trigger', () => {
    const noScope = createEmulator({
      manifest: { oauthScopes: ['https://www.googleapis.com/auth/spreadsheets'] },
    });
    const scriptApp = noScope.globals.ScriptApp as ScriptApp;
    expect(() =>
      scriptApp.newTrigger('f').forSpreadsheet(noScope.spreadsheet).onEdit().create(),
    ).toThrow('Required permissions: https://www.googleapis.com/auth/script.scriptapp');
    const { emu, scriptApp: withScope } = setUp();
    expect(() => emu.simpleTrigger(() => withScope.getProjectTriggers())).toThrow(
      'You do not have permission to call ScriptApp.getProjectTriggers',
    );
  });

  // Quota: 20 triggers / user / script (https://developers.google.com/apps-script/guides/services/quotas).
  it('refuse a 21st trigger of the same user', () => {
    const { emu, scriptApp } = setUp();
    const make = (): unknown =>
      scriptApp.newTrigger('f').forSpreadsheet(emu.spreadsheet).onChange().create();
    for (let i = 0; i < 20; i++) make();
    expect(make).toThrow('too many triggers');
  });

  // Edit event: https://developers.google.com/apps-script/guides/triggers/events#edit —
  // authMode FULL for installable triggers, triggerUid, user, value/oldValue for one cell.
  // "Installable triggers always run under the account of the person who created them."
  it("fire on a person's edit, under their creator's account, with a FULL edit event", () => {
    const { emu, scriptApp, session } = setUp();
    const seen: Record<string, unknown>[] = [];
    emu.projectFunctions({
      auditEdit: (e: GoogleAppsScript.Events.SheetsOnEdit) =>
        seen.push({
          authMode: e.authMode,
          range: e.range.getA1Notation(),
          value: e.value,
          oldValue: e.oldValue,
          user: e.user.getEmail(),
          uid: e.triggerUid,
          effective: session.getEffectiveUser().getEmail(),
          active: session.getActiveUser().getEmail(),
        }),
    });
    const trigger = emu.asUser(MANAGER, () =>
      scriptApp.newTrigger('auditEdit').forSpreadsheet(emu.spreadsheet).onEdit().create(),
    );
    emu.asUser(STAFF, () => emu.userEdit('Orders', 'B2', '0.8'));
    expect(seen).toEqual([
      {
        authMode: 'FULL',
        range: 'B2',
        value: '0.8',
        oldValue: '0.5',
        user: STAFF,
        uid: trigger.getUniqueId(),
        effective: MANAGER,
        active: STAFF,
      },
    ]);
    // Script writes never fire triggers.
    emu.asUser(STAFF, () =>
      emu.execution(() => emu.spreadsheet.getRange('Orders!C2').setValue('s')),
    );
    expect(seen).toHaveLength(1);
  });

  // getActiveUser: restrictions "generally do not apply if the developer … belongs to the same
  // Google Workspace domain as the user" — a consumer account outside it stays anonymous.
  it('are told no address for an editor outside the creator’s domain', () => {
    const { emu, scriptApp, session } = setUp();
    const users: string[] = [];
    emu.projectFunctions({
      auditEdit: (e: GoogleAppsScript.Events.SheetsOnEdit) =>
        users.push(`${e.user.getEmail()}|${session.getActiveUser().getEmail()}`),
    });
    emu.asUser(MANAGER, () =>
      scriptApp.newTrigger('auditEdit').forSpreadsheet(emu.spreadsheet).onEdit().create(),
    );
    emu.asUser(OUTSIDER, () => emu.userEdit('Orders', 'C2', 'hi'));
    emu.asUser(STAFF, () => emu.userEdit('Orders', 'C2', 'yo'));
    expect(users).toEqual(['|', `${STAFF}|${STAFF}`]);
  });

  // Change event: changeType INSERT_ROW / REMOVE_ROW / EDIT …, no range; the selection is read
  // from the spreadsheet. https://developers.google.com/apps-script/guides/triggers/events#change
  it('fire on change: rows removed and inserted, and edits as EDIT', () => {
    const { emu, scriptApp } = setUp();
    const changes: string[] = [];
    emu.projectFunctions({
      auditChange: (e: GoogleAppsScript.Events.SheetsOnChange) => {
        const active = e.source.getActiveRange();
        changes.push(
          `${e.changeType} ${e.source.getActiveSheet().getName()}!${active?.getA1Notation() ?? ''} ${e.user.getEmail()} ${String((e as { authMode?: unknown }).authMode)}`,
        );
      },
    });
    emu.asUser(MANAGER, () =>
      scriptApp.newTrigger('auditChange').forSpreadsheet(emu.spreadsheet).onChange().create(),
    );
    emu.asUser(STAFF, () => {
      emu.userInsertRows('Orders', 1, 2);
      emu.userDeleteRows('Orders', 2, 2);
      emu.userEdit('Orders', 'C2', 'n');
    });
    expect(changes).toEqual([
      `INSERT_ROW Orders!A2:Z3 ${STAFF} FULL`,
      `REMOVE_ROW Orders!A2:Z3 ${STAFF} FULL`,
      `EDIT Orders!C2 ${STAFF} FULL`,
    ]);
  });

  it('keep what a handler throws apart; the edit stands', () => {
    const { emu, scriptApp } = setUp();
    emu.projectFunctions({
      auditEdit: () => {
        throw new Error('boom');
      },
    });
    scriptApp.newTrigger('auditEdit').forSpreadsheet(emu.spreadsheet).onEdit().create();
    scriptApp.newTrigger('missing').forSpreadsheet(emu.spreadsheet).onEdit().create();
    emu.userEdit('Orders', 'C2', 'kept');
    expect(emu.spreadsheet.getRange('Orders!C2').getValue()).toBe('kept');
    expect(emu.triggerErrors.map((e) => e.message)).toEqual([
      'boom',
      'Script function not found: missing',
    ]);
  });
});
