/**
 * The guides staff follow literally (README.md, docs/guide.zh-CN.md, docs/command.md) against
 * the built command: the example session docs/command.md calls "real output" is the output
 * the command prints today, and every `gongfang …` line the guides quote is one it accepts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, fileHash, gongfang, tempFolder } from './helpers';

jest.setTimeout(300_000);

let folder: string;

beforeEach(() => {
  folder = tempFolder('gongfang-guides-');
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

function doc(name: string): string {
  return fs.readFileSync(path.join(ROOT, name), 'utf8');
}

/** The ```text block that follows `heading` in `text`. */
function blockAfter(text: string, heading: string): string {
  const start = text.indexOf('```text\n', text.indexOf(heading));
  const end = text.indexOf('\n```', start);
  expect({ heading, found: text.includes(heading) && start >= 0 }).toEqual({
    heading,
    found: true,
  });
  return text.slice(start + '```text\n'.length, end);
}

interface Step {
  readonly args: readonly string[];
  readonly output: string;
}

/** A session's steps: each `$ npx gongfang …` (or `$ echo $?`) line and what follows it. */
function steps(block: string): Step[] {
  const result: { args: string[]; lines: string[] }[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('$ ')) {
      const words = line.slice(2).split(' ');
      result.push({ args: words[0] === 'npx' ? words.slice(2) : words, lines: [] });
    } else {
      result[result.length - 1]?.lines.push(line);
    }
  }
  return result.map(({ args, lines }) => ({ args, output: trimmed(lines.join('\n')) }));
}

function trimmed(text: string): string {
  return text.replace(/\s+$/, '');
}

/** Runs the session in a fresh folder: what each step printed (stdout, then stderr). */
function replay(session: Step[], lang: 'en' | 'zh'): Step[] {
  let code: number | null = null;
  return session.map((step) => {
    if (step.args.join(' ') === 'echo $?') return { args: step.args, output: String(code) };
    const result = gongfang(step.args, { cwd: folder, lang });
    code = result.code;
    return { args: step.args, output: trimmed(result.stdout + result.stderr) };
  });
}

describe('docs/command.md', () => {
  // The session had fallen behind the command: a key figure missing (Paid over ¥800.00), the
  // next steps named without the workbook, a line the command no longer prints twice.
  test('the example session is what the command prints, in English', () => {
    const session = steps(blockAfter(doc('docs/command.md'), 'Real output (`LANG=en_US.UTF-8`):'));
    expect(session.length).toBeGreaterThan(3);
    expect(replay(session, 'en')).toEqual(session);
  });

  test('the demo in Chinese is what the command prints', () => {
    const session = steps(blockAfter(doc('docs/command.md'), 'In Chinese (`LANG=zh_CN.UTF-8`'));
    expect(session.length).toBe(1);
    expect(replay(session, 'zh')).toEqual(session);
  });

  // Four keys had been added since (the 800-yuan threshold's three, changedSinceClosing).
  test('the --json example has the keys generate --json prints', () => {
    const [step] = steps(
      blockAfter(doc('docs/command.md'), '`--json` gives the same in a form programs can read:'),
    );
    expect(gongfang(['demo', '--today', '2026-11-28'], { cwd: folder, lang: 'zh' }).code).toBe(0);
    const result = gongfang(step?.args ?? [], { cwd: folder, lang: 'zh' });
    expect(result.code).toBe(0);
    // The file is where the session ran: /tmp/session in the example.
    const shown = JSON.parse(step?.output ?? '') as Record<string, unknown>;
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect({ ...printed, file: shown.file }).toEqual(shown);
  });
});

/** Every `gongfang …` command line quoted in `text`, optional parts ([--force]) included. */
function quotedCommands(text: string): string[][] {
  const found: string[][] = [];
  for (const match of text.matchAll(/`(?:npx )?gongfang ([a-z][^`|]*)`/g)) {
    const line = (match[1] ?? '').replace(/\[|\]/g, '');
    // Words, with "a quoted reason" kept whole; `zh-CN\|en` (a table's escaped bar) is one.
    const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((word) => word[1] ?? word[2] ?? '');
    found.push(words.map((word) => word.replace(/\\\|.*$/, '')));
  }
  return found;
}

describe('every command line the guides quote is one the command accepts', () => {
  test.each(['README.md', 'docs/guide.zh-CN.md', 'docs/command.md'])('%s', (name) => {
    const lines = quotedCommands(doc(name));
    expect(lines.length).toBeGreaterThan(5);
    fs.writeFileSync(path.join(folder, 'marker'), '');
    const before = fileHash(path.join(folder, 'marker'));
    for (const args of lines) {
      // --help after the line: parsed and judged as typed (an unknown option, a value
      // missing), then the command's help instead of its work.
      const result = gongfang([...args, '--help'], { cwd: folder });
      expect({ line: args.join(' '), code: result.code, stderr: result.stderr }).toEqual({
        line: args.join(' '),
        code: 0,
        stderr: '',
      });
    }
    expect(fs.readdirSync(folder)).toEqual(['marker']);
    expect(fileHash(path.join(folder, 'marker'))).toBe(before);
  });
});

// The guide (第六节) and docs/command.md put each correction in the first month after the one
// it corrects that is not closed; check --help said "the current open month".
test('check --help says where --correct writes as the guides do', () => {
  const english = gongfang(['check', '--help'], { cwd: folder }).stdout;
  expect(english.replace(/\s+/g, ' ')).toContain(
    'each in the first month after the one it corrects that is not closed',
  );
  const chinese = gongfang(['check', '--help'], { cwd: folder, lang: 'zh' }).stdout;
  expect(chinese).toContain('记在被更正月份之后第一个未结账的月份');
  expect(doc('docs/guide.zh-CN.md')).toContain('这个月之后第一个还没结账的月份');
});
