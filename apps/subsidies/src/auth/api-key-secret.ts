import { createHash, randomBytes } from 'node:crypto';

/** The part of a key that is shown in lists, so a partner can tell its keys apart (never enough to use it). */
export const KEY_PREFIX_LENGTH = 12;

/** A new partner key: 32 random bytes, recognisable by its `jrk_` prefix (secret scanners look for such). */
export function newApiKey(): string {
  return `jrk_${randomBytes(32).toString('base64url')}`;
}

/** Keys are stored and looked up only as their SHA-256: a leaked table does not leak usable keys. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
