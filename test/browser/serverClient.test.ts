/**
 * The typed client of src/ui/shared/serverClient.ts: its types (checked by the compiler, via
 * @ts-expect-error lines that must stay errors) and its Promise wrapping of google.script.run
 * (checked here in Node with a minimal runner; test/browser/harness.test.ts runs it in chromium).
 */
import {
  serverCallerFor,
  type EndpointName,
  type EndpointResult,
  type ScriptRunner,
} from '../../src/ui/shared/serverClient';
import type * as FixtureEndpoints from './fixture/endpoints';

type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sameType = <A, B>(proof: Equals<A, B>) => proof;

const call = serverCallerFor<typeof FixtureEndpoints>();

describe('serverClient types', () => {
  it('offers exactly the public functions of the endpoint module', () => {
    sameType<
      EndpointName<typeof FixtureEndpoints>,
      'greet' | 'fail' | 'echo' | 'today' | 'monthSummary'
    >(true);
  });

  it('types results as they arrive: Dates become null', () => {
    sameType<EndpointResult<'today', typeof FixtureEndpoints>, null>(true);
    sameType<
      EndpointResult<'monthSummary', typeof FixtureEndpoints>,
      { month: string; generatedAt: null; paid: number[] }
    >(true);
    sameType<EndpointResult<'greet', typeof FixtureEndpoints>, string>(true);
    sameType<EndpointResult<'echo', typeof FixtureEndpoints>, unknown[]>(true);
  });

  it('rejects unknown names, private names and wrong arguments at compile time', () => {
    const calls = () => [
      // @ts-expect-error no such endpoint
      call('greeet', '王'),
      // @ts-expect-error private: names ending in '_' cannot be called
      call('secret_'),
      // @ts-expect-error not a function
      call('notAFunction'),
      // @ts-expect-error greet takes a string
      call('greet', 42),
      // @ts-expect-error greet takes one argument
      call('greet'),
    ];
    expect(typeof calls).toBe('function');
  });
});

/** A google.script.run runner in the shape of the real one, answering from `server`. */
function fakeRunner(server: Record<string, (...args: unknown[]) => unknown>): ScriptRunner {
  const make = (
    success?: (value: unknown) => void,
    failure?: (error: Error) => void,
  ): ScriptRunner & Record<string, unknown> => {
    const runner: ScriptRunner & Record<string, unknown> = {
      withSuccessHandler: (handler) => make(handler, failure),
      withFailureHandler: (handler) => make(success, handler),
      withUserObject: () => make(success, failure),
    };
    for (const [name, fn] of Object.entries(server)) {
      runner[name] = (...args: unknown[]) => {
        queueMicrotask(() => {
          try {
            success?.(fn(...args));
          } catch (error) {
            failure?.(error as Error);
          }
        });
      };
    }
    return runner;
  };
  return make();
}

describe('serverClient at run time', () => {
  const globals = globalThis as { google?: unknown };
  afterEach(() => delete globals.google);

  function serve(server: Record<string, (...args: unknown[]) => unknown>) {
    globals.google = { script: { run: fakeRunner(server), host: {} } };
  }

  it('resolves with the endpoint result, passing the arguments', async () => {
    serve({ greet: (name) => `你好，${String(name)}` });
    await expect(call('greet', '王秀英')).resolves.toBe('你好，王秀英');
  });

  it('rejects with the Error the server threw', async () => {
    serve({
      fail: () => {
        throw new Error('库存不足');
      },
    });
    await expect(call('fail')).rejects.toThrow('库存不足');
  });

  it('rejects when the server has no such function', async () => {
    serve({});
    await expect(call('greet', '王')).rejects.toThrow('google.script.run has no function greet');
  });

  it('fails clearly outside Google Sheets', async () => {
    await expect(call('greet', '王')).rejects.toThrow('google.script.run is missing');
  });
});
