import { randomBytes } from 'node:crypto';
import { EventSealer } from '@jaring/platform';

/**
 * The EVENT_SEALING_KEY of a test run: enrollment seals birth dates with it and claims opens them, as in
 * production, whichever test file started each. The jest global setup sets it once per run (test files have
 * module registries of their own, so a key made here would differ from file to file).
 */
export function testEventSealingKey(): string {
  return (process.env.JARING_TEST_EVENT_SEALING_KEY ??= randomBytes(32).toString('base64'));
}

const sealer = () => new EventSealer(Buffer.from(testEventSealingKey(), 'base64'));

/** A birth date as enrollment's events carry it. */
export function sealedBirthDate(personId: string, birthDate: string): string {
  return sealer().sealBirthDate(personId, birthDate);
}

/** A sealed birth date opened, as claims does. */
export function openBirthDate(personId: string, sealed: string): string {
  return sealer().openBirthDate(personId, sealed);
}
