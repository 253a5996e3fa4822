import { addYears, assessEligibility, completedMonthsBetween, type ClaimFacts } from './eligibility';
import { checkHeir, entitledTier, type HeirRecord } from './heir-entitlement';

const WORKER = 'w'.repeat(64);
const SPOUSE = 's'.repeat(64);
const CHILD = 'c'.repeat(64);
const PARENT = 'p'.repeat(64);
const SIBLING = 'b'.repeat(64);
const family: HeirRecord[] = [
  { relationship: 'SPOUSE', nikHash: SPOUSE },
  { relationship: 'CHILD', nikHash: CHILD },
  { relationship: 'PARENT', nikHash: PARENT },
  { relationship: 'SIBLING', nikHash: SIBLING },
];

function facts(overrides: Partial<ClaimFacts> = {}): ClaimFacts {
  return {
    type: 'JKM',
    kind: 'DEATH',
    incidentDate: '2026-07-10',
    submittedOn: '2026-07-20',
    claimant: { relationship: 'SPOUSE', nikHash: SPOUSE },
    worker: { nikHash: WORKER, birthDate: '1990-01-01', heirs: family },
    coverage: { coveredOnIncident: true },
    ...overrides,
  };
}
const codes = (f: ClaimFacts) => assessEligibility(f).reasons.map((r) => r.code);

describe('eligibility: covered on the incident date (docs/rules.md, firm)', () => {
  it('accepts a covered death claimed by the spouse', () => {
    expect(assessEligibility(facts())).toEqual({ eligible: true, reasons: [] });
  });

  it('refuses an incident after the coverage lapsed, saying when', () => {
    const result = assessEligibility(
      facts({ coverage: { coveredOnIncident: false, lapse: { lapsedOn: '2026-06-01', reason: 'UNPAID_MONTHS' } } }),
    );
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([{ code: 'COVERAGE_LAPSED', message: expect.stringContaining('lapsed on 2026-06-01') }]);
  });

  it('refuses an incident in an unpaid period with no lapse', () => {
    expect(codes(facts({ coverage: { coveredOnIncident: false } }))).toEqual(['NOT_COVERED']);
    // a lapse after the incident is not the reason
    expect(codes(facts({ coverage: { coveredOnIncident: false, lapse: { lapsedOn: '2026-08-01', reason: 'UNPAID_MONTHS' } } }))).toEqual([
      'NOT_COVERED',
    ]);
  });

  it('does not ask JHT for coverage on the day (the balance is the member’s savings)', () => {
    expect(codes(facts({ type: 'JHT', kind: 'DEATH', coverage: { coveredOnIncident: false }, jhtContributions: 100_000 }))).toEqual([]);
  });
});

describe('eligibility: deadlines (JKK 5 years, JKM none)', () => {
  const jkk = (incidentDate: string, submittedOn: string) =>
    facts({ type: 'JKK', kind: 'MEDICAL', incidentDate, submittedOn, claimant: { relationship: 'SELF', nikHash: WORKER } });

  it('accepts a JKK claim on the fifth anniversary of the accident and refuses it the day after', () => {
    expect(codes(jkk('2021-03-10', '2026-03-10'))).toEqual([]);
    expect(codes(jkk('2021-03-10', '2026-03-11'))).toEqual(['DEADLINE_PASSED']);
  });

  it('has no deadline for JKM', () => {
    expect(codes(facts({ incidentDate: '2020-01-10', submittedOn: '2026-07-20' }))).toEqual([]);
  });

  it('counts 5 years from 29 February to 28 February', () => {
    expect(addYears('2024-02-29', 5)).toBe('2029-02-28');
    expect(addYears('2021-03-10', 5)).toBe('2026-03-10');
  });
});

describe('eligibility: heirs in tiers (the first tier that exists receives)', () => {
  it('pays tier 1 (spouse and children) before parents, and parents before siblings', () => {
    expect(codes(facts({ claimant: { relationship: 'CHILD', nikHash: CHILD } }))).toEqual([]);
    expect(codes(facts({ claimant: { relationship: 'PARENT', nikHash: PARENT } }))).toEqual(['HEIR_NOT_FIRST_TIER']);
    const noTier1 = family.filter((h) => h.relationship !== 'SPOUSE' && h.relationship !== 'CHILD');
    const worker = { nikHash: WORKER, birthDate: '1990-01-01', heirs: noTier1 };
    expect(codes(facts({ worker, claimant: { relationship: 'PARENT', nikHash: PARENT } }))).toEqual([]);
    expect(codes(facts({ worker, claimant: { relationship: 'SIBLING', nikHash: SIBLING } }))).toEqual(['HEIR_NOT_FIRST_TIER']);
  });

  it('refuses a claimant who is not an heir, a wrong relationship, SELF for a death, and a worker with no heirs', () => {
    expect(codes(facts({ claimant: { relationship: 'SPOUSE', nikHash: 'x'.repeat(64) } }))).toEqual(['CLAIMANT_NOT_HEIR']);
    expect(codes(facts({ claimant: { relationship: 'CHILD', nikHash: SPOUSE } }))).toEqual(['CLAIMANT_RELATIONSHIP_MISMATCH']);
    expect(codes(facts({ claimant: { relationship: 'SELF', nikHash: WORKER } }))).toEqual(['CLAIMANT_MUST_BE_HEIR']);
    expect(codes(facts({ worker: { nikHash: WORKER, birthDate: '1990-01-01', heirs: [] } }))).toEqual(['NO_HEIRS_ON_RECORD']);
  });

  it('knows the entitled tier', () => {
    expect(entitledTier(family)).toBe(1);
    expect(
      entitledTier([
        { relationship: 'WILL_BENEFICIARY', nikHash: 'a' },
        { relationship: 'PARENT_IN_LAW', nikHash: 'b' },
      ]),
    ).toBe(4);
    expect(entitledTier([])).toBeUndefined();
    expect(checkHeir([{ relationship: 'WILL_BENEFICIARY', nikHash: 'a' }], { relationship: 'WILL_BENEFICIARY', nikHash: 'a' })).toEqual({
      ok: true,
      tier: 5,
    });
  });
});

describe('eligibility: the worker claims their own JKK and JHT', () => {
  const own = { type: 'JKK' as const, kind: 'TEMPORARY_INCAPACITY' as const };
  it('accepts the worker, refuses someone else', () => {
    expect(codes(facts({ ...own, claimant: { relationship: 'SELF', nikHash: WORKER } }))).toEqual([]);
    expect(codes(facts({ ...own, claimant: { relationship: 'SELF', nikHash: SPOUSE } }))).toEqual(['CLAIMANT_NOT_WORKER']);
    expect(codes(facts({ ...own, claimant: { relationship: 'SPOUSE', nikHash: SPOUSE } }))).toEqual(['CLAIMANT_MUST_BE_WORKER']);
  });

  it('pays JHT savings from 56 or on leaving Indonesia, and only with a balance', () => {
    const jht = (birthDate: string, extra: Partial<ClaimFacts> = {}) =>
      facts({
        type: 'JHT',
        kind: 'SAVINGS',
        claimant: { relationship: 'SELF', nikHash: WORKER },
        worker: { nikHash: WORKER, birthDate, heirs: [] },
        jhtContributions: 240_000,
        ...extra,
      });
    expect(codes(jht('1970-07-10'))).toEqual([]); // 56 on 2026-07-10
    expect(codes(jht('1970-07-11'))).toEqual(['JHT_NOT_YET_PAYABLE']); // 55 on 2026-07-10
    expect(codes(jht('1990-01-01', { leavingIndonesia: true }))).toEqual([]);
    expect(codes(jht('1970-01-01', { jhtContributions: 0 }))).toEqual(['NO_JHT_BALANCE']);
  });
});

describe('eligibility: every reason at once', () => {
  it('names each failed rule', () => {
    const result = assessEligibility(
      facts({
        type: 'JKK',
        kind: 'MEDICAL',
        incidentDate: '2026-08-01',
        submittedOn: '2026-07-20',
        worker: undefined,
        coverage: { coveredOnIncident: false },
      }),
    );
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((r) => r.code)).toEqual(['INCIDENT_IN_FUTURE', 'WORKER_UNKNOWN', 'NOT_COVERED']);
  });
});

describe('completed months of membership', () => {
  it('counts whole months', () => {
    expect(completedMonthsBetween('2026-01-15', '2026-03-14')).toBe(1);
    expect(completedMonthsBetween('2026-01-15', '2026-03-15')).toBe(2);
    expect(completedMonthsBetween('2023-07-01', '2026-07-01')).toBe(36);
    expect(completedMonthsBetween('2026-07-01', '2026-06-01')).toBe(0);
  });
});

describe('eligibility: no heir, whoever arranged the burial (docs/rules.md, "no heir")', () => {
  const arranger = { relationship: 'BURIAL_ARRANGER', nikHash: 'x'.repeat(64) };
  const noHeirs = { nikHash: WORKER, birthDate: '1990-01-01', heirs: [] };

  it('waits while no heir is on record and the wait for enrollment is not over', () => {
    expect(codes(facts({ claimant: arranger, worker: noHeirs }))).toEqual(['NO_HEIRS_ON_RECORD']);
  });

  it('accepts them once the wait is over and still no heir is on record', () => {
    expect(assessEligibility(facts({ claimant: arranger, worker: noHeirs, factsWaitOver: true }))).toEqual({ eligible: true, reasons: [] });
    expect(codes(facts({ type: 'JKK', claimant: arranger, worker: noHeirs, factsWaitOver: true }))).toEqual([]);
  });

  it('refuses them when heirs are on record (the heirs receive), and for a JHT balance (the estate office receives)', () => {
    expect(codes(facts({ claimant: arranger, factsWaitOver: true }))).toEqual(['HEIRS_ON_RECORD']);
    expect(codes(facts({ type: 'JHT', claimant: arranger, worker: noHeirs, factsWaitOver: true, jhtContributions: 100 }))).toEqual([
      'BURIAL_ARRANGER_NOT_FOR_JHT',
    ]);
  });

  it('still refuses an heir claimant with no heir on record after the wait', () => {
    expect(codes(facts({ worker: noHeirs, factsWaitOver: true }))).toEqual(['NO_HEIRS_ON_RECORD']);
  });
});
