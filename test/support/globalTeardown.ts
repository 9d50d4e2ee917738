/** Jest global teardown: removes the run's temporary folder (globalSetup.ts, makeRunFolder). */
import { rmSync } from 'node:fs';
import { RUN_FOLDER } from './runFolder';

export default async function removeRunFolder(): Promise<void> {
  const folder = process.env[RUN_FOLDER];
  if (folder) rmSync(folder, { recursive: true, force: true });
}
