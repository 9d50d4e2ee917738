/**
 * What tells the files a run that was killed outright left behind (temporary copies, locks, the
 * code cache's temporaries) from those a run is still using. A module of its own, so the
 * worker's loader (the code cache's clean-up) can use it without loading the file code.
 *
 * A killed run's process number is given to another program sooner or later: at once after the
 * computer restarts (a power cut, the OOM killer's victim and a restart), and on Windows within
 * minutes. Were a live number enough, that run's lock would keep the workbook "in use" for as
 * long as the other program runs. So a record also says when it was made, and the process
 * counts as its writer only if it was already running then.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';

/** Whether a process of this computer is still running. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return error !== null && typeof error === 'object' && 'code' in error && error.code === 'EPERM';
  }
}

/** What `writerRunning` asks of the system; tests give their own. */
export interface ProcessProbe {
  alive(pid: number): boolean;
  /** When the computer last started (ms since 1970); null where not known for sure. */
  bootTime(): number | null;
  /** When the process started (ms since 1970); null where not known. */
  startTime(pid: number): number | null;
}

/**
 * How much later than its record a process may seem to have started, or the computer: their
 * times come from the clock as it is now, the record's from the clock as it was, and a clock
 * set forward between the two (a network time sync) must not make a live run's lock stale.
 */
export const CLOCK_SLACK_MS = 5 * 60_000;

/**
 * Whether the process `pid` that made a record at `since` (ms since 1970; NaN when unknown)
 * is still running on this computer: alive, and not a newer process given the same number —
 * one started after the record, or since the computer restarted.
 */
export function writerRunning(pid: number, since: number, probe = SYSTEM_PROBE): boolean {
  if (!probe.alive(pid)) return false;
  if (Number.isNaN(since)) return true;
  const boot = probe.bootTime();
  if (boot !== null && since < boot - CLOCK_SLACK_MS) return false;
  const started = probe.startTime(pid);
  return started === null || started <= since + CLOCK_SLACK_MS;
}

/**
 * Where the uptime Node reports counts the time asleep too (Linux's /proc/uptime, macOS's
 * kern.boottime, Windows' System Up Time counter): an uptime that left it out would put the
 * restart too late, and a run that outlived a sleep would seem to be from before it.
 */
const UPTIME_COUNTS_SLEEP = new Set<string>(['linux', 'darwin', 'win32']);

/**
 * Linux's clock ticks a second as /proc reports them (USER_HZ): 100 on every architecture
 * Node runs on, whatever the kernel's own tick rate.
 */
const LINUX_TICKS_PER_SECOND = 100;

export const SYSTEM_PROBE: ProcessProbe = {
  alive: processAlive,
  bootTime: () =>
    UPTIME_COUNTS_SLEEP.has(process.platform) ? Date.now() - os.uptime() * 1000 : null,
  startTime: (pid) => (process.platform === 'linux' ? linuxStartTime(pid) : null),
};

/**
 * A Linux process's start: /proc/PID/stat's 22nd field (clock ticks after the boot) added to
 * /proc/stat's btime (the boot, in seconds since 1970). Null when either cannot be read.
 */
export function linuxStartTime(pid: number, proc = '/proc'): number | null {
  try {
    const stat = fs.readFileSync(`${proc}/${pid}/stat`, 'latin1');
    // The command name (field 2) is in parentheses and may hold spaces or ')': fields count
    // from after its last ')', where field 3 is the first.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[22 - 3]);
    const btime = /^btime (\d+)$/m.exec(fs.readFileSync(`${proc}/stat`, 'latin1'))?.[1];
    if (!Number.isFinite(ticks) || btime === undefined) return null;
    return Number(btime) * 1000 + (ticks * 1000) / LINUX_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * When a leftover was last written (ms since 1970), which its writer was running before; NaN
 * when it cannot be told (gone meanwhile).
 */
export function modifiedAt(file: string): number {
  return fs.lstatSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Number.NaN;
}

/** The names in `folder`; none when it cannot be listed (a clean-up then has nothing to do). */
export function namesIn(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}
