/**
 * CacheService, PropertiesService, Session, Utilities, Logger and console.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Env } from './env';
import { instantToWallClock, isDateObject, zoneOffsetMs, assertTimeZone } from './dates';
import { MONTHS, WEEKDAYS } from './numberFormat';

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// --- CacheService: https://developers.google.com/apps-script/reference/cache/cache
// Keys up to 250 characters, values up to 100 KB, expiry 1 s to 21600 s (6 h).
const MAX_CACHE_KEY = 250;
const MAX_CACHE_VALUE = 100 * 1024;
const MAX_CACHE_SECONDS = 21_600;
const DEFAULT_CACHE_SECONDS = 600;

class CacheImpl {
  private readonly entries = new Map<string, { value: string; expires: number }>();
  constructor(private readonly env: Env) {}

  private check(key: string, value: string, seconds: number): void {
    if (key.length > MAX_CACHE_KEY) throw this.env.fail('Argument too large: key');
    if (utf8Length(value) > MAX_CACHE_VALUE) throw this.env.fail('Argument too large: value');
    if (!(seconds >= 1 && seconds <= MAX_CACHE_SECONDS)) {
      throw this.env.fail(
        `Invalid argument: expirationInSeconds must be between 1 and ${MAX_CACHE_SECONDS}`,
      );
    }
  }
  get(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expires <= this.env.now().getTime()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }
  getAll(keys: string[]): Record<string, string> {
    const found: Record<string, string> = {};
    for (const key of keys) {
      const value = this.get(key);
      if (value !== null) found[key] = value;
    }
    return found;
  }
  put(key: string, value: string, expirationInSeconds = DEFAULT_CACHE_SECONDS): void {
    const text = String(value);
    this.check(String(key), text, expirationInSeconds);
    this.entries.set(String(key), {
      value: text,
      expires: this.env.now().getTime() + expirationInSeconds * 1000,
    });
  }
  putAll(values: Record<string, string>, expirationInSeconds = DEFAULT_CACHE_SECONDS): void {
    for (const [key, value] of Object.entries(values))
      this.check(key, String(value), expirationInSeconds);
    for (const [key, value] of Object.entries(values)) this.put(key, value, expirationInSeconds);
  }
  remove(key: string): void {
    this.entries.delete(key);
  }
  removeAll(keys: string[]): void {
    keys.forEach((key) => this.entries.delete(key));
  }
}

export class CacheServiceImpl {
  private readonly caches: Record<'document' | 'script' | 'user', object>;
  constructor(env: Env) {
    this.caches = {
      document: env.counted(new CacheImpl(env), 'Cache'),
      script: env.counted(new CacheImpl(env), 'Cache'),
      user: env.counted(new CacheImpl(env), 'Cache'),
    };
  }
  getDocumentCache(): object {
    return this.caches.document;
  }
  getScriptCache(): object {
    return this.caches.script;
  }
  getUserCache(): object {
    return this.caches.user;
  }
}

// --- PropertiesService: https://developers.google.com/apps-script/guides/services/quotas
// 9 KB a value, 500 KB a property store.
const MAX_PROPERTY_VALUE = 9 * 1024;
const MAX_PROPERTY_STORE = 500 * 1024;

class PropertiesImpl {
  private readonly values = new Map<string, string>();
  constructor(private readonly env: Env) {}

  private size(except?: string): number {
    let bytes = 0;
    for (const [key, value] of this.values)
      if (key !== except) bytes += utf8Length(key) + utf8Length(value);
    return bytes;
  }
  private check(next: Map<string, string>): void {
    let total = 0;
    for (const [key, value] of next) {
      if (utf8Length(value) > MAX_PROPERTY_VALUE) throw this.env.fail('Argument too large: value');
      total += utf8Length(key) + utf8Length(value);
    }
    if (total > MAX_PROPERTY_STORE) {
      throw this.env.fail(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
  }
  getProperty(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setProperty(key: string, value: string): this {
    return this.setProperties({ [key]: value });
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
  setProperties(properties: Record<string, string>, deleteAllOthers = false): this {
    const next = new Map(deleteAllOthers ? [] : this.values);
    for (const [key, value] of Object.entries(properties)) next.set(key, String(value));
    this.check(next);
    this.values.clear();
    for (const [key, value] of next) this.values.set(key, value);
    return this;
  }
  deleteProperty(key: string): this {
    this.values.delete(key);
    return this;
  }
  deleteAllProperties(): this {
    this.values.clear();
    return this;
  }
  getKeys(): string[] {
    return [...this.values.keys()];
  }
  storedBytes(): number {
    return this.size();
  }
}

export class PropertiesServiceImpl {
  private readonly stores: Record<'document' | 'script' | 'user', object>;
  constructor(env: Env) {
    this.stores = {
      document: env.counted(new PropertiesImpl(env), 'Properties'),
      script: env.counted(new PropertiesImpl(env), 'Properties'),
      user: env.counted(new PropertiesImpl(env), 'Properties'),
    };
  }
  getDocumentProperties(): object {
    return this.stores.document;
  }
  getScriptProperties(): object {
    return this.stores.script;
  }
  getUserProperties(): object {
    return this.stores.user;
  }
}

// --- Session: https://developers.google.com/apps-script/reference/base/session
export class SessionImpl {
  constructor(
    private readonly env: Env,
    private readonly scriptTimeZone: string,
    private readonly locale: string,
  ) {}
  /**
   * In a simple trigger the address is blank rather than refused: "the user's email address is
   * not available in any context that allows a script to run without that user's
   * authorization, like a simple onOpen(e) or onEdit(e) trigger". Elsewhere the active user is
   * the person at the keyboard, blank when Google withholds it from this script (users.ts).
   * https://developers.google.com/apps-script/reference/base/session#getActiveUser()
   */
  getActiveUser(): unknown {
    const { who } = this.env;
    const email = this.env.scopes.mode === 'LIMITED' || !who.activeVisible ? '' : who.active;
    return this.env.counted({ getEmail: () => email }, 'User');
  }
  /**
   * "If the script is running under an installable trigger, this returns the account of the
   * user who created the trigger. In most other scenarios, this returns the same account as
   * getActiveUser()." https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()
   */
  getEffectiveUser(): unknown {
    const email = this.env.scopes.mode === 'LIMITED' ? '' : this.env.who.effective;
    return this.env.counted({ getEmail: () => email }, 'User');
  }
  getScriptTimeZone(): string {
    return this.scriptTimeZone;
  }
  getActiveUserLocale(): string {
    return this.locale.startsWith('en') ? 'en' : this.locale;
  }
  getTemporaryActiveUserKey(): string {
    return createHash('sha256')
      .update(`gongfang-emulator:${this.env.who.active}`)
      .digest('base64url')
      .slice(0, 40);
  }
}

// --- Utilities: https://developers.google.com/apps-script/reference/utilities/utilities
export const DigestAlgorithm = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Java bytes are signed: -128..127. */
function toSignedBytes(buffer: Uint8Array): number[] {
  return Array.from(buffer, (b) => (b > 127 ? b - 256 : b));
}

function toBuffer(value: unknown, charset?: string): Buffer {
  if (Array.isArray(value)) return Buffer.from(value.map((b: number) => b & 0xff));
  return Buffer.from(String(value), charset === Charset.US_ASCII ? 'latin1' : 'utf8');
}

function offsetText(minutes: number, style: 'Z' | 'X' | 'XX' | 'XXX'): string {
  if (minutes === 0 && style !== 'Z') return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
  const mins = String(Math.abs(minutes) % 60).padStart(2, '0');
  if (style === 'X') return `${sign}${hours}`;
  if (style === 'XXX') return `${sign}${hours}:${mins}`;
  return `${sign}${hours}${mins}`;
}

/** java.text.SimpleDateFormat patterns. */
export function formatSimpleDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime();
  const clock = instantToWallClock(ms, timeZone);
  const offsetMinutes = Math.round(zoneOffsetMs(ms, timeZone) / 60_000);
  const tokens = pattern.match(/'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  return tokens
    .map((token) => {
      if (token.startsWith("'"))
        return token === "''" ? "'" : token.slice(1, -1).replace(/''/g, "'");
      const letter = token[0] ?? '';
      const n = token.length;
      const pad = (v: number): string => String(v).padStart(n, '0');
      switch (letter) {
        case 'y':
        case 'Y':
          return n === 2 ? String(clock.year % 100).padStart(2, '0') : pad(clock.year);
        case 'M':
        case 'L':
          return n >= 4
            ? (MONTHS[clock.month - 1] ?? '')
            : n === 3
              ? (MONTHS[clock.month - 1] ?? '').slice(0, 3)
              : pad(clock.month);
        case 'd':
          return pad(clock.day);
        case 'D': {
          const start = Date.UTC(clock.year, 0, 1);
          return pad(
            Math.round((Date.UTC(clock.year, clock.month - 1, clock.day) - start) / 86_400_000) + 1,
          );
        }
        case 'E':
          return n >= 4
            ? (WEEKDAYS[clock.weekday] ?? '')
            : (WEEKDAYS[clock.weekday] ?? '').slice(0, 3);
        case 'u':
          return pad(clock.weekday === 0 ? 7 : clock.weekday);
        case 'H':
          return pad(clock.hour);
        case 'k':
          return pad(clock.hour === 0 ? 24 : clock.hour);
        case 'K':
          return pad(clock.hour % 12);
        case 'h':
          return pad(clock.hour % 12 === 0 ? 12 : clock.hour % 12);
        case 'm':
          return pad(clock.minute);
        case 's':
          return pad(clock.second);
        case 'S':
          return String(clock.millisecond).padStart(3, '0').padStart(n, '0');
        case 'a':
          return clock.hour < 12 ? 'AM' : 'PM';
        case 'Z':
          return offsetText(offsetMinutes, 'Z');
        case 'X':
          return offsetText(offsetMinutes, n === 1 ? 'X' : n === 2 ? 'XX' : 'XXX');
        case 'z':
          return `GMT${offsetText(offsetMinutes, 'XXX').replace('Z', '+00:00')}`;
        default:
          if (/[A-Za-z]/.test(letter)) throw new Error(`Illegal pattern character '${letter}'`);
          return token;
      }
    })
    .join('');
}

class BlobImpl {
  constructor(
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {}
  getBytes(): number[] {
    return toSignedBytes(this.bytes);
  }
  getDataAsString(charset?: string): string {
    return this.bytes.toString(charset === Charset.US_ASCII ? 'latin1' : 'utf8');
  }
  setDataFromString(text: string): this {
    this.bytes = Buffer.from(text, 'utf8');
    return this;
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string): this {
    this.contentType = contentType;
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): this {
    this.name = name;
    return this;
  }
  copyBlob(): BlobImpl {
    return new BlobImpl(Buffer.from(this.bytes), this.contentType, this.name);
  }
}

export class UtilitiesImpl {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly Charset = Charset;

  constructor(private readonly env: Env) {}

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDateObject(date)) {
      throw this.env.fail(
        `The parameters (${typeof date},String,String) don't match the method signature for Utilities.formatDate.`,
      );
    }
    try {
      assertTimeZone(timeZone);
    } catch {
      throw this.env.fail(`Invalid argument: timeZone`);
    }
    return formatSimpleDate(date, timeZone, format);
  }
  computeDigest(algorithm: string, value: unknown, charset?: string): number[] {
    const name = NODE_DIGEST[algorithm];
    if (!name) throw this.env.fail(`Invalid argument: algorithm`);
    return toSignedBytes(createHash(name).update(toBuffer(value, charset)).digest());
  }
  getUuid(): string {
    return randomUUID();
  }
  base64Encode(data: unknown, charset?: string): string {
    return toBuffer(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: unknown, charset?: string): string {
    return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    return toSignedBytes(Buffer.from(encoded, 'base64'));
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return toSignedBytes(Buffer.from(encoded, 'base64url'));
  }
  newBlob(data: unknown, contentType?: string, name?: string): unknown {
    return this.env.counted(
      new BlobImpl(toBuffer(data ?? ''), contentType ?? null, name ?? null),
      'Blob',
    );
  }
  /** No real waiting in tests. */
  sleep(milliseconds: number): void {
    void milliseconds;
  }
}

// --- Logger and console: kept in memory, never printed.
function formatLog(values: unknown[]): string {
  const [first, ...rest] = values;
  if (typeof first === 'string' && rest.length > 0 && first.includes('%s')) {
    let i = 0;
    return first.replace(/%s/g, () => String(rest[i++]));
  }
  return values
    .map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))))
    .join(' ');
}

export class LoggerImpl {
  constructor(private readonly logs: string[]) {}
  log(...values: unknown[]): this {
    this.logs.push(formatLog(values));
    return this;
  }
  getLog(): string {
    return this.logs.join('\n');
  }
  clear(): void {
    this.logs.length = 0;
  }
}

export function consoleFor(logs: string[]): Record<string, (...values: unknown[]) => void> {
  const record = (...values: unknown[]): void => {
    logs.push(formatLog(values));
  };
  return { log: record, info: record, warn: record, error: record };
}
