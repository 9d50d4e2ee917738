/**
 * The built `gongfang` (dist/cli/gongfang.js) run in this process: the bundle is compiled once
 * and evaluated afresh for each run (its own modules, its own state), with a `process` of its
 * own that carries the arguments, the environment, the working folder and two output sinks.
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

function compiled(): Bundle {
  if (bundle) return bundle;
  // The shebang is not JavaScript inside a function; the bundle is CommonJS (scripts/build.mjs).
  const code = fs.readFileSync(BUILT_CLI, 'utf8').replace(/^#!.*\n/, '\n');
  const wrapped = `(function (exports, require, module, __filename, __dirname, process) {${code}\n})`;
  bundle = new vm.Script(wrapped, { filename: BUILT_CLI }).runInThisContext() as Bundle;
  return bundle;
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
      argv: [process.execPath, BUILT_CLI, ...args],
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
      run(
        module.exports,
        createRequire(BUILT_CLI),
        module,
        BUILT_CLI,
        path.dirname(BUILT_CLI),
        fake,
      );
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
