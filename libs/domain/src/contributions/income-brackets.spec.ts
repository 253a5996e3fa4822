import { errorCode } from '../../test/error-code';
import { Period } from '../period';
import { bracketTableFor, expandBracketTable, incomeBracketOf } from './income-brackets';

const period = Period.parse('2026-01');
const nominal = (income: number) => incomeBracketOf(income, period).nominal;

describe('income brackets (PP 44/2015 Lampiran II, docs/rules.md)', () => {
  it.each([
    [0, 1_000_000],
    [500_000, 1_000_000],
    [1_099_999, 1_000_000],
    [1_100_000, 1_200_000],
    [1_299_999, 1_200_000],
    [1_300_000, 1_400_000],
    [1_500_000, 1_600_000],
    [1_700_000, 1_800_000],
    [1_900_000, 2_000_000],
    [2_000_000, 2_000_000],
    [2_100_000, 2_200_000],
    [2_300_000, 2_400_000],
    [2_500_000, 2_600_000],
    [2_699_999, 2_600_000],
    [2_700_000, 2_950_000],
    [3_199_999, 2_950_000],
    [3_200_000, 3_450_000],
    [3_699_999, 3_450_000],
    [3_700_000, 3_950_000],
    [7_700_000, 7_950_000],
    [8_199_999, 7_950_000],
    [8_200_000, 8_700_000],
    [9_199_999, 8_700_000],
    [9_200_000, 9_700_000],
    [17_200_000, 17_700_000],
    [18_199_999, 17_700_000],
    [18_200_000, 18_700_000],
    [19_199_999, 18_700_000],
    [19_200_000, 19_700_000],
    [20_199_999, 19_700_000],
    [20_200_000, 20_700_000],
    [1_000_000_000, 20_700_000],
  ])('declared %i → nominal %i', (income, expected) => {
    expect(nominal(income)).toBe(expected);
  });

  it('expands to one contiguous table: 10 explicit rows, 10 steps of 500,000, 10 steps of 1,000,000, 3 top rows', () => {
    const { brackets } = bracketTableFor(period);
    expect(brackets).toHaveLength(33);
    expect(brackets[0]).toEqual({ from: 0, to: 1_099_999, nominal: 1_000_000 });
    expect(brackets.at(-1)).toEqual({ from: 20_200_000, to: null, nominal: 20_700_000 });
    // Every nominal value is a multiple of Rp50,000, so 1% and 2% (and half of 1%) are whole rupiah.
    expect(brackets.every((b) => b.nominal % 50_000 === 0)).toBe(true);
  });

  it('refuses a table with a gap or a ragged step', () => {
    const gap = {
      effectiveFrom: '2030-01',
      source: 'test',
      rows: [
        { from: 0, to: 999, nominal: 1 },
        { from: 1_001, to: null, nominal: 2 },
      ],
    };
    expect(errorCode(() => expandBracketTable(gap))).toBe('BRACKET_TABLE_INVALID');
    const ragged = {
      effectiveFrom: '2030-01',
      source: 'test',
      rows: [
        { from: 0, to: 1_499, step: 1_000, nominalOffset: 0 },
        { from: 1_500, to: null, nominal: 2 },
      ],
    };
    expect(errorCode(() => expandBracketTable(ragged))).toBe('BRACKET_TABLE_INVALID');
  });

  it('refuses a negative or fractional income', () => {
    expect(errorCode(() => nominal(-1))).toBe('INCOME_INVALID');
    expect(errorCode(() => nominal(1_000_000.5))).toBe('INCOME_INVALID');
  });
});
