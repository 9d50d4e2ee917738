/**
 * The `gongfang` program: picks the subcommand, parses the common options (--help, --version,
 * --lang, --tz, --json, --today), runs it, and turns every failure into a message in the
 * user's language and an exit code: 0 done, 1 data errors, 2 usage or file errors.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { version } from '../../package.json';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import { isGongfangError } from '../features/errors';
import type { CliIo, Command, CommandContext, OptionValues } from './context';
import { COMMON_OPTIONS } from './commandOptions';
import { CliError } from './errors';
import type { ExitCode } from './errors';
import { describeFailure } from './failures';
import { shellWord } from '../i18n/shellWord';
import { HeldFiles } from '../xlsx/heldFiles';
import { nodeSha256 } from '../xlsx/nodeSha256';
import { useSha256 } from '../domain/sha256';
import { envLang } from './locale';
import { type Progress, createProgress, remoteProgress } from './progress';
import { checkCommand } from './commands/check';
import { closeCommand } from './commands/close';
import { demoCommand } from './commands/demo';
import { generateCommand } from './commands/generate';
import { initCommand } from './commands/init';
import { partnersCommand } from './commands/partners';
import { reopenCommand } from './commands/reopen';
import { yearCommand } from './commands/year';
import { archiveCommand } from './commands/archive';

export const COMMANDS: readonly Command[] = [
  demoCommand,
  initCommand,
  checkCommand,
  generateCommand,
  closeCommand,
  partnersCommand,
  reopenCommand,
  yearCommand,
  archiveCommand,
];

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

function parseLang(value: string): Lang {
  const text = value.trim().toLowerCase();
  if (text.startsWith('zh')) return 'zh-CN';
  if (text.startsWith('en')) return 'en';
  throw new CliError(2, 'cliBadLang', { value });
}

function checkTimeZone(value: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value;
  } catch {
    throw new CliError(2, 'cliBadTimeZone', { value });
  }
}

/** Runs `gongfang` with `argv` (the arguments after the program name) and returns the exit code. */
export async function runCli(given: readonly string[], io: CliIo): Promise<ExitCode> {
  const argv = commandFirst(given);
  // Closed months' fingerprints by node:crypto: the same bytes, natively.
  useSha256(nodeSha256);
  let lang = envLang(io.env);
  let json = argv.includes('--json');
  // The workbook as the user named it, for the commands a refusal suggests next.
  let file: string | undefined;
  let generateOptions = '';
  try {
    lang = langFromArgs(argv) ?? lang;
    const [first, ...rest] = argv;
    const command = COMMANDS.find((candidate) => candidate.name === first);
    if (!command) return topLevel(argv, io, lang);
    const parsed = parseCommandArgs(command, rest);
    json = parsed.values.json === true;
    file = parsed.positionals[0];
    if (command === generateCommand) generateOptions = optionsKept(parsed.values);
    if (parsed.values.help === true) {
      io.stdout.write(`${t(lang, command.usage)}\n`);
      return 0;
    }
    if (parsed.values.version === true) {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    if (io.cwd === '') throw new CliError(2, 'cliNoCurrentFolder');
    const context = makeContext(io, lang, parsed.values, parsed.positionals, json);
    try {
      return await command.run({ ...context, commandLine: ['gongfang', ...argv].join(' ') });
    } finally {
      context.progress.finish();
      context.held.releaseAll();
    }
  } catch (error) {
    return reportFailure(error, io, lang, json, file, generateOptions);
  }
}

/**
 * `gongfang --lang zh-CN check ledger.xlsx`: options every command takes may come before the
 * command, as with git or npm, and are taken as the command's. They printed the whole usage
 * and exited 2 without a word of what was wrong (and no JSON under --json).
 */
function commandFirst(argv: readonly string[]): readonly string[] {
  let index = 0;
  for (let arg = argv[0]; arg !== undefined && arg.startsWith('-'); arg = argv[index]) {
    const spec = commonOption(arg);
    if (spec === undefined) return argv;
    index += spec.type === 'string' && !arg.includes('=') ? 2 : 1;
  }
  const command = argv[index];
  if (index === 0 || command === undefined) return argv;
  return [command, ...argv.slice(index + 1), ...argv.slice(0, index)];
}

/** The common option `arg` names (`--lang`, `--lang=en`, `-h`), if any. */
function commonOption(arg: string): { readonly type: 'string' | 'boolean' } | undefined {
  const name = arg.startsWith('--') ? (arg.slice(2).split('=')[0] ?? '') : undefined;
  return Object.entries(COMMON_OPTIONS).find(
    ([long, spec]) => long === name || ('short' in spec && `-${spec.short}` === arg),
  )?.[1];
}

/**
 * What a generate run's refusal keeps in the generate it suggests (another month): its --out,
 * so the input stays untouched as asked, and its --force.
 */
function optionsKept(values: OptionValues): string {
  const out = typeof values.out === 'string' ? ` --out ${shellWord(values.out)}` : '';
  return out + (values.force === true ? ' --force' : '');
}

function langFromArgs(argv: readonly string[]): Lang | undefined {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  if (index < 0) return undefined;
  const arg = argv[index] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
  return value === undefined ? undefined : parseLang(value);
}

function topLevel(argv: readonly string[], io: CliIo, lang: Lang): ExitCode {
  const [first] = argv;
  if (first !== undefined && !first.startsWith('-')) {
    throw new CliError(2, 'cliUnknownCommand', { command: first });
  }
  const { values } = parseArgs({ args: [...argv], options: COMMON_OPTIONS, strict: false });
  if (values.version === true) {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  // Under --json the usage text on stdout is no JSON: a script is told what was missing.
  if (values.json === true && values.help !== true) throw new CliError(2, 'cliNoCommand');
  io.stdout.write(`${t(lang, 'cliUsage', { version })}\n`);
  return values.help === true ? 0 : 2;
}

function parseCommandArgs(command: Command, args: readonly string[]) {
  const options = { ...COMMON_OPTIONS, ...command.options };
  refuseBadOptions(command, options, args);
  const parsed = parseArgs({
    args: withDashValuesAttached(options, args),
    options,
    allowPositionals: true,
    strict: true,
  });
  if (parsed.positionals.length > command.maxFiles) {
    const extra = parsed.positionals.slice(command.maxFiles).join(' ');
    throw new CliError(2, 'cliExtraArguments', { extra, command: command.name });
  }
  return { values: parsed.values as OptionValues, positionals: parsed.positionals };
}

/**
 * Node's own parseArgs errors are English, name options with unbalanced quotes and suggest
 * `--`: each usage mistake is worded here instead, in the user's language, naming the option.
 */
function refuseBadOptions(
  command: Command,
  options: NonNullable<ParseArgsConfig['options']>,
  args: readonly string[],
): void {
  const { tokens } = parseArgs({
    args: [...args],
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    const option = token.rawName;
    if (spec === undefined) {
      throw new CliError(2, 'cliUnknownOption', { option, command: command.name });
    }
    if (spec.type === 'string' && (token.value === undefined || isOptionLike(token, args))) {
      throw new CliError(2, 'cliOptionNeedsValue', { option, command: command.name });
    }
    if (spec.type === 'boolean' && token.value !== undefined) {
      throw new CliError(2, 'cliOptionTakesNoValue', { option, command: command.name });
    }
  }
}

/**
 * `--month -2026-11`: a value that starts with a dash (a typo, or a file named so) is the
 * option's value all the same, and is judged as one (here: not a month) instead of Node's
 * "argument is ambiguous". Written as --month=-2026-11 (-o-x.xlsx) for the strict parse.
 */
function withDashValuesAttached(
  options: NonNullable<ParseArgsConfig['options']>,
  args: readonly string[],
): string[] {
  const { tokens } = parseArgs({
    args: [...args],
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const attached = [...args];
  for (const token of [...tokens].reverse()) {
    if (token.kind !== 'option' || token.inlineValue !== false) continue;
    const value = token.value;
    if (value === undefined || !value.startsWith('-')) continue;
    const joined = token.rawName.startsWith('--')
      ? `${token.rawName}=${value}`
      : token.rawName + value;
    attached.splice(token.index, 2, joined);
  }
  return attached;
}

/** `--month --json`: the value taken for --month is really the next option. */
function isOptionLike(
  token: { readonly inlineValue?: boolean | undefined; readonly value?: string | undefined },
  args: readonly string[],
): boolean {
  if (token.inlineValue === true || token.value === undefined) return false;
  return token.value.startsWith('--') && args.includes(token.value);
}

function makeContext(
  io: CliIo,
  lang: Lang,
  values: OptionValues,
  files: readonly string[],
  json: boolean,
): Omit<CommandContext, 'commandLine'> {
  const timeZone = checkTimeZone(typeof values.tz === 'string' ? values.tz : DEFAULT_TIME_ZONE);
  const progress = progressOf(io, json);
  return {
    lang,
    langGiven: typeof values.lang === 'string',
    json,
    timeZone,
    files,
    options: values,
    io,
    progress,
    held: new HeldFiles(),
    say: (text) => {
      if (!json) progress.around(() => io.stdout.write(`${text}\n`));
    },
    emit: (value) => {
      if (json) io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}

/** The bar where the supervisor draws it, else on stderr here; lines when asked for. */
function progressOf(io: CliIo, json: boolean): Progress {
  const lines = io.env.GONGFANG_PROGRESS?.trim().toLowerCase() === 'lines';
  if (io.progress && !json && !lines) return remoteProgress(io.progress);
  return createProgress(io.stderr, !json, undefined, lines);
}

function reportFailure(
  error: unknown,
  io: CliIo,
  lang: Lang,
  json: boolean,
  file: string | undefined,
  generateOptions: string,
): ExitCode {
  const { code, message, exitCode } = describeFailure(error, lang, file, generateOptions);
  if (json) {
    // The next step as data too, for scripts: { kind, month?, force? }.
    const next = isGongfangError(error) && error.next !== null ? { next: error.next } : {};
    const answer = { ok: false, error: { code, message, ...next } };
    io.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  }
  io.stderr.write(`gongfang: ${message}\n`);
  return exitCode;
}
