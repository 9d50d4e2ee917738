/**
 * Message catalogues are written as pairs: the Chinese texts fix the keys and parameter types,
 * and the English texts must have exactly the same keys with the same signatures, so a message
 * missing (or misspelled) in either language fails to compile.
 */
export type Message = string | ((params: never) => string);
export type MessageTable = Record<string, Message>;

export interface MessagePair<T extends MessageTable> {
  readonly 'zh-CN': T;
  readonly en: { readonly [K in keyof T]: T[K] };
}

export function defineMessages<T extends MessageTable>(
  zh: T,
  en: { readonly [K in keyof T]: T[K] },
): MessagePair<T> {
  return { 'zh-CN': zh, en };
}
