/** `gongfang init FILE`: a new workbook with Set up applied (or Set up on an existing one). */
import * as fs from 'node:fs';
import { describeSetUp, setUpWorkbook } from '../../features/setUp';
import type { SetUpResult } from '../../features/setUp';
import { t } from '../../i18n';
import type { Command, CommandContext } from '../context';
import { CliError } from '../errors';
import {
  computing,
  fileArgument,
  newWorkbook,
  openWorkbook,
  prepareWrite,
  refuseHeadersBelowRowOne,
  refuseRenamedColumns,
  refuseRenamedTabs,
  saveWorkbook,
  shownPath,
} from '../session';
import { COMMAND_OPTIONS } from '../commandOptions';

async function run(context: CommandContext) {
  const file = fileArgument(context, 'init');
  const exists = fs.existsSync(file);
  const target = await prepareWrite(context, file, exists ? { source: file } : {});
  if (exists && context.options.force !== true) {
    throw new CliError(2, 'cliFileExists', { file: shownPath(context, file) });
  }
  const workbook = exists ? await openWorkbook(context, file, 3) : newWorkbook(context);
  // Set up adds a missing tab or column: not an empty one beside the one staff renamed.
  if (exists) {
    refuseRenamedTabs(context, workbook);
    refuseHeadersBelowRowOne(workbook);
    refuseRenamedColumns(context, workbook);
  }
  computing(context, 3);
  const result = setUpWorkbook(workbook);
  const written = !exists || addedAnything(result);
  // A workbook already set up is left as it was: rewriting it would change nothing but its date.
  if (written) await saveWorkbook(context, workbook, target, 3);
  context.progress.finish();
  context.emit({ ok: true, file, written, ...result });
  const shown = shownPath(context, file);
  // In the run's language, as everything the command prints; the tabs and columns as named.
  const summary = describeSetUp({ ...result, lang: context.lang });
  if (written) {
    context.say(t(context.lang, 'cliWrote', { file: shown }));
    if (summary !== '') context.say(summary);
  } else if (result.tabsWithUnknownHeader.length > 0) {
    // Not "already set up": a tab whose row 1 is no header was left alone; say why.
    for (const tab of result.tabsWithUnknownHeader) {
      context.say(t(context.lang, 'setupHeaderUnknown', { tab }));
    }
  } else {
    context.say(t(context.lang, 'cliInitUnchanged', { file: shown }));
  }
  return 0 as const;
}

function addedAnything(result: SetUpResult): boolean {
  return (
    result.tabsCreated.length > 0 ||
    result.columnsAdded.length > 0 ||
    result.settingsAdded.length > 0
  );
}

export const initCommand: Command = {
  name: 'init',
  usage: 'cliInitUsage',
  options: COMMAND_OPTIONS.init,
  maxFiles: 1,
  run,
};
