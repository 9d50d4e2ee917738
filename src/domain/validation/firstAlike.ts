/**
 * Finding, for each of many items, the first earlier item equal to it: duplicate entry numbers
 * and look-alike Pieces rows at a million rows. An open-addressing table of item indexes in
 * typed arrays, not a Map of a million keys: no object per key, little for the collector.
 */

/** No earlier item is equal to this one. */
export const FIRST = -1;

/** A well-spread 32-bit hash (the murmur3 finalizer), so the table's low bits vary. */
export function spread(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * For each item i, the first earlier item j with same(j, i), or FIRST. `hashes[i]` must be
 * equal for equal items; a shared hash never makes items equal, `same` decides (it is asked
 * only when hashes match). Items marked in `skipped` take no part and are FIRST.
 */
export function firstAlike(
  hashes: Int32Array,
  same: (earlier: number, later: number) => boolean,
  skipped?: Uint8Array,
): Int32Array {
  const count = hashes.length;
  const first = new Int32Array(count).fill(FIRST);
  let size = 16;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  // Slots hold 1 + the index of an item met first (0: empty); only firsts are kept, so the
  // first equal one found is the earliest.
  const slots = new Int32Array(size);
  for (let i = 0; i < count; i += 1) {
    if (skipped !== undefined && skipped[i] === 1) continue;
    const h = hashes[i] ?? 0;
    let slot = spread(h) & mask;
    for (;;) {
      const held = slots[slot] ?? 0;
      if (held === 0) {
        slots[slot] = i + 1;
        break;
      }
      const j = held - 1;
      if (hashes[j] === h && same(j, i)) {
        first[i] = j;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return first;
}
