/**
 * Jaring's membership number (docs/rules.md, Identity): 11 digits, a 10-digit serial from a PostgreSQL sequence
 * (1000000000 upwards, so it never starts with 0 and never collides) and a check digit by ISO/IEC 7064
 * MOD 11,10, the hybrid system of Croatia's OIB and Germany's tax id. It catches every single mistyped
 * digit and every swap of two adjacent digits a field agent or a worker makes reading it out, which the
 * Luhn digit does not (it misses 09 <-> 90).
 */
export const MEMBERSHIP_SERIAL_MIN = 1_000_000_000;
export const MEMBERSHIP_SERIAL_MAX = 9_999_999_999;

const MEMBERSHIP_NUMBER = /^\d{11}$/;

/** ISO/IEC 7064 MOD 11,10 check digit of a string of decimal digits. */
export function iso7064Mod1110CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error('the check digit is computed over decimal digits only');
  let product = 10;
  for (const char of digits) {
    let sum = (Number(char) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  return (11 - product) % 10;
}

/** The 11-digit number for a sequence value. */
export function membershipNumberFor(serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < MEMBERSHIP_SERIAL_MIN || serial > MEMBERSHIP_SERIAL_MAX) {
    throw new Error(`membership serial out of range: ${serial}`);
  }
  const digits = String(serial);
  return `${digits}${iso7064Mod1110CheckDigit(digits)}`;
}

export function isValidMembershipNumber(value: unknown): boolean {
  return typeof value === 'string' && MEMBERSHIP_NUMBER.test(value) && iso7064Mod1110CheckDigit(value.slice(0, 10)) === Number(value[10]);
}
