/**
 * The one way a sidebar or dialog talks to the server: google.script.run wrapped in
 * Promises, typed from the server's endpoint module. Renaming an endpoint, or changing its
 * parameters or result, fails to compile here and in every page that calls it.
 *
 * Usage in a page's main.ts:
 *   const reply = await callServer('generateMonthFromDialog', '2026-11');
 *   // or: await server.generateMonthFromDialog('2026-11');
 *
 * Only the endpoint module's types are imported; no server code reaches the page bundle.
 * https://developers.google.com/apps-script/guides/html/reference/run
 * https://developers.google.com/apps-script/guides/html/reference/host
 */

/** The server's endpoint module: every function a page may call. */
export type Endpoints = typeof import('../../apps-script/endpoints');

type AnyFunction = (...args: never[]) => unknown;

/** Names google.script.run can call: exported functions whose names do not end in '_'. */
export type EndpointName<E = Endpoints> = {
  [K in keyof E]: K extends `${string}_` ? never : E[K] extends AnyFunction ? K : never;
}[keyof E] &
  string;

/**
 * What arrives on the client after google.script.run copies a returned value: Dates become
 * null (in fact users report, and the emulator reproduces, that a result holding a Date arrives
 * as null as a whole: endpoints should return dates as text). Objects and arrays are copied
 * member by member. https://developers.google.com/apps-script/guides/html/reference/run
 */
export type Wire<T> = T extends Date
  ? null
  : T extends AnyFunction
    ? never
    : T extends readonly (infer Item)[]
      ? Wire<Item>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

export type EndpointArgs<K extends keyof E, E = Endpoints> = E[K] extends (
  ...args: infer Args
) => unknown
  ? Args
  : never;

export type EndpointResult<K extends keyof E, E = Endpoints> = E[K] extends (
  ...args: never[]
) => infer Result
  ? Wire<Awaited<Result>>
  : never;

/** callServer, for the endpoint module E. */
export type ServerCaller<E = Endpoints> = <K extends EndpointName<E>>(
  name: K,
  ...args: EndpointArgs<K, E>
) => Promise<EndpointResult<K, E>>;

/** Every endpoint of E as a method returning a Promise. */
export type ServerClient<E = Endpoints> = {
  [K in EndpointName<E>]: (...args: EndpointArgs<K, E>) => Promise<EndpointResult<K, E>>;
};

type SuccessHandler = (value: unknown, userObject?: unknown) => void;
type FailureHandler = (error: Error, userObject?: unknown) => void;

/** The client-side google.script.run runner; each with…() returns a configured runner. */
export interface ScriptRunner {
  withSuccessHandler(handler: SuccessHandler): ScriptRunner;
  withFailureHandler(handler: FailureHandler): ScriptRunner;
  withUserObject(userObject: unknown): ScriptRunner;
}

/** google.script.host, for dialogs and sidebars. */
export interface ScriptHost {
  close(): void;
  setHeight(height: number): void;
  setWidth(width: number): void;
  editor: { focus(): void };
}

interface GoogleScript {
  script: { run: ScriptRunner; host: ScriptHost };
}

function googleScript(): GoogleScript {
  const google = (globalThis as { google?: GoogleScript }).google;
  if (!google?.script?.run) {
    throw new Error('google.script.run is missing: this page only runs inside Google Sheets.');
  }
  return google;
}

function callByName(name: string, args: readonly unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const runner = googleScript()
      .script.run.withSuccessHandler(resolve)
      .withFailureHandler(reject) as ScriptRunner & Record<string, unknown>;
    const endpoint = runner[name];
    if (typeof endpoint !== 'function') {
      reject(new Error(`google.script.run has no function ${name}`));
      return;
    }
    endpoint.apply(runner, args);
  });
}

/**
 * callServer typed for another endpoint module (a test fixture's, say); pages use callServer.
 */
export function serverCallerFor<E>(): ServerCaller<E> {
  return ((name: string, ...args: unknown[]) => callByName(name, args)) as ServerCaller<E>;
}

/** Calls endpoint `name` on the server; resolves with its result, rejects with its Error. */
export const callServer: ServerCaller = serverCallerFor<Endpoints>();

/** Every endpoint as a method: `server.closeMonthFromDialog(m)` calls 'closeMonthFromDialog'. */
export const server = /* @__PURE__ */ new Proxy(
  {},
  {
    get: (_target, name) =>
      typeof name === 'string' ? (...args: unknown[]) => callByName(name, args) : undefined,
  },
) as ServerClient;

/** The dialog or sidebar that holds this page. */
export function host(): ScriptHost {
  return googleScript().script.host;
}
