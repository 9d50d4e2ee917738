/**
 * Built sidebar and dialog pages in a real browser (Debian's chromium, driven by
 * playwright-core), with a fake `google.script` that behaves like the real client API:
 *
 * - google.script.run has one method per public server function (names ending in '_' are not
 *   there, as in Apps Script); withSuccessHandler / withFailureHandler / withUserObject each
 *   return a new configured runner; calls are asynchronous and return nothing.
 * - Each call crosses to Node (page.exposeFunction) and runs through
 *   emulator.callServerFunction(endpoints, name, args), which applies the argument and result
 *   rules (a Date or function argument fails the call, a returned Date arrives as null, a thrown
 *   exception reaches the failure handler as an Error), each call as one Apps Script execution.
 *   Functions and DOM elements are refused in the page already (they cannot cross to Node).
 * - google.script.host.close() / setHeight() / setWidth() are recorded.
 *
 * https://developers.google.com/apps-script/guides/html/reference/run
 * https://developers.google.com/apps-script/guides/html/reference/host
 * https://developers.google.com/apps-script/guides/html/communication
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { APPS_SCRIPT_DIR, requireBuilt } from './bundle';

export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Sidebars are 300 px wide in Sheets. */
export const SIDEBAR = { width: 300, height: 700 } as const;

/**
 * `describe` for suites that need chromium. Without /usr/bin/chromium they are skipped with a
 * message — except in CI (process.env.CI set), where they must run (and then fail loudly).
 */
export const describeInBrowser: (name: string, fn: () => void) => void = (name, fn) => {
  if (existsSync(CHROMIUM) || process.env.CI) {
    describe(name, fn);
    return;
  }
  describe.skip(`${name} (skipped: ${CHROMIUM} is missing; apt-get install chromium)`, fn);
};

/** What the harness needs of the emulator (test/emulator). */
export interface ServerEmulator {
  callServerFunction(
    endpoints: Record<string, unknown>,
    name: string,
    args: unknown[],
  ): { ok: true; value: unknown } | { ok: false; error: Error };
}

export interface BrowserSession {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Headless chromium with a fresh, throw-away profile. */
export async function launchBrowser(): Promise<BrowserSession> {
  const profile = await mkdtemp(path.join(tmpdir(), 'gongfang-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: SIDEBAR,
    locale: 'zh-CN',
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface ServerCall {
  readonly name: string;
  readonly args: unknown[];
  readonly outcome: { ok: true; value: unknown } | { ok: false; message: string };
}

export interface OpenedPage {
  readonly page: Page;
  /** Every google.script.run call, in order, with its outcome. */
  readonly serverCalls: ServerCall[];
  /** google.script.host calls. */
  readonly host: { closed: boolean; heights: number[]; widths: number[] };
  /** Uncaught errors and console.error messages of the page. */
  readonly errors: string[];
  /** Resolves once every google.script.run call made so far has been answered. */
  settled(): Promise<void>;
}

export interface OpenOptions {
  /** A built page name (dist/apps-script/<name>.html) or a path to an .html file. */
  readonly page: string;
  /** The server's functions: e.g. a loaded bundle context, or an endpoints module. */
  readonly endpoints: Record<string, unknown>;
  readonly emulator: ServerEmulator;
  readonly viewport?: { width: number; height: number };
  /** Holds, delays or loses calls on their way (a slow server, a reply lost on the way back). */
  readonly replies?: ReplyControl;
}

/**
 * What happens to a google.script.run call between the page and the server: `beforeRun` may
 * wait (the server is busy with it), `beforeReply` may wait too (the answer is slow to come
 * back, so a later call can overtake it) or replace the outcome (a reply lost on the way back
 * reaches the failure handler as an Error although the server did its work).
 */
export interface ReplyControl {
  beforeRun?(name: string, args: unknown[]): Promise<void> | void;
  beforeReply?(
    name: string,
    outcome: WireOutcome,
  ): Promise<WireOutcome | undefined> | WireOutcome | undefined;
}

/** A call held at a point until the test lets it go. */
export interface HeldCall {
  /** Resolves once the call reached the point where it is held. */
  readonly reached: Promise<void>;
  release(): void;
}

/**
 * A ReplyControl a test steers: `hold(name, 'run')` keeps the next call of `name` from reaching
 * the server, `hold(name, 'reply')` keeps its answer from reaching the page, until released;
 * `lose(name)` makes the next answer of `name` fail as a lost connection does.
 */
export function replyGate(): ReplyControl & {
  hold(name: string, at: 'run' | 'reply'): HeldCall;
  lose(name: string, message?: string): void;
} {
  const holds: { name: string; at: 'run' | 'reply'; reach: () => void; wait: Promise<void> }[] = [];
  const losses = new Map<string, string>();
  const take = async (name: string, at: 'run' | 'reply'): Promise<void> => {
    const index = holds.findIndex((h) => h.name === name && h.at === at);
    if (index < 0) return;
    const [held] = holds.splice(index, 1);
    held?.reach();
    await held?.wait;
  };
  return {
    hold(name, at) {
      let reach = (): void => undefined;
      let release = (): void => undefined;
      const reached = new Promise<void>((resolve) => (reach = resolve));
      const wait = new Promise<void>((resolve) => (release = resolve));
      holds.push({ name, at, reach, wait });
      return { reached, release };
    },
    lose(name, message = 'NetworkError: Connection failure due to HTTP 0') {
      losses.set(name, message);
    },
    beforeRun: (name) => take(name, 'run'),
    async beforeReply(name) {
      await take(name, 'reply');
      const lost = losses.get(name);
      if (lost === undefined) return undefined;
      losses.delete(name);
      return { ok: false, message: lost };
    },
  };
}

export function builtPagePath(page: string): string {
  if (page.endsWith('.html')) return path.resolve(page);
  requireBuilt();
  return path.join(APPS_SCRIPT_DIR, `${page}.html`);
}

/** Public server function names, as the real runner lists them. */
function publicFunctionNames(endpoints: Record<string, unknown>): string[] {
  return Object.keys(endpoints).filter(
    (name) => typeof endpoints[name] === 'function' && !name.endsWith('_'),
  );
}

export type WireOutcome = { ok: true; value: unknown } | { ok: false; message: string };

/** Runs in the page before its own scripts: the fake google.script. (Serialized into the
 * page, so it must stay self-contained; coverage counters would break it.) */
/* istanbul ignore next */
function installFakeGoogleScript(functionNames: string[]): void {
  type Handler = ((value: unknown, userObject: unknown) => void) | null;
  const bridge = window as unknown as {
    __gongfangCall(name: string, args: unknown[]): Promise<WireOutcome>;
    __gongfangHost(action: string, value: number): Promise<void>;
    __gongfangPending: number;
  };
  bridge.__gongfangPending = 0;

  /** google.script.run refuses functions and DOM elements other than a lone form. */
  function illegalPath(value: unknown, at: string): string | null {
    if (typeof value === 'function' || value instanceof Node) return at;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const found = illegalPath(value[i], `${at}.${i}`);
        if (found) return found;
      }
    } else if (value && typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, inner] of Object.entries(value)) {
        const found = illegalPath(inner, `${at}.${key}`);
        if (found) return found;
      }
    }
    return null;
  }

  function formValues(form: HTMLFormElement): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    new FormData(form).forEach((value, key) => {
      values[key] = typeof value === 'string' ? value : value.name;
    });
    return values;
  }

  function makeRunner(success: Handler, failure: Handler, userObject: unknown): object {
    const runner: Record<string, unknown> = {
      withSuccessHandler: (handler: Handler) => makeRunner(handler, failure, userObject),
      withFailureHandler: (handler: Handler) => makeRunner(success, handler, userObject),
      withUserObject: (object: unknown) => makeRunner(success, failure, object),
    };
    for (const name of functionNames) {
      runner[name] = (...rawArgs: unknown[]) => {
        const args =
          rawArgs.length === 1 && rawArgs[0] instanceof HTMLFormElement
            ? [formValues(rawArgs[0])]
            : rawArgs;
        const illegal = args
          .map((arg, i) => illegalPath(arg, String(i)))
          .find((found) => found !== null);
        bridge.__gongfangPending += 1;
        const outcome: Promise<WireOutcome> = illegal
          ? Promise.resolve({
              ok: false,
              message: `Failed due to illegal value in property: ${illegal}`,
            })
          : bridge.__gongfangCall(name, args);
        outcome
          .then((result) => {
            if (result.ok) {
              if (success) success(result.value, userObject);
            } else if (failure) {
              failure(new Error(result.message), userObject);
            } else {
              console.error(result.message);
            }
          })
          .finally(() => {
            bridge.__gongfangPending -= 1;
          });
      };
    }
    return runner;
  }

  const host = {
    close: () => void bridge.__gongfangHost('close', 0),
    setHeight: (height: number) => void bridge.__gongfangHost('setHeight', height),
    setWidth: (width: number) => void bridge.__gongfangHost('setWidth', width),
    editor: { focus: () => undefined },
  };
  (window as unknown as { google: unknown }).google = {
    script: { run: makeRunner(null, null, undefined), host },
  };
}

/** Opens a page with the fake google.script wired to `endpoints` through the emulator. */
export async function openPage(session: BrowserSession, options: OpenOptions): Promise<OpenedPage> {
  const page = await session.context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  const serverCalls: ServerCall[] = [];
  const host = { closed: false, heights: [] as number[], widths: [] as number[] };
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  await page.exposeFunction(
    '__gongfangCall',
    async (name: string, args: unknown[]): Promise<WireOutcome> => {
      await options.replies?.beforeRun?.(name, args);
      // One google.script.run call is one Apps Script execution (the emulator runs it as one).
      const result = options.emulator.callServerFunction(options.endpoints, name, args);
      const outcome: WireOutcome = result.ok
        ? { ok: true, value: result.value }
        : { ok: false, message: result.error.message };
      serverCalls.push({ name, args, outcome });
      return (await options.replies?.beforeReply?.(name, outcome)) ?? outcome;
    },
  );
  await page.exposeFunction('__gongfangHost', (action: string, value: number) => {
    if (action === 'close') host.closed = true;
    if (action === 'setHeight') host.heights.push(value);
    if (action === 'setWidth') host.widths.push(value);
  });
  await page.addInitScript(installFakeGoogleScript, publicFunctionNames(options.endpoints));
  await page.goto(pathToFileURL(builtPagePath(options.page)).href);

  return {
    page,
    serverCalls,
    host,
    errors,
    async settled() {
      await page.waitForFunction(
        () => (window as unknown as { __gongfangPending: number }).__gongfangPending === 0,
      );
    },
  };
}

/** A PNG of the whole page (e.g. for the README), creating the folder. */
export async function screenshot(page: Page, file: string): Promise<string> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return path.resolve(file);
}
