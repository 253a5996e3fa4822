import { UseCaseError } from '@jaring/domain';
import { checkProgrammeDates, regionsWithinFunder } from './programme-rules';

function refusal(run: () => unknown): UseCaseError {
  try {
    run();
  } catch (error) {
    if (UseCaseError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe("a programme's dates", () => {
  it('may start and end on the same day', () => {
    expect(() => checkProgrammeDates('2026-07-01', '2026-07-01')).not.toThrow();
  });

  it('must be calendar dates', () => {
    const error = refusal(() => checkProgrammeDates('2026-02-30', '2026-13-01'));
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe('invalid programme dates');
    expect(error.details.errors).toEqual([
      { field: 'startsOn', reason: 'not a calendar date' },
      { field: 'endsOn', reason: 'not a calendar date' },
    ]);
  });

  it('may not end before they start', () => {
    expect(refusal(() => checkProgrammeDates('2026-07-01', '2026-06-30')).details.errors).toEqual([
      { field: 'endsOn', reason: 'must not be before startsOn' },
    ]);
  });
});

describe("an APBD programme's regions", () => {
  it("default to the funder's region", () => {
    expect(regionsWithinFunder(undefined, '53')).toEqual(['53']);
  });

  it("may narrow a province funder's to its regencies, once each", () => {
    expect(regionsWithinFunder(['5371', '5301', '5371'], '53')).toEqual(['5371', '5301']);
  });

  it("may not reach outside the funder's region, nor widen a regency to its province", () => {
    const error = refusal(() => regionsWithinFunder(['53', '5171'], '5371'));
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe('a regional budget pays only for its own region');
    expect(error.details.errors).toEqual([{ field: 'eligibility.regions', reason: "53, 5171 outside the funder's region 5371" }]);
  });

  it('are free for APBN and CSR programmes: any regions, or everywhere', () => {
    expect(regionsWithinFunder(undefined, null)).toBeNull();
    expect(regionsWithinFunder(['11', '5371', '11'], null)).toEqual(['11', '5371']);
  });
});
