/**
 * SHA-256 for the closed-month fingerprints. The domain's own engine is @noble/hashes, plain
 * JavaScript that runs the same in Apps Script and Node; a backend with a native SHA-256 may
 * install it (`useSha256`) — the .xlsx command uses node:crypto, about 20 times faster, which
 * counts when Check data fingerprints every closed month of a ten-year ledger. Any engine must
 * hash the UTF-8 bytes of the texts one after another (a lone surrogate as U+FFFD, as
 * TextEncoder writes it); test/property/sha256.property.test.ts holds node:crypto to the
 * domain's own on random text.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** SHA-256, as lowercase hex, of the UTF-8 bytes of `texts` taken one after another. */
export type Sha256Engine = (texts: readonly string[]) => string;

/**
 * UTF-8 bytes of a text. Written out because TextEncoder (which @noble/hashes' utf8ToBytes uses)
 * is a Web API, not ECMAScript: Apps Script's V8 runtime and a bare vm context do not have it.
 * https://developers.google.com/apps-script/guides/v8-runtime
 */
export function utf8ToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 3);
  let length = 0;
  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i += 1;
      }
    }
    // A lone surrogate is written as U+FFFD, as TextEncoder does.
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes[length++] = code;
    else if (code < 0x800) {
      bytes[length++] = 0xc0 | (code >> 6);
      bytes[length++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      bytes[length++] = 0xe0 | (code >> 12);
      bytes[length++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[length++] = 0x80 | (code & 0x3f);
    } else {
      bytes[length++] = 0xf0 | (code >> 18);
      bytes[length++] = 0x80 | ((code >> 12) & 0x3f);
      bytes[length++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[length++] = 0x80 | (code & 0x3f);
    }
  }
  return bytes.subarray(0, length);
}

/** The domain's own engine: the same bytes in Apps Script and Node. */
export const nobleSha256: Sha256Engine = (texts) => {
  const hash = sha256.create();
  for (const text of texts) hash.update(utf8ToBytes(text));
  return bytesToHex(hash.digest());
};

let engine: Sha256Engine = nobleSha256;

/** Installs a backend's engine (one that hashes exactly as `nobleSha256` does). */
export function useSha256(next: Sha256Engine): void {
  engine = next;
}

/** SHA-256 (hex) of the texts one after another, by the installed engine. */
export function sha256OfTexts(texts: readonly string[]): string {
  return engine(texts);
}
