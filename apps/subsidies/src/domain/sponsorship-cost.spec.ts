import { sponsorshipCost, type SponsorshipCostInput } from './sponsorship-cost';

/** Expected figures from docs/rules.md: JKK 1% of the bracket's nominal value, JKM Rp6,800, JHT 2%; PP 50/2025. */
const base: SponsorshipCostInput = {
  declaredMonthlyIncome: 1_000_000,
  occupation: 'WEAVER',
  workerPrograms: ['JKK', 'JKM'],
  programmePrograms: ['JKK', 'JKM'],
  funderType: 'APBD_REGENCY',
  firstPeriod: '2026-07',
  months: 3,
};

describe('what a sponsorship costs', () => {
  it('charges a regency the full Rp16,800 a month, discount or not (APBD is excluded from PP 50/2025)', () => {
    const cost = sponsorshipCost(base);
    expect(cost.months).toEqual([
      { period: '2026-07', amount: 16_800 },
      { period: '2026-08', amount: 16_800 },
      { period: '2026-09', amount: 16_800 },
    ]);
    expect(cost.total).toBe(50_400);
    expect(cost.programs).toEqual(['JKK', 'JKM']);
  });

  it('gives a CSR sponsor the discount only for the months inside the window', () => {
    const cost = sponsorshipCost({ ...base, funderType: 'CSR', firstPeriod: '2026-11' });
    expect(cost.months.map((m) => m.amount)).toEqual([8_400, 8_400, 16_800]);
    expect(cost.total).toBe(33_600);
  });

  it("uses the transport workers' longer window (to 2027-03)", () => {
    const cost = sponsorshipCost({ ...base, funderType: 'CSR', occupation: 'OJEK_DRIVER', firstPeriod: '2027-02', months: 4 });
    expect(cost.months.map((m) => m.amount)).toEqual([8_400, 8_400, 16_800, 16_800]);
  });

  it('leaves JHT to the worker when the programme pays JKK and JKM only', () => {
    const cost = sponsorshipCost({ ...base, workerPrograms: ['JKK', 'JKM', 'JHT'], months: 1 });
    expect(cost.programs).toEqual(['JKK', 'JKM']);
    expect(cost.total).toBe(16_800);
  });

  it('pays JHT when the programme does and the worker has it, on the bracket nominal', () => {
    const cost = sponsorshipCost({
      ...base,
      funderType: 'APBN',
      declaredMonthlyIncome: 2_050_000, // bracket 1,900,000-2,099,999 → nominal 2,000,000
      workerPrograms: ['JKK', 'JKM', 'JHT'],
      programmePrograms: ['JKK', 'JKM', 'JHT'],
      months: 1,
    });
    expect(cost.total).toBe(20_000 + 6_800 + 40_000);
  });

  it('never pays JHT for a worker who did not choose it', () => {
    const cost = sponsorshipCost({ ...base, programmePrograms: ['JKK', 'JKM', 'JHT'], months: 1 });
    expect(cost.programs).toEqual(['JKK', 'JKM']);
  });
});
