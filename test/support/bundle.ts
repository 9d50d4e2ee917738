/**
 * The built Apps Script project, loaded as Apps Script loads it: dist/apps-script/Code.js run
 * in a fresh V8 context whose only globals are the emulator's services (no require, process,
 * setTimeout, Buffer). Tests then call its top-level functions, as menus, triggers and
 * google.script.run do: `loadBundle(emulator).onOpen({})`.
 *
 * dist/ is built once per jest run by test/support/globalSetup.cjs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

export const ROOT = path.resolve(__dirname, '..', '..');
export const APPS_SCRIPT_DIR = path.join(ROOT, 'dist', 'apps-script');
export const CODE_JS = path.join(APPS_SCRIPT_DIR, 'Code.js');
/** The bundle's one global (scripts/build.mjs GLOBAL_NAME). */
export const BUNDLE_GLOBAL = '__gongfang';

/** The outputs of scripts/build.mjs, by the name its report gives each step. */
const STEPS = {
  'apps-script': ['Code.js', 'pages', 'manifest'],
  cli: ['cli'],
  bench: ['bench'],
} as const;

/**
 * Fails, with the build's own report, when this jest run's build failed to make `part`
 * (default: the pushed Apps Script folder). Other parts' failures do not matter here.
 */
export function requireBuilt(part: keyof typeof STEPS = 'apps-script'): void {
  const statusFile = path.join(ROOT, 'dist', 'build-status.json');
  let status: { failed: Record<string, string>; report: string };
  try {
    status = JSON.parse(readFileSync(statusFile, 'utf8'));
  } catch {
    throw new Error(`${statusFile} is missing: run the tests with jest (its globalSetup builds).`);
  }
  const failed = Object.keys(status.failed).filter(
    (step) => step === 'build' || (STEPS[part] as readonly string[]).includes(step),
  );
  if (failed.length > 0) {
    throw new Error(`The build failed, so the built files cannot be tested:\n${status.report}`);
  }
}

/** The context after Code.js ran: its globals, including the top-level functions. */
export type BundleContext = vm.Context & Record<string, any>;

export interface BundleEmulator {
  readonly globals: Record<string, unknown>;
  /**
   * A fresh context holding only the services, with the emulator bound to its realm: the Dates
   * and Errors the services hand the script are the script's own kind, as in Apps Script, where
   * a date cell's Date and the script's Date are one and the same constructor.
   */
  createContext(): vm.Context;
}

export function readCodeJs(): string {
  requireBuilt();
  return readFileSync(CODE_JS, 'utf8');
}

/** The names each loaded context held before Code.js ran. */
const givenNames = new WeakMap<vm.Context, ReadonlySet<string>>();

/** Runs the built Code.js in a fresh context holding only the emulator's services. */
export function loadBundle(emulator: BundleEmulator, code = readCodeJs()): BundleContext {
  const context = emulator.createContext();
  givenNames.set(context, new Set(Object.keys(context)));
  vm.runInContext(code, context, { filename: CODE_JS });
  return context as BundleContext;
}

/** Names the bundle added to its context (everything but the services it was given). */
export function namesDefinedBy(context: BundleContext): string[] {
  const given = givenNames.get(context) ?? new Set<string>();
  return Object.keys(context).filter((name) => !given.has(name));
}
