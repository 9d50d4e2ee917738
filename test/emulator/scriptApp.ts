/**
 * ScriptApp: installable triggers on the spreadsheet, and the events that fire them.
 * https://developers.google.com/apps-script/reference/script/script-app
 * https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder
 * https://developers.google.com/apps-script/reference/script/trigger
 *
 * - `ScriptApp.newTrigger('fn').forSpreadsheet(ss).onEdit().create()` (or onChange, onOpen,
 *   onFormSubmit) makes a trigger owned by the user who ran the script. The builder only
 *   assembles it (not counted, like the other builders); `newTrigger` and `create()` are calls.
 * - `getProjectTriggers()`: "all installable triggers associated with the current project and
 *   current user" — a colleague's triggers are not listed, and cannot be deleted by this user.
 * - `getUserTriggers(spreadsheet)`: this user's triggers in that spreadsheet.
 * - Quota: 20 triggers per user per script
 *   (https://developers.google.com/apps-script/guides/services/quotas#current_limitations);
 *   the 21st create() throws "This script has too many triggers. Triggers must be deleted from
 *   the script before more can be added." (the wording is unconfirmed: no source found).
 * - Scopes: https://www.googleapis.com/auth/script.scriptapp for newTrigger, create,
 *   getProjectTriggers, getUserTriggers and deleteTrigger (scopes.ts).
 * - Firing: "Installable triggers always run under the account of the person who created them";
 *   "Script executions and API requests do not cause triggers to run"
 *   (https://developers.google.com/apps-script/guides/triggers/installable#restrictions), so only
 *   the test helpers that stand for a person (userEdit, userInsertRows, userDeleteRows) fire
 *   them. The events (https://developers.google.com/apps-script/guides/triggers/events):
 *   edit — authMode FULL, range, source, triggerUid, user, value/oldValue for one cell;
 *   change — authMode FULL, changeType (EDIT, INSERT_ROW, INSERT_COLUMN, REMOVE_ROW,
 *   REMOVE_COLUMN, INSERT_GRID, REMOVE_GRID, FORMAT, OTHER), source, triggerUid, user. A change
 *   event names no range: the sheet and the selection are the spreadsheet's active ones.
 */
import type { Env } from './env';

export const AuthMode = {
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
} as const;

export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;

export const TriggerSource = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const;

export type SpreadsheetEventType = 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';

export interface TriggerData {
  readonly uid: string;
  readonly handler: string;
  readonly eventType: SpreadsheetEventType;
  readonly sourceId: string;
  /** Who created it: the trigger runs under this account. */
  readonly owner: string;
}

const MAX_TRIGGERS_PER_USER = 20;

/** Every installable trigger of the project, whoever made it. */
export class TriggerTable {
  readonly all: TriggerData[] = [];
  private next = 4_034_124_084_959_907_503n;

  add(trigger: Omit<TriggerData, 'uid'>): TriggerData {
    const made = { ...trigger, uid: String((this.next += 7919n)) };
    this.all.push(made);
    return made;
  }
  ownedBy(email: string): TriggerData[] {
    return this.all.filter((t) => t.owner.toLowerCase() === email.toLowerCase());
  }
  remove(uid: string): void {
    const index = this.all.findIndex((t) => t.uid === uid);
    if (index >= 0) this.all.splice(index, 1);
  }
}

class TriggerImpl {
  constructor(readonly _data: TriggerData) {}
  getHandlerFunction(): string {
    return this._data.handler;
  }
  getEventType(): string {
    return this._data.eventType;
  }
  getTriggerSource(): string {
    return TriggerSource.SPREADSHEETS;
  }
  getTriggerSourceId(): string {
    return this._data.sourceId;
  }
  getUniqueId(): string {
    return this._data.uid;
  }
}

export class ScriptAppImpl {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;

  constructor(
    private readonly env: Env,
    private readonly table: TriggerTable,
    private readonly scriptId: string,
  ) {}

  private trigger(data: TriggerData): unknown {
    return this.env.counted(new TriggerImpl(data), 'Trigger');
  }

  newTrigger(functionName: string): unknown {
    const { env, table } = this;
    const handler = String(functionName);
    const wrap = (data: TriggerData): unknown => this.trigger(data);
    return {
      forSpreadsheet(spreadsheet: unknown) {
        // The spreadsheet or its ID; reading the ID here is the service's, not a script call.
        const raw =
          typeof spreadsheet === 'object' && spreadsheet !== null
            ? (env.unwrap(spreadsheet) as { getId?: () => string })
            : null;
        const sourceId = raw === null ? String(spreadsheet ?? '') : (raw.getId?.() ?? '');
        let eventType: SpreadsheetEventType | null = null;
        const builder = {
          onOpen: () => ((eventType = 'ON_OPEN'), builder),
          onEdit: () => ((eventType = 'ON_EDIT'), builder),
          onChange: () => ((eventType = 'ON_CHANGE'), builder),
          onFormSubmit: () => ((eventType = 'ON_FORM_SUBMIT'), builder),
          create(): unknown {
            env.countCall('SpreadsheetTriggerBuilder.create');
            if (eventType === null) throw env.fail('Trigger event type not set.');
            const owner = env.who.effective;
            if (table.ownedBy(owner).length >= MAX_TRIGGERS_PER_USER) {
              throw env.fail(
                'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
              );
            }
            return wrap(table.add({ handler, eventType, sourceId, owner }));
          },
        };
        return builder;
      },
      timeBased(): never {
        throw new Error('emulator: time-driven triggers are not emulated');
      },
    };
  }

  getProjectTriggers(): unknown[] {
    return this.table.ownedBy(this.env.who.effective).map((data) => this.trigger(data));
  }

  getUserTriggers(spreadsheet: unknown): unknown[] {
    const raw =
      typeof spreadsheet === 'object' && spreadsheet !== null
        ? (this.env.unwrap(spreadsheet) as { getId?: () => string })
        : null;
    const id = raw?.getId?.() ?? '';
    return this.table
      .ownedBy(this.env.who.effective)
      .filter((data) => data.sourceId === id)
      .map((data) => this.trigger(data));
  }

  deleteTrigger(trigger: unknown): void {
    const raw = this.env.unwrap(trigger as object) as TriggerImpl | undefined;
    if (!(raw instanceof TriggerImpl)) {
      throw this.env.fail(
        `The parameters (${typeof trigger}) don't match the method signature for ScriptApp.deleteTrigger.`,
      );
    }
    // Only the trigger's own user may delete it: a colleague's is not among theirs (wording
    // unconfirmed).
    if (raw._data.owner.toLowerCase() !== this.env.who.effective.toLowerCase()) {
      throw this.env.fail('Trigger does not belong to the current user.');
    }
    this.table.remove(raw._data.uid);
  }

  getScriptId(): string {
    return this.scriptId;
  }
}
