import { describeProblem, isProblem } from '../../apps/console/src/data/problem';

// An error shows the server's problem in words, never a status code alone (issue 16).
describe("the console's words for a problem document", () => {
  it('joins the title and the detail, keeping the detail alone when it repeats the title', () => {
    expect(describeProblem({ title: 'Invalid request', status: 400, detail: 'invalid fields: nik' }, 'fallback')).toBe(
      'Invalid request: invalid fields: nik.',
    );
    expect(describeProblem({ title: 'Not Found', status: 404, detail: 'Worker not found' }, 'fallback')).toBe('Worker not found.');
  });

  it("adds each field's reason, without naming the field twice", () => {
    expect(
      describeProblem(
        {
          title: 'Invalid request',
          detail: 'invalid fields: declaredMonthlyIncome, kind',
          errors: [
            { field: 'declaredMonthlyIncome', reason: 'declaredMonthlyIncome must not be less than 0' },
            { field: 'kind', reason: 'must be one of DEATH, MEDICAL for JKK' },
          ],
        },
        'fallback',
      ),
    ).toBe(
      'Invalid request: invalid fields: declaredMonthlyIncome, kind; declaredMonthlyIncome must not be less than 0; kind: must be one of DEATH, MEDICAL for JKK.',
    );
  });

  it('falls back to its own words when the problem says nothing', () => {
    expect(describeProblem({ status: 500 }, 'jaring.errors.service')).toBe('jaring.errors.service');
    expect(isProblem({ status: 500 })).toBe(false);
    expect(isProblem('<html>')).toBe(false);
    expect(isProblem({ title: 'Forbidden' })).toBe(true);
  });
});
