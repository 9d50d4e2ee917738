/**
 * What tells the files a run that was killed outright left behind (temporary copies, locks, the
 * code cache's temporaries) from those a run is still using. A module of its own, so the
 * worker's loader (the code cache's clean-up) can use it without loading the file code.
 */
import * as fs from 'node:fs';

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

/** The names in `folder`; none when it cannot be listed (a clean-up then has nothing to do). */
export function namesIn(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}
