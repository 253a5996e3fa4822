import { heirListProblems } from './heir-rules';

const worker = { nik: '5371012507900001', birthDate: '1990-07-25' };
const TODAY = '2026-08-01';

describe('a list of heirs against the worker (docs/rules.md, heirs)', () => {
  it('accepts a spouse, a child born after the worker and a parent born before', () => {
    expect(
      heirListProblems(
        [
          { nik: '5371015506950002', relationship: 'SPOUSE', birthDate: '1995-06-15' },
          { nik: '5371011003200003', relationship: 'CHILD', birthDate: '2020-03-10' },
          { nik: '5371010101600004', relationship: 'PARENT', birthDate: '1960-01-01' },
        ],
        worker,
        TODAY,
      ),
    ).toEqual([]);
  });

  it("refuses the worker's own NIK and a NIK listed twice, naming the heir", () => {
    expect(
      heirListProblems(
        [
          { nik: worker.nik, relationship: 'SIBLING', birthDate: '1992-01-01' },
          { nik: '5371015506950002', relationship: 'SPOUSE', birthDate: '1995-06-15' },
          { nik: '5371015506950002', relationship: 'SPOUSE', birthDate: '1995-06-15' },
        ],
        worker,
        TODAY,
      ),
    ).toEqual([
      { field: 'heirs.0.nik', reason: "nik is the worker's own NIK: a worker cannot be their own heir" },
      { field: 'heirs.2.nik', reason: 'nik is listed twice (also heir 1)' },
    ]);
  });

  it('refuses a birth date in the future, a child older than the worker and a parent younger', () => {
    expect(
      heirListProblems(
        [
          { nik: '5371010101270002', relationship: 'CHILD', birthDate: '2027-01-01' },
          { nik: '5371010101850003', relationship: 'CHILD', birthDate: '1985-01-01' },
          { nik: '5371010101000004', relationship: 'PARENT', birthDate: '2000-01-01' },
        ],
        worker,
        TODAY,
        'body.heirs',
      ),
    ).toEqual([
      { field: 'body.heirs.0.birthDate', reason: 'birthDate is in the future' },
      { field: 'body.heirs.1.birthDate', reason: 'a child must be born after the worker' },
      { field: 'body.heirs.2.birthDate', reason: 'a parent must be born before the worker' },
    ]);
  });

  it("compares no generations when the worker's own birth date is invalid, and skips entries that are no objects", () => {
    const heirs = [{ nik: '5371010101850003', relationship: 'CHILD', birthDate: '1985-01-01' }, null as never];
    expect(heirListProblems(heirs, { nik: worker.nik }, TODAY)).toEqual([]);
  });
});
