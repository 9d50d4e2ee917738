/** Entry of dist/cli/gongfang.js (launched by bin/gongfang.js): runs the program on this process. */
import * as os from 'node:os';
import { t } from '../i18n';
import { releaseEverything } from '../xlsx/heldFiles';
import { envLang } from './locale';
import { runCli } from './program';

// Output piped into `head` and closed early is not an error of ours.
for (const output of [process.stdout, process.stderr]) {
  output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const argv = process.argv.slice(2);

/** The language of a message printed from a signal handler: --lang if given, else the environment. */
function interruptLang() {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const arg = argv[index] ?? '';
  const value = (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1]) ?? '';
  if (index >= 0 && /^(zh|en)/i.test(value))
    return value.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  return envLang(process.env);
}

// Ctrl-C, kill and a closed terminal: remove the temporary copy of the workbook (it holds
// residents' personal data) and release the workbook's lock before going, then exit as the
// signal would have (128 + its number). The workbook itself is only ever replaced whole.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    const wasWriting = releaseEverything();
    if (wasWriting) process.stderr.write(`\ngongfang: ${t(interruptLang(), 'fileInterrupted')}\n`);
    process.exit(128 + os.constants.signals[signal]);
  });
}
// Any other way out (an uncaught exception, process.exit from elsewhere).
process.on('exit', () => {
  releaseEverything();
});

void runCli(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
}).then((code) => {
  process.exitCode = code;
});
