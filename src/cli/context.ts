/** What every subcommand receives and returns; the commands themselves stay thin. */
import type { ParseArgsConfig } from 'node:util';
import type { Lang, MessageKey } from '../i18n';
import type { ExitCode } from './errors';
import type { HeldFiles } from '../xlsx/heldFiles';
import type { Progress, ProgressEvent } from './progress';

/** The outside world, passed in so tests can run the program in-process. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working folder; '' when it no longer exists (moved or deleted under the terminal). */
  readonly cwd: string;
  readonly now: () => Date;
  /**
   * Where the progress bar is drawn instead of on stderr here: the supervisor's thread, which
   * is idle and so redraws it as time passes (given only when stderr is a terminal).
   */
  readonly progress?: (event: ProgressEvent) => void;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandContext {
  readonly lang: Lang;
  /** Whether --lang was given (it then overrides the workbook's own language). */
  readonly langGiven: boolean;
  readonly json: boolean;
  readonly timeZone: string;
  readonly files: readonly string[];
  readonly options: OptionValues;
  readonly io: CliIo;
  readonly progress: Progress;
  /** Temporary files and workbook locks of this run, released however the run ends. */
  readonly held: HeldFiles;
  /** The command as typed (gongfang generate ledger.xlsx …), shown to whoever waits on a lock. */
  readonly commandLine: string;
  /** Text for people (stdout); ignored under --json. */
  say(text: string): void;
  /** The one JSON document printed under --json. */
  emit(value: unknown): void;
}

export interface Command {
  readonly name: string;
  readonly usage: MessageKey;
  /** Options of this command besides the common ones. */
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly maxFiles: number;
  run(context: CommandContext): Promise<ExitCode>;
}
