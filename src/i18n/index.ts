/**
 * Every message a user sees, in zh-CN and en. Each area of the product keeps its messages in a
 * file under messages/; they are joined here into one catalogue.
 */
import type { Lang } from './lang';
import type { MessagePair, MessageTable } from './define';
import { commonMessages } from './messages/common';
import { validationMessages } from './messages/validation';
import { setupMessages } from './messages/setup';
import { checkMessages } from './messages/check';
import { menuMessages } from './messages/menu';
import { generateMessages } from './messages/generate';
import { closeMessages } from './messages/close';
import { cliMessages } from './messages/cli';
import { filesMessages } from './messages/files';
import { sidebarMessages } from './messages/sidebars';
import { onEditMessages } from './messages/onEdit';
import { partnerMessages } from './messages/partners';
import { closingMessages } from './messages/closing';
import { permissionMessages } from './messages/permissions';
import { selfTestMessages } from './messages/selfTest';
import { yearMessages } from './messages/year';
import { yearCliMessages } from './messages/yearCli';
import { monthCliMessages } from './messages/monthCli';
import { roleMessages } from './messages/roles';
import { printMessages } from './messages/print';
import { monthMessages } from './messages/month';
import { sidebarPageMessages } from './messages/sidebarPages';
import { monthDialogMessages } from './messages/monthDialogs';

export type { Lang } from './lang';
export { langFromLocale, LANGS } from './lang';

/** Refuses, at compile time, two areas that define the same key (one would silently win). */
type Disjoint<A, B> = [keyof A & keyof B] extends [never]
  ? unknown
  : { readonly duplicateMessageKeys: keyof A & keyof B };

/**
 * The catalogue has about a thousand keys a language: objects that big are hash tables in V8,
 * and built by spreading, each join made a thousand hidden classes (20 ms and a garbage
 * collection at every start, Apps Script's included). Tables that start as hash tables
 * (prototype-free) take the keys without any.
 */
function join<A extends MessageTable, B extends MessageTable>(
  a: MessagePair<A>,
  b: MessagePair<B> & Disjoint<A, B>,
): MessagePair<A & B> {
  return {
    'zh-CN': Object.assign(Object.create(null) as object, a['zh-CN'], b['zh-CN']),
    en: Object.assign(Object.create(null) as object, a.en, b.en),
  } as MessagePair<A & B>;
}

const catalogue = join(
  join(
    join(
      join(join(commonMessages, validationMessages), join(setupMessages, checkMessages)),
      join(menuMessages, printMessages),
    ),
    join(
      join(
        join(join(generateMessages, closeMessages), join(cliMessages, filesMessages)),
        join(permissionMessages, selfTestMessages),
      ),
      join(join(sidebarMessages, onEditMessages), join(partnerMessages, closingMessages)),
    ),
  ),
  join(
    join(join(yearMessages, yearCliMessages), join(monthMessages, roleMessages)),
    join(monthCliMessages, join(sidebarPageMessages, monthDialogMessages)),
  ),
);

type Catalogue = (typeof catalogue)['zh-CN'];
export type MessageKey = keyof Catalogue;
export type MessageParams<K extends MessageKey> = Catalogue[K] extends (p: infer P) => string
  ? [params: P]
  : [];

/** The text of message `key` in `lang`. */
export function t<K extends MessageKey>(lang: Lang, key: K, ...params: MessageParams<K>): string {
  const message = catalogue[lang][key] as string | ((p: unknown) => string);
  return typeof message === 'function' ? message(params[0]) : message;
}

/** Both languages' texts, for tests and for places that must show either. */
export function messagesOf(lang: Lang): Readonly<Record<MessageKey, unknown>> {
  return catalogue[lang];
}
