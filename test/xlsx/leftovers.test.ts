/**
 * Telling a killed run's leftovers (locks, temporary copies) from a live run's when the killed
 * run's process number has gone to another program: writerRunning, and Linux's start times.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CLOCK_SLACK_MS,
  type ProcessProbe,
  linuxStartTime,
  writerRunning,
} from '../../src/xlsx/leftovers';
import { tempFolder } from '../cli/helpers';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const MINUTE = 60_000;

function probe(alive: boolean, started: number | null, boot: number | null): ProcessProbe {
  return { alive: () => alive, startTime: () => started, bootTime: () => boot };
}

describe('writerRunning', () => {
  test('a process that is gone is not running, whatever the times', () => {
    expect(writerRunning(7, NOW, probe(false, NOW - MINUTE, NOW - 60 * MINUTE))).toBe(false);
  });

  test('a process that started before the record, after the last restart, is its writer', () => {
    expect(writerRunning(7, NOW, probe(true, NOW - 100, NOW - 60 * MINUTE))).toBe(true);
  });

  test('a process started after the record is another one with the same number', () => {
    const after = NOW + CLOCK_SLACK_MS + MINUTE;
    expect(writerRunning(7, NOW, probe(true, after, null))).toBe(false);
  });

  test('a record from before the last restart was made by a process that is gone', () => {
    const boot = NOW + CLOCK_SLACK_MS + MINUTE;
    expect(writerRunning(7, NOW, probe(true, null, boot))).toBe(false);
  });

  // The clock set forward while a run holds its lock must not make its lock stale.
  test('within the clock slack, a live number counts as the writer', () => {
    const late = NOW + CLOCK_SLACK_MS - MINUTE;
    expect(writerRunning(7, NOW, probe(true, late, late))).toBe(true);
  });

  test('where neither time is known, or the record has none, a live number counts', () => {
    expect(writerRunning(7, NOW - 1000 * MINUTE, probe(true, null, null))).toBe(true);
    expect(writerRunning(7, Number.NaN, probe(true, NOW + 1000 * MINUTE, NOW))).toBe(true);
  });
});

const onLinux = process.platform === 'linux' ? describe : describe.skip;

onLinux('linuxStartTime (the real /proc)', () => {
  test('this process started when Node says it did, to within the clock ticks and btime', () => {
    const started = linuxStartTime(process.pid);
    expect(started).not.toBeNull();
    // btime is whole seconds: the start may read up to a second early, never late.
    expect(Math.abs((started ?? 0) - performance.timeOrigin)).toBeLessThan(2000);
  });

  test('a process started later reads later; a number no process has reads null', async () => {
    const own = linuxStartTime(process.pid) ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      expect(linuxStartTime(child.pid ?? 0)).toBeGreaterThan(own + 1000);
    } finally {
      child.kill();
    }
    const gone = Number(
      spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      }).stdout,
    );
    expect(linuxStartTime(gone)).toBeNull();
  });
});

describe('linuxStartTime (a /proc written here)', () => {
  let proc: string;
  beforeEach(() => {
    proc = tempFolder('gongfang-proc-');
    fs.writeFileSync(path.join(proc, 'stat'), 'cpu  1 2 3\nbtime 1796637600\nprocesses 9\n');
  });
  afterEach(() => fs.rmSync(proc, { recursive: true, force: true }));

  function processStat(pid: number, name: string, ticks: number): void {
    fs.mkdirSync(path.join(proc, String(pid)));
    // Fields 3 to 21, then the start (field 22) and more.
    const middle = Array.from({ length: 19 }, (_, i) => (i === 0 ? 'S' : String(i))).join(' ');
    fs.writeFileSync(
      path.join(proc, String(pid), 'stat'),
      `${pid} (${name}) ${middle} ${ticks} 99 1\n`,
    );
  }

  test('the start is btime plus the ticks, even when the name holds spaces and parentheses', () => {
    processStat(12, 'node', 250);
    processStat(13, 'a (b) c', 6000);
    expect(linuxStartTime(12, proc)).toBe(1796637600 * 1000 + 2500);
    expect(linuxStartTime(13, proc)).toBe(1796637600 * 1000 + 60_000);
  });

  test('an unreadable or odd stat gives null, not a guess', () => {
    expect(linuxStartTime(14, proc)).toBeNull();
    fs.mkdirSync(path.join(proc, '15'));
    fs.writeFileSync(path.join(proc, '15', 'stat'), '15 (x) S 1');
    expect(linuxStartTime(15, proc)).toBeNull();
    processStat(16, 'x', 100);
    fs.writeFileSync(path.join(proc, 'stat'), 'cpu 1\n');
    expect(linuxStartTime(16, proc)).toBeNull();
  });
});
