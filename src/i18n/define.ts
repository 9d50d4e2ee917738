/**
 * Message catalogues are written as pairs: the Chinese texts fix the keys and parameter types,
 * and the English texts must have exactly the same keys with the same signatures, so a message
 * missing (or misspelled) in either language fails to compile.
 *
 * A message is a string, a function of its parameters, or — where a number decides the words —
 * an ICU-style message made with `icu` ("{count, plural, one {# row} other {# rows}}"), whose
 * parameters take their type from the Chinese message beside it.
 */
import type { Lang } from './lang';

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

// ---- ICU-style messages: plural and select ----

/** The CLDR plural categories. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/**
 * The plural category of `n` in `lang`, by the CLDR rules: English "one" for exactly 1 (an
 * integer: 1.5 items are "other"), everything else "other"; Chinese has only "other".
 */
export function pluralCategory(lang: Lang, n: number): PluralCategory {
  if (lang === 'en') return n === 1 ? 'one' : 'other';
  return 'other';
}

type Part =
  | { readonly kind: 'text'; readonly text: string }
  /** `#` inside a plural branch: the number. */
  | { readonly kind: 'number' }
  | { readonly kind: 'argument'; readonly name: string }
  | {
      readonly kind: 'plural' | 'select';
      readonly name: string;
      readonly branches: ReadonlyMap<string, readonly Part[]>;
    };

/** Values an ICU message's parameters may hold. */
export type IcuValue = string | number | boolean;

/** An ICU message as a function, carrying its pattern (for tests and tooling). */
export type IcuMessage<P> = ((params: P) => string) & { readonly icu: string };

class IcuParser {
  private at = 0;

  constructor(private readonly pattern: string) {}

  parse(): Part[] {
    const parts = this.message(false, false);
    if (this.at < this.pattern.length) this.fail('unexpected "}"');
    return parts;
  }

  private fail(why: string): never {
    throw new SyntaxError(`ICU message ${JSON.stringify(this.pattern)}: ${why} at ${this.at}`);
  }

  /** Text and arguments up to the end, or to the "}" closing a branch. */
  private message(inBranch: boolean, inPlural: boolean): Part[] {
    const parts: Part[] = [];
    let text = '';
    const flush = (): void => {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
    };
    while (this.at < this.pattern.length) {
      const char = this.pattern[this.at] as string;
      if (char === '}') {
        if (!inBranch) this.fail('unexpected "}"');
        break;
      }
      if (char === '{') {
        flush();
        parts.push(this.argument());
      } else if (char === '#' && inPlural) {
        flush();
        parts.push({ kind: 'number' });
        this.at += 1;
      } else if (char === "'") {
        text += this.quoted();
      } else {
        text += char;
        this.at += 1;
      }
    }
    flush();
    return parts;
  }

  /** ICU apostrophes: '' is one apostrophe; '{…}' or '#' quoted is literal; else literal. */
  private quoted(): string {
    const next = this.pattern[this.at + 1];
    if (next === "'") {
      this.at += 2;
      return "'";
    }
    if (next === '{' || next === '}' || next === '#') {
      const end = this.pattern.indexOf("'", this.at + 1);
      if (end < 0) this.fail('unclosed quote');
      const literal = this.pattern.slice(this.at + 1, end);
      this.at = end + 1;
      return literal;
    }
    this.at += 1;
    return "'";
  }

  private word(): string {
    this.spaces();
    const match = /^[^\s,{}]+/.exec(this.pattern.slice(this.at));
    if (!match) this.fail('a name was expected');
    this.at += match[0].length;
    this.spaces();
    return match[0];
  }

  private spaces(): void {
    while (/\s/.test(this.pattern[this.at] ?? '')) this.at += 1;
  }

  private expect(char: string): void {
    if (this.pattern[this.at] !== char) this.fail(`"${char}" was expected`);
    this.at += 1;
  }

  private argument(): Part {
    this.expect('{');
    const name = this.word();
    if (this.pattern[this.at] === '}') {
      this.at += 1;
      return { kind: 'argument', name };
    }
    this.expect(',');
    const type = this.word();
    if (type !== 'plural' && type !== 'select') this.fail(`unknown argument type "${type}"`);
    this.expect(',');
    const branches = new Map<string, Part[]>();
    this.spaces();
    while (this.pattern[this.at] !== '}') {
      const key = this.word();
      this.expect('{');
      branches.set(key, this.message(true, type === 'plural'));
      this.expect('}');
      this.spaces();
      if (this.at >= this.pattern.length) this.fail('unclosed argument');
    }
    this.at += 1;
    if (!branches.has('other')) this.fail(`"${name}" has no "other" branch`);
    return { kind: type, name, branches };
  }
}

function render(
  parts: readonly Part[],
  params: Readonly<Record<string, unknown>>,
  lang: Lang,
  number: number | null,
): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'number') out += String(number);
    else if (part.kind === 'argument') out += String(params[part.name]);
    else {
      const value = params[part.name];
      let branch: readonly Part[] | undefined;
      if (part.kind === 'plural') {
        const n = Number(value);
        branch = part.branches.get(`=${n}`) ?? part.branches.get(pluralCategory(lang, n));
        out += render(branch ?? part.branches.get('other') ?? [], params, lang, n);
      } else {
        branch = part.branches.get(String(value)) ?? part.branches.get('other');
        out += render(branch ?? [], params, lang, number);
      }
    }
  }
  return out;
}

/**
 * An ICU-style message in `lang`: `{name}` is a parameter; `{n, plural, =0 {…} one {…} other
 * {…}}` picks the words for the number n by the language's plural rules (an exact `=n` first),
 * `#` in a branch standing for n; `{key, select, a {…} other {…}}` picks by value. Numbers are
 * written as they are (no grouping), as the other messages write them. The pattern is parsed
 * here, so a malformed one fails as the catalogue loads.
 */
export function icu<P extends Readonly<Record<string, IcuValue>>>(
  lang: Lang,
  pattern: string,
): IcuMessage<P> {
  const parts = new IcuParser(pattern).parse();
  const message = (params: P): string => render(parts, params, lang, null);
  return Object.assign(message, { icu: pattern });
}
