import { ineligibilityReasons, isOpenOn, regionWithin, type Eligibility } from './eligibility';

const anyone: Eligibility = { regions: null, occupations: null, incomeCeiling: null };
const weaver = { regionCode: '5371', occupation: 'WEAVER', declaredMonthlyIncome: 1_500_000 };

describe('programme eligibility', () => {
  it('takes everyone when nothing is set', () => {
    expect(ineligibilityReasons(anyone, weaver)).toEqual([]);
  });

  it('matches a regency exactly and a province by its first two digits', () => {
    expect(regionWithin('5371', '5371')).toBe(true); // Kota Kupang
    expect(regionWithin('5310', '5371')).toBe(false);
    expect(regionWithin('5310', '53')).toBe(true); // a regency of NTT
    expect(regionWithin('5171', '53')).toBe(false); // Denpasar is in Bali (51)
  });

  it('names every reason a worker is outside the programme', () => {
    const kupangTraders: Eligibility = { regions: ['5371'], occupations: ['MARKET_TRADER'], incomeCeiling: 1_000_000 };
    expect(ineligibilityReasons(kupangTraders, { regionCode: '5171', occupation: 'WEAVER', declaredMonthlyIncome: 1_000_001 })).toEqual([
      'OUTSIDE_REGION',
      'OCCUPATION_NOT_COVERED',
      'INCOME_ABOVE_CEILING',
    ]);
  });

  it('treats the income ceiling as inclusive', () => {
    const ceiling: Eligibility = { ...anyone, incomeCeiling: 2_500_000 };
    expect(ineligibilityReasons(ceiling, { ...weaver, declaredMonthlyIncome: 2_500_000 })).toEqual([]);
    expect(ineligibilityReasons(ceiling, { ...weaver, declaredMonthlyIncome: 2_500_001 })).toEqual(['INCOME_ABOVE_CEILING']);
  });

  it('is open from the first to the last day inclusive', () => {
    const window = { startsOn: '2026-07-01', endsOn: '2026-12-31' };
    expect(isOpenOn(window, '2026-06-30')).toBe(false);
    expect(isOpenOn(window, '2026-07-01')).toBe(true);
    expect(isOpenOn(window, '2026-12-31')).toBe(true);
    expect(isOpenOn(window, '2027-01-01')).toBe(false);
  });
});
