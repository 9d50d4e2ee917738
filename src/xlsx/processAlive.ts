/**
 * Whether a process of this computer is still running: what tells a temporary file or a lock
 * left by a run that was killed outright from one a run is still using. A module of its own,
 * so the worker's loader (the code cache's clean-up) can use it without loading the file code.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return error !== null && typeof error === 'object' && 'code' in error && error.code === 'EPERM';
  }
}
