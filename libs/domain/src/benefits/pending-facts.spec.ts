import { factsAwaited, isAwaitableReason } from './pending-facts';

const reasons = (...codes: string[]) => codes.map((code) => ({ code }));

describe('factsAwaited', () => {
  it('waits for nothing when the claim is eligible', () => {
    expect(factsAwaited([])).toEqual([]);
  });

  it('waits for the heirs when none, or not the claimant, are on record yet', () => {
    expect(factsAwaited(reasons('NO_HEIRS_ON_RECORD'))).toEqual(['HEIRS']);
    expect(factsAwaited(reasons('CLAIMANT_NOT_HEIR'))).toEqual(['HEIRS']);
  });

  it('waits for the coverage of the incident month, and for a JHT balance paid a moment ago', () => {
    expect(factsAwaited(reasons('NOT_COVERED'))).toEqual(['COVERAGE']);
    expect(factsAwaited(reasons('NO_JHT_BALANCE'))).toEqual(['COVERAGE']);
  });

  it('names every fact awaited, once each, in a fixed order', () => {
    expect(factsAwaited(reasons('NOT_COVERED', 'WORKER_UNKNOWN', 'NO_JHT_BALANCE'))).toEqual(['WORKER', 'COVERAGE']);
  });

  it('decides now when any reason is final, whatever else is awaited', () => {
    for (const final of [
      'INCIDENT_IN_FUTURE',
      'DEADLINE_PASSED',
      'COVERAGE_LAPSED',
      'CLAIMANT_MUST_BE_HEIR',
      'CLAIMANT_RELATIONSHIP_MISMATCH',
      'HEIR_NOT_FIRST_TIER',
      'CLAIMANT_NOT_WORKER',
      'JHT_NOT_YET_PAYABLE',
      'HEIRS_ON_RECORD',
      'NOTHING_TO_PAY',
      'ALREADY_CLAIMED',
    ]) {
      expect(isAwaitableReason(final)).toBe(false);
      expect(factsAwaited(reasons('NOT_COVERED', final))).toEqual([]);
    }
  });
});
