/**
 * A word as a shell takes it back: quoted when it has spaces, quotes or shell signs. Here, not
 * in the command line's code, because messages that name a command to run (for a workbook the
 * file backend was given) quote its file with it too.
 */
export function shellWord(text: string): string {
  return text !== '' && !/[\s"'`$\\!*?;&|<>(){}[\]#~]/u.test(text) ? text : JSON.stringify(text);
}
