/**
 * src/cli/audit.ts with the change log taken out, for the CLI bench only: scripts/build.mjs
 * builds dist/bench/without-change-log/ (the command, this module in place of the change log),
 * so that `npm run bench -- cli` measures `generate` with and without it side by side. The
 * product has no switch to turn the change log off.
 */
import type * as ChangeLog from '../../src/cli/audit';
import { ownWrite } from '../../src/features/audit';

const none = {
  changes: [],
  stored: null,
  found: { tabs: {} },
  firstRun: false,
  restarted: false,
  auditGone: false,
  own: [],
};

export const noticeChanges: typeof ChangeLog.noticeChanges = () => none;
export const hasChangesToRecord: typeof ChangeLog.hasChangesToRecord = () => false;
export const noteOwnWrite: typeof ChangeLog.noteOwnWrite = () => undefined;
export const pendingEntries: typeof ChangeLog.pendingEntries = () => [];
export const recordRun: typeof ChangeLog.recordRun = () => undefined;
export const changesOf: typeof ChangeLog.changesOf = () => [];
export const logRestarted: typeof ChangeLog.logRestarted = () => null;
export const ownEntry: typeof ChangeLog.ownEntry = (action, fields) => (who) =>
  ownWrite(action, { ...fields(who.lang), at: who.at, user: who.user });
export const savedBy: typeof ChangeLog.savedBy = () => '';
