/**
 * google.script.run as a sidebar sees it.
 * https://developers.google.com/apps-script/guides/html/reference/run#myFunction(...)
 * Legal parameters and return values are primitives (number, boolean, string, null) and
 * objects/arrays of those; a Date or function as an argument fails the call; functions whose
 * names end in "_" are private and cannot be called. A returned Date arrives as null (the
 * whole return value does, reported: https://stackoverflow.com/q/16964024).
 */
import type { Env } from './env';
import { isDateObject } from './dates';

export type ServerResult = { ok: true; value: unknown } | { ok: false; error: Error };

/** The path of the first illegal value, or null when the value can be sent. */
function illegalPath(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  const type = typeof value;
  if (type === 'number' || type === 'boolean' || type === 'string') return null;
  if (type === 'function' || type === 'symbol' || type === 'bigint' || isDateObject(value))
    return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illegalPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value as object)) {
    const found = illegalPath(inner, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

function containsDate(value: unknown): boolean {
  if (isDateObject(value)) return true;
  if (Array.isArray(value)) return value.some(containsDate);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsDate);
  return false;
}

/** JSON-like copy: undefined properties dropped, functions dropped, undefined in arrays → null. */
function copyWith(json: JSON, value: unknown): unknown {
  if (value === undefined) return undefined;
  return json.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? undefined : v)),
  );
}

export function callServerFunction(
  env: Env,
  endpoints: Record<string, unknown>,
  name: string,
  args: unknown[],
  inExecution: <T>(fn: () => T) => T,
): ServerResult {
  const endpoint = Object.prototype.hasOwnProperty.call(endpoints, name)
    ? endpoints[name]
    : undefined;
  if (name.endsWith('_') || typeof endpoint !== 'function') {
    return { ok: false, error: new TypeError(`google.script.run.${name} is not a function`) };
  }
  for (let i = 0; i < args.length; i++) {
    const path = illegalPath(args[i], String(i));
    if (path !== null) {
      return { ok: false, error: new Error(`Failed due to illegal value in property: ${path}`) };
    }
  }
  const serverArgs = args.map((arg) => copyWith(env.realm.JSON, arg));
  try {
    const value: unknown = inExecution(() =>
      (endpoint as (...a: unknown[]) => unknown)(...serverArgs),
    );
    return { ok: true, value: containsDate(value) ? null : (copyWith(JSON, value) ?? null) };
  } catch (thrown) {
    const message =
      thrown instanceof Error ||
      (typeof thrown === 'object' && thrown !== null && 'message' in thrown)
        ? String((thrown as { message: unknown }).message)
        : String(thrown);
    return { ok: false, error: new Error(message) };
  }
}
