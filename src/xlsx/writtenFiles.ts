/**
 * Workbooks gongfang wrote as new files (the demo, generate --out), remembered by path, size
 * and SHA-256 in the user's state folder, so that writing them again is allowed only while
 * nobody has changed them: `npm start` may refresh an untouched demo, but never overwrites a
 * demo someone recorded pieces in, or a real ledger that happens to have the demo's name.
 * A file not remembered (copied from elsewhere, or the record lost) counts as changed: the
 * safe side, `--force` overrides.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as z from 'zod/mini';

const Written = z.object({ size: z.number(), sha256: z.string(), at: z.string() });
const WrittenFiles = z.record(z.string(), Written);
type WrittenFiles = z.infer<typeof WrittenFiles>;

/** Remembering more than this many files drops the oldest. */
const MAX_REMEMBERED = 200;

type Env = Readonly<Record<string, string | undefined>>;

/** $XDG_STATE_HOME/gongfang, %LOCALAPPDATA%\gongfang on Windows, else ~/.local/state/gongfang. */
export function stateFolder(env: Env): string {
  if (env.XDG_STATE_HOME) return path.join(env.XDG_STATE_HOME, 'gongfang');
  if (process.platform === 'win32' && env.LOCALAPPDATA) {
    return path.join(env.LOCALAPPDATA, 'gongfang');
  }
  return path.join(env.HOME ?? os.homedir(), '.local', 'state', 'gongfang');
}

function recordFile(env: Env): string {
  return path.join(stateFolder(env), 'written.json');
}

function load(env: Env): WrittenFiles {
  try {
    const parsed = WrittenFiles.safeParse(JSON.parse(fs.readFileSync(recordFile(env), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Whether `real` is a file gongfang wrote and nobody changed since. */
export function unchangedSinceWritten(env: Env, real: string): boolean {
  const entry = load(env)[real];
  if (!entry) return false;
  try {
    return fs.statSync(real).size === entry.size && sha256Of(real) === entry.sha256;
  } catch {
    return false;
  }
}

/**
 * Remembers `real` as just written by gongfang. Best effort: when the state folder cannot be
 * written, the file is simply not remembered (and later needs --force to be overwritten).
 */
export function rememberWritten(env: Env, real: string, now: Date): void {
  try {
    const files = load(env);
    delete files[real];
    files[real] = { size: fs.statSync(real).size, sha256: sha256Of(real), at: now.toISOString() };
    const kept = Object.entries(files)
      .filter(([file]) => fs.existsSync(file))
      .slice(-MAX_REMEMBERED);
    const target = recordFile(env);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(Object.fromEntries(kept), null, 1));
    fs.renameSync(temporary, target);
  } catch {
    // Not remembering only makes a later overwrite ask for --force.
  }
}
