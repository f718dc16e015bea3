import { randomFillSync } from 'node:crypto';

const bytes = new Uint8Array(16);
const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Generated event ids are
 * time-ordered so that inserts into the unique indexes on event ids (events, and the consumers' inbox) land
 * near the right edge of the btree instead of on a random page each.
 */
export function uuidv7(now: number = Date.now()): string {
  randomFillSync(bytes);
  bytes[0] = Math.floor(now / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(now / 2 ** 32) & 0xff;
  bytes[2] = (now >>> 24) & 0xff;
  bytes[3] = (now >>> 16) & 0xff;
  bytes[4] = (now >>> 8) & 0xff;
  bytes[5] = now & 0xff;
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += hex[bytes[i]!];
  }
  return out;
}
