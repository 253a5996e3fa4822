import { nameWords } from './name-words';

/**
 * What `GET /v1/workers?q=` looks for (docs/api.md, "Worker search"): 11 digits are a membership number,
 * 16 digits a NIK (both exact), anything else the words of a name, each of which must be a whole word of
 * the worker's name. Spaces, dots and dashes between digits are forgiven (a NIK read out in groups).
 */
export type WorkerSearchTerm =
  { kind: 'membershipNumber'; membershipNumber: string } | { kind: 'nik'; nik: string } | { kind: 'name'; words: string[] };

export const SEARCH_TERM_MIN_LENGTH = 2;
export const SEARCH_TERM_MAX_LENGTH = 100;

const DIGITS_WITH_SEPARATORS = /^[\d\s.-]+$/;

/** The term, or why `q` cannot be searched for (the reason never repeats the value: it may be a NIK). */
export function parseSearchTerm(q: string): WorkerSearchTerm | { invalid: string } {
  const text = q.trim();
  if (text.length < SEARCH_TERM_MIN_LENGTH || text.length > SEARCH_TERM_MAX_LENGTH) {
    return { invalid: `q must be ${SEARCH_TERM_MIN_LENGTH} to ${SEARCH_TERM_MAX_LENGTH} characters` };
  }
  if (DIGITS_WITH_SEPARATORS.test(text)) {
    const digits = text.replace(/\D/g, '');
    if (digits.length === 11) return { kind: 'membershipNumber', membershipNumber: digits };
    if (digits.length === 16) return { kind: 'nik', nik: digits };
    return { invalid: 'q of digits must be an 11-digit membership number or a 16-digit NIK' };
  }
  const words = nameWords(text);
  if (!words.length) return { invalid: 'q must be a name, an 11-digit membership number or a 16-digit NIK' };
  return { kind: 'name', words };
}
