/**
 * LockService, CacheService, PropertiesService, Session and Utilities.
 */
import { createEmulator } from '../index';

type Lock = GoogleAppsScript.Lock.Lock;

function services(options = {}) {
  const emu = createEmulator(options);
  const g = emu.globals as {
    LockService: GoogleAppsScript.Lock.LockService;
    CacheService: GoogleAppsScript.Cache.CacheService;
    PropertiesService: GoogleAppsScript.Properties.PropertiesService;
    Session: GoogleAppsScript.Base.Session;
    Utilities: GoogleAppsScript.Utilities.Utilities;
    Logger: GoogleAppsScript.Base.Logger;
  };
  return { emu, ...g };
}

describe('LockService', () => {
  // https://developers.google.com/apps-script/reference/lock/lock#tryLock(Integer)
  it('tryLock returns false while another execution holds the document lock', () => {
    const { emu, LockService } = services();
    const release = emu.holdDocumentLock();
    emu.execution(() => {
      const lock: Lock = LockService.getDocumentLock();
      expect(lock.tryLock(10_000)).toBe(false);
      expect(lock.hasLock()).toBe(false);
    });
    release();
    emu.execution(() => expect(LockService.getDocumentLock().tryLock(10_000)).toBe(true));
  });

  // https://developers.google.com/apps-script/reference/lock/lock#waitLock(Integer)
  // (wording reported: https://stackoverflow.com/q/39003339)
  it('waitLock throws on timeout', () => {
    const { emu, LockService } = services();
    emu.holdDocumentLock();
    expect(() => emu.execution(() => LockService.getDocumentLock().waitLock(30_000))).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
  });

  // https://developers.google.com/apps-script/reference/lock/lock ("locks are released when
  // the script ends")
  it('releases locks when the execution ends, and not before', () => {
    const { emu, LockService } = services();
    let heldInside = false;
    emu.execution(() => {
      LockService.getScriptLock().waitLock(1000);
      emu.execution(() => {
        heldInside = !LockService.getScriptLock().tryLock(0);
      });
    });
    expect(heldInside).toBe(true);
    emu.execution(() => expect(LockService.getScriptLock().tryLock(0)).toBe(true));
  });

  it('releaseLock frees the lock for others', () => {
    const { emu, LockService } = services();
    emu.execution(() => {
      const lock = LockService.getUserLock();
      lock.waitLock(10);
      expect(lock.hasLock()).toBe(true);
      lock.releaseLock();
      expect(lock.hasLock()).toBe(false);
    });
  });
});

describe('CacheService', () => {
  // https://developers.google.com/apps-script/reference/cache/cache#get(String)
  it('returns null on a miss and the value on a hit', () => {
    const { CacheService } = services();
    const cache = CacheService.getDocumentCache() as GoogleAppsScript.Cache.Cache;
    expect(cache.get('nope')).toBeNull();
    cache.put('k', 'v');
    expect(cache.get('k')).toBe('v');
    cache.putAll({ a: '1', b: '2' });
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ a: '1', b: '2' });
    cache.removeAll(['a']);
    expect(cache.get('a')).toBeNull();
  });

  // https://developers.google.com/apps-script/reference/cache/cache#put(String,String,Integer)
  // keys ≤ 250 characters, values ≤ 100 KB, expiry ≤ 21600 s
  it('enforces the key, value and expiry limits', () => {
    const { CacheService } = services();
    const cache = CacheService.getScriptCache();
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow();
    expect(() => cache.put('k', 'x'.repeat(100 * 1024 + 1))).toThrow();
    expect(() => cache.put('k', 'v', 21_601)).toThrow();
    expect(() => cache.put('k'.repeat(250), 'x'.repeat(100 * 1024), 21_600)).not.toThrow();
  });

  it('expires entries by the emulator clock', () => {
    let now = Date.UTC(2026, 10, 3);
    const { CacheService } = services({ now: () => new Date(now) });
    const cache = CacheService.getUserCache();
    cache.put('k', 'v', 60);
    now += 59_000;
    expect(cache.get('k')).toBe('v');
    now += 2_000;
    expect(cache.get('k')).toBeNull();
  });
});

describe('PropertiesService', () => {
  // https://developers.google.com/apps-script/reference/properties/properties#getProperty(String)
  it('stores strings and returns null for missing keys', () => {
    const { PropertiesService } = services();
    const props = PropertiesService.getDocumentProperties();
    expect(props.getProperty('x')).toBeNull();
    props.setProperty('x', '1').setProperties({ y: '2' });
    expect(props.getProperties()).toEqual({ x: '1', y: '2' });
    expect(props.getKeys().sort()).toEqual(['x', 'y']);
    props.deleteProperty('x');
    expect(props.getProperty('x')).toBeNull();
    props.deleteAllProperties();
    expect(props.getKeys()).toEqual([]);
  });

  // https://developers.google.com/apps-script/guides/services/quotas (9 KB a value, 500 KB a store)
  it('enforces 9 KB a value and 500 KB a store', () => {
    const { PropertiesService } = services();
    const props = PropertiesService.getScriptProperties();
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow();
    expect(props.getProperty('big')).toBeNull();
    const chunk = 'x'.repeat(9 * 1024 - 10);
    expect(() => {
      for (let i = 0; i < 60; i++) props.setProperty(`k${i}`, chunk);
    }).toThrow('You have exceeded the property storage quota.');
    expect(props.getKeys().length).toBeLessThan(60);
  });
});

describe('Session', () => {
  // https://developers.google.com/apps-script/reference/base/session
  it('gives the user and the script time zone', () => {
    const { Session } = services({ userEmail: 'li@example.org', scriptTimeZone: 'Europe/Berlin' });
    expect(Session.getActiveUser().getEmail()).toBe('li@example.org');
    expect(Session.getEffectiveUser().getEmail()).toBe('li@example.org');
    expect(Session.getScriptTimeZone()).toBe('Europe/Berlin');
    expect(Session.getTemporaryActiveUserKey()).toMatch(/^[\w-]{20,}$/);
  });
});

describe('Utilities', () => {
  // https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
  it('formatDate follows SimpleDateFormat in the given zone', () => {
    const { Utilities } = services();
    const date = new Date('2026-11-03T01:02:03.004Z');
    expect(Utilities.formatDate(date, 'Asia/Shanghai', "yyyy-MM-dd'T'HH:mm:ss.SSS Z")).toBe(
      '2026-11-03T09:02:03.004 +0800',
    );
    expect(Utilities.formatDate(date, 'GMT+8', 'EEE d/M/yy h a XXX')).toBe(
      'Tue 3/11/26 9 AM +08:00',
    );
    expect(Utilities.formatDate(date, 'UTC', 'X')).toBe('Z');
    expect(Utilities.formatDate(date, 'America/New_York', 'yyyy-MM-dd HH:mm')).toBe(
      '2026-11-02 20:02',
    );
  });

  // https://developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,String)
  // ("returns Byte[]": Java bytes, -128..127)
  it('computeDigest returns signed bytes', () => {
    const { Utilities } = services();
    const bytes = Utilities.computeDigest(
      Utilities.DigestAlgorithm.SHA_256,
      'abc',
      Utilities.Charset.UTF_8,
    );
    expect(bytes).toHaveLength(32);
    // SHA-256("abc") begins ba 78 16 bf
    expect(bytes.slice(0, 4)).toEqual([0xba - 256, 0x78, 0x16, 0xbf - 256]);
    expect(bytes.every((b) => b >= -128 && b <= 127)).toBe(true);
  });

  it('base64 round-trips and getUuid is a UUID', () => {
    const { Utilities } = services();
    const encoded = Utilities.base64Encode('工坊');
    expect(Utilities.newBlob(Utilities.base64Decode(encoded)).getDataAsString()).toBe('工坊');
    expect(Utilities.getUuid()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('Logger and console write to emulator.logs', () => {
    const { emu, Logger } = services();
    Logger.log('paid %s residents', 3);
    (emu.globals.console as Console).log('done');
    expect(emu.logs).toEqual(['paid 3 residents', 'done']);
  });
});
