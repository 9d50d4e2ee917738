/**
 * The built `gongfang` run in this process: the program's bundle (dist/cli/gongfang-worker.js,
 * which the command's main thread runs in a worker thread: src/cli/supervisor.ts) is compiled
 * once and evaluated afresh for each run (its own modules, its own state), with a `process` of
 * its own that carries the working folder, the environment and two output sinks, and a
 * `worker_threads` of its own that hands it the arguments as the supervisor would. Signals and
 * the supervisor are the spawned runs' business.
 * Starting Node for every run costs a few hundred milliseconds on a loaded machine; a property
 * test that runs the command thousands of times runs it this way, and spawns it for a share.
 */
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import * as vm from 'node:vm';
import { BUILT_CLI } from '../cli/helpers';
import type { RunResult } from '../cli/helpers';

type Bundle = (
  exports: object,
  require: NodeJS.Require,
  module: { exports: object },
  filename: string,
  dirname: string,
  process: NodeJS.Process,
) => void;

let bundle: Bundle | null = null;

const BUILT_PROGRAM = path.join(path.dirname(BUILT_CLI), 'gongfang-worker.js');

function compiled(): Bundle {
  if (bundle) return bundle;
  // The bundle is CommonJS (scripts/build.mjs).
  const code = fs.readFileSync(BUILT_PROGRAM, 'utf8').replace(/^#!.*\n/, '\n');
  const wrapped = `(function (exports, require, module, __filename, __dirname, process) {${code}\n})`;
  bundle = new vm.Script(wrapped, { filename: BUILT_PROGRAM }).runInThisContext() as Bundle;
  return bundle;
}

/** What src/cli/worker.ts takes from `node:worker_threads`: the supervisor's setup. */
function workerThreads(
  args: readonly string[],
  cwd: string,
  out: { stdout(text: string): void; stderr(text: string): void },
  done: (code: unknown) => void,
): object {
  const port = {
    postMessage: (message: { kind: string; exitCode?: number; stream?: string; text?: string }) => {
      // The worker's output comes on the supervisor's port, in order with 'done'.
      if (message.kind === 'out' && message.stream === 'stdout') out.stdout(message.text ?? '');
      if (message.kind === 'out' && message.stream === 'stderr') out.stderr(message.text ?? '');
      if (message.kind === 'done') done(message.exitCode);
    },
    close: () => undefined,
  };
  const workerData = {
    argv: [...args],
    cwd,
    state: new SharedArrayBuffer(4),
    port,
    stderr: { isTTY: false },
  };
  return { workerData, isMainThread: false };
}

function sink(write: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      write(chunk.toString());
      done();
    },
  });
}

/** Runs the built command with `args` in `cwd`; resolves when it sets its exit code. */
export function runBuiltCli(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<RunResult> {
  const run = compiled();
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (code: unknown): void => {
      if (settled) return;
      settled = true;
      resolve({ code: typeof code === 'number' ? code : 0, stdout, stderr });
    };
    const out = sink((text) => (stdout += text));
    const err = sink((text) => (stderr += text));
    const own: Record<PropertyKey, unknown> = {
      argv: [process.execPath, BUILT_PROGRAM, ...args],
      stdout: out,
      stderr: err,
      env: options.env,
      cwd: () => options.cwd,
      // Signal and exit handlers belong to a process of its own, which this one is not.
      on: () => fake,
      once: () => fake,
      exit: (code?: number) => finish(code ?? 0),
    };
    const fake: NodeJS.Process = new Proxy(process, {
      get(target, key) {
        if (key in own) return own[key];
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
      set(target, key, value) {
        if (key === 'exitCode') finish(value);
        else Reflect.set(target, key, value);
        return true;
      },
    });
    try {
      const module = { exports: {} };
      const real = createRequire(BUILT_PROGRAM);
      const threads = workerThreads(
        args,
        options.cwd,
        { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
        finish,
      );
      const require = Object.assign(
        (id: string): unknown =>
          id === 'node:worker_threads' || id === 'worker_threads' ? threads : real(id),
        real,
      ) as NodeJS.Require;
      run(module.exports, require, module, BUILT_PROGRAM, path.dirname(BUILT_PROGRAM), fake);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
