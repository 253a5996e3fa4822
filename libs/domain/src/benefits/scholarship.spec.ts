import { benefitRulesOn } from './benefit-rules';
import { calculateBenefit } from './calculate-benefit';
import { assessScholarship, schoolYearOf, schoolYearStart, type ScholarshipRequest } from './scholarship';

const child = { id: 'child-1', relationship: 'CHILD', birthDate: '2015-03-01' };
const request = (overrides: Partial<ScholarshipRequest> = {}): ScholarshipRequest => ({
  entitled: true,
  incidentDate: '2026-07-10',
  today: '2026-07-20',
  child,
  level: 'PRIMARY',
  schoolYear: 2026,
  claimed: [],
  ...overrides,
});
const refusal = (r: ScholarshipRequest) => {
  const result = assessScholarship(r);
  return result.ok ? undefined : [result.refusal.code, result.refusal.field];
};
const years = (childId: string, level: ScholarshipRequest['level'], from: number, count: number, amount: number) =>
  Array.from({ length: count }, (_, i) => ({ childId, level, schoolYear: from + i, amount }));

describe('scholarships (beasiswa), per child and school year', () => {
  it('starts the school year on 1 July', () => {
    expect(schoolYearStart(2026)).toBe('2026-07-01');
    expect(schoolYearOf('2026-06-30')).toBe(2025);
    expect(schoolYearOf('2026-07-01')).toBe(2026);
  });

  it('pays each level its amount for a year', () => {
    const amounts = (['KINDERGARTEN', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'HIGHER_EDUCATION'] as const).map((level) => {
      const result = assessScholarship(request({ level }));
      return result.ok ? result.amount : undefined;
    });
    expect(amounts).toEqual([1_500_000, 1_500_000, 2_000_000, 3_000_000, 12_000_000]);
    expect(assessScholarship(request())).toMatchObject({ ok: true, component: { code: 'SCHOLARSHIP_PRIMARY', amount: 1_500_000 } });
  });

  it('agrees with the entitlement an estimate and a death claim show', () => {
    const entitlement = calculateBenefit({ type: 'JKK', kind: 'DEATH', on: '2026-07-10', incomeNominal: 1_000_000 }).scholarship!;
    expect(entitlement.levels).toEqual(benefitRulesOn('2026-07-01').scholarship.levels);
    expect(entitlement.childAgeBelow).toBe(23);
    for (const { level, perYear } of entitlement.levels) {
      expect(assessScholarship(request({ level: level as ScholarshipRequest['level'] }))).toMatchObject({ ok: true, amount: perYear });
    }
  });

  it('refuses without the right, and a school year before the incident or not started yet', () => {
    expect(refusal(request({ entitled: false }))).toEqual(['NO_SCHOLARSHIP_RIGHT', 'deathClaimId']);
    expect(refusal(request({ schoolYear: 2025 }))).toEqual(['SCHOOL_YEAR_BEFORE_INCIDENT', 'schoolYear']);
    expect(refusal(request({ schoolYear: 2027 }))).toEqual(['SCHOOL_YEAR_NOT_STARTED', 'schoolYear']);
    // the school year in progress at a death in May is claimed
    expect(refusal(request({ incidentDate: '2026-05-10', schoolYear: 2025 }))).toBeUndefined();
  });

  it('refuses a child who is not an heir of record as CHILD, and one 23 or older when the school year starts', () => {
    expect(refusal(request({ child: undefined }))).toEqual(['CHILD_NOT_HEIR', 'child.nik']);
    expect(refusal(request({ child: { ...child, relationship: 'GRANDCHILD' } }))).toEqual(['CHILD_NOT_HEIR', 'child.nik']);
    expect(refusal(request({ child: { ...child, birthDate: '2003-07-01' } }))).toEqual(['CHILD_TOO_OLD', 'child.nik']);
    expect(refusal(request({ child: { ...child, birthDate: '2003-07-02' }, level: 'HIGHER_EDUCATION' }))).toBeUndefined();
  });

  it('refuses a third child', () => {
    const claimed = [...years('a', 'PRIMARY', 2026, 1, 1_500_000), ...years('b', 'JUNIOR_SECONDARY', 2026, 1, 2_000_000)];
    expect(refusal(request({ claimed }))).toEqual(['SCHOLARSHIP_CHILDREN_LIMIT', 'child.nik']);
    expect(refusal(request({ claimed, child: { ...child, id: 'a' }, schoolYear: 2026 }))).toEqual([
      'SCHOOL_YEAR_ALREADY_CLAIMED',
      'schoolYear',
    ]);
  });

  it("refuses a year claimed twice for a child, and a level's years exhausted", () => {
    expect(refusal(request({ claimed: years('child-1', 'PRIMARY', 2026, 1, 1_500_000) }))).toEqual([
      'SCHOOL_YEAR_ALREADY_CLAIMED',
      'schoolYear',
    ]);
    const today = '2040-08-01';
    const sixPrimary = years('child-1', 'PRIMARY', 2026, 6, 1_500_000);
    expect(refusal(request({ today, schoolYear: 2032, claimed: sixPrimary }))).toEqual(['SCHOOL_LEVEL_YEARS_EXHAUSTED', 'level']);
    expect(refusal(request({ today, schoolYear: 2032, level: 'JUNIOR_SECONDARY', claimed: sixPrimary }))).toBeUndefined();
  });

  it('refuses beyond the per-child maximum (Rp87,000,000)', () => {
    // a rule set whose years would allow more than its maximum: the maximum still holds
    const rules = benefitRulesOn('2026-07-01');
    const generous = {
      ...rules,
      scholarship: { ...rules.scholarship, levels: rules.scholarship.levels.map((l) => ({ ...l, years: l.years + 1 })) },
    };
    const everything = [
      ...years('child-1', 'KINDERGARTEN', 2000, 2, 1_500_000),
      ...years('child-1', 'PRIMARY', 2002, 6, 1_500_000),
      ...years('child-1', 'JUNIOR_SECONDARY', 2008, 3, 2_000_000),
      ...years('child-1', 'SENIOR_SECONDARY', 2011, 3, 3_000_000),
      ...years('child-1', 'HIGHER_EDUCATION', 2014, 5, 12_000_000),
    ];
    expect(everything.reduce((sum, c) => sum + c.amount, 0)).toBe(87_000_000);
    expect(
      assessScholarship(request({ incidentDate: '2000-07-10', level: 'PRIMARY', claimed: everything.slice(1) }), generous),
    ).toMatchObject({
      ok: true,
    });
    const result = assessScholarship(request({ incidentDate: '2000-07-10', level: 'PRIMARY', claimed: everything }), generous);
    expect(result.ok ? undefined : [result.refusal.code, result.refusal.field]).toEqual(['SCHOLARSHIP_CHILD_LIMIT', 'level']);
  });
});
