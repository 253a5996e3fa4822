import { createHash } from 'node:crypto';

/**
 * A UUID that is a pure function of its parts (SHA-256, shaped as a version-8 UUID): ledger entries and
 * authorisations get ids chosen by the caller, so doing the same thing twice writes the same id and the
 * primary key refuses the copy.
 */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u001f')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
