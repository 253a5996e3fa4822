// Masks personal data that looks like it slipped into a log line. This is defense in depth: code must
// not log NIKs, phone numbers or bank accounts in the first place (docs/design.md, "Personal data").
//
// Boundaries: a match may not touch a letter, a digit or a hyphen on either side, so that a run of
// digits inside a hex id is left alone. UUIDs and W3C traceparents are skipped as a whole: they are in
// every log line, and one made of decimal digits only would otherwise look like an account number.

const EDGE_BEFORE = '(?<![0-9A-Za-z+-])';
const EDGE_AFTER = '(?![0-9A-Za-z-])';

const RULES: ReadonlyArray<{ pattern: RegExp; mask: string }> = [
  // NIK: 16 digits, also written 6-6-4 (region, birth date, serial) with spaces, dots or hyphens.
  { pattern: new RegExp(`${EDGE_BEFORE}\\d{6}([ .-]?)\\d{6}\\1\\d{4}${EDGE_AFTER}`, 'g'), mask: '[NIK]' },
  // A NIK masked with some leading digits still in view (the old `5371********0001` form): only the last four
  // digits may show, as in `Nik.mask()` (`************0001`).
  { pattern: new RegExp(`${EDGE_BEFORE}[\\d*]{12}(?<=\\*)(\\d{4})${EDGE_AFTER}`, 'g'), mask: '************$1' },
  // Indonesian phone numbers: +62 / 62 / 0, then 8 (mobile) and 7-11 more digits, separators allowed;
  // and any +62 number (landlines too).
  {
    pattern: new RegExp(`${EDGE_BEFORE}(?:\\+?62|0)[ -]?(?:\\(0\\))?8(?:[ .-]?\\d){7,11}${EDGE_AFTER}`, 'g'),
    mask: '[PHONE]',
  },
  { pattern: new RegExp(`${EDGE_BEFORE}\\+62(?:[ .-]?\\d){7,12}${EDGE_AFTER}`, 'g'), mask: '[PHONE]' },
  // Bank account numbers (and card numbers, KPJ membership numbers...): 10 or more digits, single
  // spaces or hyphens allowed between them.
  { pattern: new RegExp(`${EDGE_BEFORE}\\d(?:[ -]?\\d){9,}${EDGE_AFTER}`, 'g'), mask: '[ACCOUNT]' },
  // E-mail addresses.
  { pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, mask: '[EMAIL]' },
];

const IDS = /\b(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2})\b/gi;

/** The text with every NIK, phone number, long account number and e-mail address masked. */
export function redactText(text: string): string {
  if (!mayHoldPersonalData(text)) return text;
  let result = '';
  let last = 0;
  for (const id of text.matchAll(IDS)) {
    result += redactSegment(text.slice(last, id.index)) + id[0];
    last = id.index + id[0].length;
  }
  return result + redactSegment(text.slice(last));
}

/** Fast path: every rule needs an @, an * (a partly masked NIK) or at least 9 digits (the shortest phone number). */
function mayHoldPersonalData(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 64 /* @ */ || code === 42 /* * */) return true;
    if (code >= 48 && code <= 57 && ++digits >= 9) return true;
  }
  return false;
}

function redactSegment(segment: string): string {
  let result = segment;
  for (const { pattern, mask } of RULES) result = result.replace(pattern, mask);
  return result;
}

/**
 * A copy of `value` with every string in it redacted (plain objects and arrays are walked; other objects,
 * e.g. Dates or Buffers, are returned as they are). Integers of 16 digits are masked too: a NIK stored as
 * a number. The input is never mutated; cycles become "[Circular]".
 */
export function redactValue(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 1e15 && Math.abs(value) < 1e16 ? '[NIK]' : value;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (Array.isArray(value)) {
    seen.add(value);
    const copy = value.map((item) => redactValue(item, seen));
    seen.delete(value);
    return copy;
  }
  if (value instanceof Error) {
    seen.add(value);
    const copy = new Error(redactText(value.message), value.cause === undefined ? undefined : { cause: redactValue(value.cause, seen) });
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactText(value.stack);
    for (const [key, item] of Object.entries(value)) (copy as unknown as Record<string, unknown>)[key] = redactValue(item, seen);
    seen.delete(value);
    return copy;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  seen.add(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = redactValue(item, seen);
  seen.delete(value);
  return copy;
}
