/**
 * What every emulated object shares: the call counter, the clock, the realm whose Date and
 * Error constructors values are built with, and the options.
 */
import * as vm from 'node:vm';
import { ScopeGuard } from './scopes';

export interface CallCounter {
  total(): number;
  byMethod(): Record<string, number>;
  /**
   * Bytes of cell data the reads returned (Range.getValues, Sheet.getSheetValues,
   * Sheets.Spreadsheets.Values.batchGet), as the JSON of the values: what crosses from Google's
   * servers to the script, the part that grows with the rows read.
   */
  bytes(): number;
  bytesByMethod(): Record<string, number>;
  reset(): void;
}

export interface Realm {
  Date: DateConstructor;
  Error: ErrorConstructor;
  TypeError: TypeErrorConstructor;
  JSON: JSON;
}

const hostRealm: Realm = { Date, Error, TypeError, JSON };

export class Counter implements CallCounter {
  private counts = new Map<string, number>();
  private readBytes = new Map<string, number>();

  /** Counts the bytes of `values` as read by `key` (their JSON, UTF-8). */
  addRead(key: string, values: unknown): void {
    const size = Buffer.byteLength(JSON.stringify(values) ?? '');
    this.readBytes.set(key, (this.readBytes.get(key) ?? 0) + size);
  }
  bytes(): number {
    let sum = 0;
    for (const n of this.readBytes.values()) sum += n;
    return sum;
  }
  bytesByMethod(): Record<string, number> {
    return Object.fromEntries([...this.readBytes.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }
  byMethod(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
  reset(): void {
    this.counts.clear();
    this.readBytes.clear();
  }
}

/**
 * Who a script runs as (users.ts). `active` is the person at the keyboard; `effective` the
 * account whose authority the script uses (the trigger's creator in an installable trigger);
 * `activeVisible` false when Google withholds the active user's address from this script.
 */
export interface Who {
  readonly active: string;
  readonly effective: string;
  readonly activeVisible: boolean;
}

export class Env {
  readonly counter = new Counter();
  realm: Realm = hostRealm;
  /** Runs before every counted call (pending.ts watches for writes, protection.ts guards them). */
  beforeCall:
    ((className: string, method: string, target: object, args: readonly unknown[]) => void) | null =
    null;
  /** The user the current execution runs as; set by createEmulator. */
  who: Who = { active: '', effective: '', activeVisible: true };
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(
    readonly now: () => Date,
    /** The scopes granted, checked on every counted call (scopes.ts). */
    readonly scopes: ScopeGuard = new ScopeGuard(null),
  ) {}

  /** Values built for another vm context use that context's constructors, so instanceof works there. */
  bindRealm(context: vm.Context): void {
    this.realm = vm.runInContext('({ Date, Error, TypeError, JSON })', context) as Realm;
  }

  fail(message: string): Error {
    return new this.realm.Error(message);
  }

  date(ms: number): Date {
    return new this.realm.Date(ms);
  }

  /**
   * The object scripts see: every method call is counted as "Class.method". Properties whose
   * names start with "_" are the emulator's own and stay hidden from scripts.
   */
  counted<T extends object>(target: T, className: string): T {
    const known = this.proxies.get(target);
    if (known) return known as T;
    const counter = this.counter;
    const scopes = this.scopes;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the proxy's handler needs it
    const env = this;
    const fail = (message: string): Error => this.fail(message);
    const proxy = new Proxy(target, {
      get(obj, prop, receiver) {
        if (typeof prop === 'string' && prop.startsWith('_')) return undefined;
        const member: unknown = Reflect.get(obj, prop, receiver);
        if (typeof member !== 'function' || typeof prop !== 'string' || prop === 'constructor') {
          return member;
        }
        const method = member as (...args: unknown[]) => unknown;
        return function countedMethod(...args: unknown[]): unknown {
          const key = `${className}.${prop}`;
          counter.count(key);
          const refusal = scopes.refusal(key);
          if (refusal !== null) throw fail(refusal);
          env.beforeCall?.(className, prop, obj, args);
          const result = method.apply(obj, args);
          return result === obj ? proxy : result;
        };
      },
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }

  /**
   * One counted call made by an object that is not itself counted (a builder's create()):
   * counted and checked against the scopes like any other.
   */
  countCall(key: string): void {
    this.counter.count(key);
    const refusal = this.scopes.refusal(key);
    if (refusal !== null) throw this.fail(refusal);
  }

  /** The emulator's own object behind what a script passed back (a Range, a Sheet…). */
  unwrap<T extends object>(value: T): T {
    return (this.targets.get(value) as T | undefined) ?? value;
  }
}
