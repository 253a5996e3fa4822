import { randomBytes } from 'node:crypto';
import { EventSealer } from '@jaring/platform';

/**
 * Birth dates as enrollment's events carry them: sealed under a key only enrollment and claims hold. Tests of the
 * other consumers (contributions, subsidies) play enrollment with a key of this run that they never see, as in
 * production.
 */
const enrollmentOnlyKey = new EventSealer(randomBytes(32));

export function sealedBirthDate(personId: string, birthDate: string): string {
  return enrollmentOnlyKey.sealBirthDate(personId, birthDate);
}
