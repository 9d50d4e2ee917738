/**
 * Several people on one spreadsheet. Each execution runs as a user (env.who): the person at the
 * keyboard (`active`) and the account whose authority the script uses (`effective`). They
 * differ only in an installable trigger, which "always runs under the account of the person who
 * created" it, while the edit that fired it was someone else's.
 * https://developers.google.com/apps-script/guides/triggers/installable#restrictions
 * https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()
 *
 * Whether a script sees the active user's address: "the user's email address is not available
 * in any context that allows a script to run without that user's authorization … However, these
 * restrictions generally do not apply if the developer runs the script themselves or belongs to
 * the same Google Workspace domain as the user."
 * https://developers.google.com/apps-script/reference/base/session#getActiveUser()
 * The emulator reads that as: someone running the script themselves always sees their own
 * address; a trigger created by someone else sees it only when both addresses share a domain
 * that is not a consumer one (gmail.com accounts are not a Workspace domain).
 */
import type { Who } from './env';

const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** Whether a script running under `effective`'s authority is told `active`'s address. */
export function addressVisible(effective: string, active: string): boolean {
  if (effective.toLowerCase() === active.toLowerCase()) return true;
  const domain = domainOf(active);
  return domain !== '' && !CONSUMER_DOMAINS.has(domain) && domain === domainOf(effective);
}

/** A person running the script themselves (a menu item, a sidebar, the editor). */
export function runningAs(email: string): Who {
  return { active: email, effective: email, activeVisible: true };
}

/** An installable trigger created by `creator`, fired by `editor`'s action. */
export function triggeredBy(creator: string, editor: string): Who {
  return { active: editor, effective: creator, activeVisible: addressVisible(creator, editor) };
}
