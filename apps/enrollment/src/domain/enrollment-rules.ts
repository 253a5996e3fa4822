import { type IsoDate, ageOn, compareIsoDates } from '@jaring/domain';

/**
 * Who may join (docs/rules.md): below 65 at registration, and (Jaring's own rule, marked "check") at least 18.
 * Dated data: a change of the limits is a new row from its effective date.
 */
export interface AgeLimits {
  readonly effectiveFrom: IsoDate;
  readonly minimumAge: number;
  /** The age from which one may no longer register (65: "below 65"). */
  readonly ageLimit: number;
}

export const AGE_LIMITS: readonly AgeLimits[] = Object.freeze([{ effectiveFrom: '2015-07-01', minimumAge: 18, ageLimit: 65 }]);

export function ageLimitsOn(date: IsoDate): AgeLimits {
  const limits = [...AGE_LIMITS].reverse().find((row) => compareIsoDates(row.effectiveFrom, date) <= 0);
  if (!limits) throw new Error(`no age limits in force on ${date}`);
  return limits;
}

/**
 * Why someone born on `birthDate` may not register on `registeredOn`, or undefined when they may.
 * Both dates must be valid `YYYY-MM-DD`.
 */
export function registrationAgeProblem(birthDate: IsoDate, registeredOn: IsoDate): string | undefined {
  if (compareIsoDates(birthDate, registeredOn) > 0) return 'birthDate is in the future';
  const limits = ageLimitsOn(registeredOn);
  const age = ageOn(birthDate, registeredOn);
  if (age < limits.minimumAge)
    return `the worker must be at least ${limits.minimumAge} years old on the registration date (${age} on ${registeredOn})`;
  if (age >= limits.ageLimit) return `the worker must be below ${limits.ageLimit} on the registration date (${age} on ${registeredOn})`;
  return undefined;
}

/**
 * The declared monthly income (docs/rules.md, income brackets): whole rupiah. The bracket table starts at 0
 * (nominal value Rp1,000,000, the minimum contribution base), so any declared amount has a bracket; we
 * require at least Rp1, since 0 or a negative amount is a form left blank or mistyped, not a declaration.
 */
export const MINIMUM_DECLARED_INCOME = 1;

/**
 * Indonesian mobile numbers as field agents write them: 08..., 628... or +628..., 10 to 14 digits after
 * the country code or trunk prefix, separators (spaces, hyphens, dots) allowed. Stored as +628...
 */
const PHONE = /^(?:\+62|62|0)8\d{7,12}$/;

export function normalizePhone(value: string): string | undefined {
  const compact = value.replace(/[\s.-]/g, '');
  if (!PHONE.test(compact)) return undefined;
  return `+62${compact.replace(/^(?:\+62|62|0)/, '')}`;
}
