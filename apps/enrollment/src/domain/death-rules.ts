import { compareIsoDates, type IsoDate } from '@jaring/domain';

/**
 * A worker's death (docs/rules.md, "A death closes the membership"): what may be recorded, and what a second
 * record of it means. Pure, so both ways in (a paid death claim, the back office) decide alike.
 */

/** The claims whose payment establishes a death: a JKM death benefit, or a JKK work accident that killed. */
export function isDeathClaim(claim: { type: string; kind: string }): boolean {
  return claim.kind === 'DEATH' && (claim.type === 'JKM' || claim.type === 'JKK');
}

/**
 * Why `diedOn` cannot be the date of death of a worker registered on `registeredOn`, judged on `today`, or
 * undefined when it can: not after today, not before the registration (a member who died before joining was
 * registered in error, which is another correction).
 */
export function deathDateProblem(diedOn: IsoDate, registeredOn: IsoDate, today: IsoDate): string | undefined {
  if (compareIsoDates(diedOn, today) > 0) return `must not be after today (${today})`;
  if (compareIsoDates(diedOn, registeredOn) < 0) return `must not be before the registration (${registeredOn})`;
  return undefined;
}

export type DeathRecording =
  /** No death on record: record it (from any status, a deregistered worker included). */
  | { outcome: 'RECORD' }
  /** The same death again (a retried request, a redelivered event): nothing changes, nothing is announced. */
  | { outcome: 'ALREADY_RECORDED' }
  /** Another date of death is on record: a correction is not a second record. */
  | { outcome: 'CONFLICT'; recordedDiedOn: IsoDate };

export function deathRecording(recordedDiedOn: IsoDate | null, diedOn: IsoDate): DeathRecording {
  if (recordedDiedOn === null) return { outcome: 'RECORD' };
  if (recordedDiedOn === diedOn) return { outcome: 'ALREADY_RECORDED' };
  return { outcome: 'CONFLICT', recordedDiedOn };
}
