/**
 * The browser harness itself, on a fixture page built by the same pipeline as src/ui pages
 * into a temporary folder (never shipped).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmulator } from '../emulator';
import { ROOT } from '../support/bundle';
import * as fixtureEndpoints from './fixture/endpoints';
import {
  describeInBrowser,
  launchBrowser,
  openPage,
  screenshot,
  type BrowserSession,
} from '../support/browser';

let workDir = '';
let fixturePage = '';
let session: BrowserSession;

/** The fixture page's server (its endpoint module), recording what echo receives. */
function fixtureServer() {
  const received: unknown[][] = [];
  const endpoints: Record<string, unknown> = {
    ...fixtureEndpoints,
    echo: (...args: unknown[]) => {
      received.push(args);
      return fixtureEndpoints.echo(...args);
    },
  };
  return { endpoints, received };
}

/** Waits (up to 5 s) for something the page does asynchronously through a Node binding. */
async function eventually(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 5000) throw new Error('timed out waiting for the page');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function open(server = fixtureServer()) {
  const opened = await openPage(session, {
    page: fixturePage,
    endpoints: server.endpoints,
    emulator: createEmulator(),
  });
  await opened.page.waitForFunction(() => document.getElementById('out')?.textContent !== '');
  return opened;
}

describeInBrowser('the browser harness', () => {
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'gongfang-fixture-'));
    fixturePage = path.join(workDir, 'fixture.html');
    execFileSync(process.execPath, [
      path.join(ROOT, 'scripts', 'build.mjs'),
      '--page',
      path.join(__dirname, 'fixture'),
      '--out',
      fixturePage,
    ]);
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('builds the page into one self-contained file with its CSS and JS inline', async () => {
    const html = await readFile(fixturePage, 'utf8');
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link[^>]*stylesheet/i);
    expect(html).toContain('<style>');
    const opened = await open();
    const styles = await opened.page.evaluate(() => ({
      background: getComputedStyle(document.body).backgroundColor,
      errorColour: getComputedStyle(document.getElementById('error') as HTMLElement).color,
    }));
    expect(styles).toEqual({ background: 'rgb(250, 240, 230)', errorColour: 'rgb(200, 0, 0)' });
    // The page's script ran to its end although it contains "</script>" in a string.
    expect(await opened.page.textContent('#out')).toBe('ready </script><!-- still script');
    expect(opened.errors).toEqual([]);
  });

  it('calls the server through google.script.run and shows the result', async () => {
    const opened = await open();
    await opened.page.fill('#name', '李桂兰');
    await opened.page.click('#greet');
    await opened.page.waitForFunction(() =>
      document.getElementById('out')?.textContent?.startsWith('你好'),
    );
    expect(await opened.page.textContent('#out')).toBe('你好，李桂兰');
    expect(opened.serverCalls).toEqual([
      { name: 'greet', args: ['李桂兰'], outcome: { ok: true, value: '你好，李桂兰' } },
    ]);
  });

  it('delivers a thrown server error to the failure handler as an Error with its message', async () => {
    const opened = await open();
    await opened.page.click('#fail');
    await opened.page.waitForFunction(() => document.getElementById('error')?.textContent !== '');
    expect(await opened.page.textContent('#error')).toBe('库存不足，请联系管理员');
  });

  it('is asynchronous, passes the user object, and gives each with…() its own runner', async () => {
    const opened = await open();
    const result = await opened.page.evaluate(async () => {
      const run = (window as any).google.script.run;
      const order: string[] = [];
      let sharedRunnerCalledBack = false;
      // Configuring a runner returns a new one: the shared google.script.run keeps no handler.
      run.withSuccessHandler(() => (sharedRunnerCalledBack = true));
      run.echo('unhandled');
      const outcome = await new Promise<unknown[]>((resolve) => {
        run
          .withSuccessHandler((value: unknown, user: unknown) => {
            order.push('handler');
            resolve([value, user]);
          })
          .withUserObject({ row: 7 })
          .echo(1, 'two', [3], { four: 4 });
        order.push('after call');
      });
      return { outcome, order, sharedRunnerCalledBack };
    });
    await opened.settled();
    expect(result.order).toEqual(['after call', 'handler']);
    expect(result.outcome).toEqual([[1, 'two', [3], { four: 4 }], { row: 7 }]);
    expect(result.sharedRunnerCalledBack).toBe(false);
    expect(opened.serverCalls.map((c) => c.args)).toEqual([
      ['unhandled'],
      [1, 'two', [3], { four: 4 }],
    ]);
  });

  it('applies the google.script.run rules: Dates, functions and private names', async () => {
    const server = fixtureServer();
    const opened = await open(server);
    const result = await opened.page.evaluate(async () => {
      const run = (window as any).google.script.run;
      const attempt = (call: (runner: any) => void) =>
        new Promise<string>((resolve) => {
          call(
            run
              .withSuccessHandler((value: unknown) => resolve(`ok:${JSON.stringify(value)}`))
              .withFailureHandler((error: unknown) =>
                resolve(error instanceof Error ? `Error:${error.message}` : `not an Error`),
              ),
          );
        });
      return {
        returnedDate: await attempt((r) => r.today()),
        dateArgument: await attempt((r) => r.echo(new Date())),
        functionArgument: await attempt((r) => r.echo({ callback: () => 1 })),
        privateName: typeof run.secret_,
        notAFunction: typeof run.notAFunction,
      };
    });
    expect(result).toEqual({
      returnedDate: 'ok:null',
      dateArgument: 'Error:Failed due to illegal value in property: 0',
      functionArgument: 'Error:Failed due to illegal value in property: 0.callback',
      privateName: 'undefined',
      notAFunction: 'undefined',
    });
    expect(server.received).toEqual([]);
  });

  it('passes a lone form as an object of its fields', async () => {
    const opened = await open();
    const fields = await opened.page.evaluate(
      () =>
        new Promise((resolve) => {
          const form = document.createElement('form');
          form.innerHTML = '<input name="month" value="2026-10"><input name="who" value="王">';
          (window as any).google.script.run.withSuccessHandler(resolve).echo(form);
        }),
    );
    expect(fields).toEqual([{ month: '2026-10', who: '王' }]);
  });

  it('records google.script.host: setHeight and close', async () => {
    const opened = await open();
    await opened.page.click('#close');
    await eventually(() => opened.host.closed);
    expect(opened.host.heights).toEqual([420]);
  });

  it('takes a screenshot of the page', async () => {
    const opened = await open();
    const file = await screenshot(opened.page, path.join(workDir, 'shots', 'fixture.png'));
    const { size } = await stat(file);
    expect(size).toBeGreaterThan(1000);
    const header = (await readFile(file)).subarray(0, 8);
    expect([...header]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
