import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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

/** Compares hashes of equal length, so the time taken does not tell how much of a guess was right. */
export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(hashApiKey(presented), 'hex'), Buffer.from(hashApiKey(expected), 'hex'));
}

/** The key a request presents: `X-Api-Key: <key>` or `Authorization: Bearer <key>`. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers['x-api-key'];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (apiKey?.trim()) return apiKey.trim();
  const authorization = headers.authorization;
  const value = Array.isArray(authorization) ? authorization[0] : authorization;
  const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return match?.[1];
}
