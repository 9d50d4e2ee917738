/**
 * A word as a shell takes it back: quoted when it has spaces, quotes or shell signs. Here, not
 * in the command line's code, because messages that name a command to run (for a workbook the
 * file backend was given) quote its file with it too. Double quotes where they are enough, as
 * Windows' cmd.exe knows no other; single quotes where a POSIX shell would still expand or
 * unescape inside double quotes ($, `, !, ") and for control characters (JSON’s \n is not a
 * newline to a shell).
 */
export function shellWord(text: string): string {
  if (text !== '' && !/[\s"'`$\\!*?;&|<>(){}[\]#~]/u.test(text)) return text;
  // eslint-disable-next-line no-control-regex -- a newline or tab stays as it is only there
  if (/[$`!"\u0000-\u001f\u007f]/u.test(text)) return `'${text.split("'").join(`'\\''`)}'`;
  return JSON.stringify(text);
}
