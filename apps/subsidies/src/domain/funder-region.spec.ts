import { UseCaseError } from '@jaring/domain';
import { funderRegion } from './funder-region';

function refusal(type: string, regionCode: string | undefined): UseCaseError {
  try {
    funderRegion(type, regionCode);
  } catch (error) {
    if (UseCaseError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe("a funder's region", () => {
  it('is the province of an APBD_PROVINCE funder and the regency of an APBD_REGENCY one', () => {
    expect(funderRegion('APBD_PROVINCE', '53')).toBe('53');
    expect(funderRegion('APBD_REGENCY', '5371')).toBe('5371');
  });

  it('is none for the national budget and companies', () => {
    expect(funderRegion('APBN', undefined)).toBeNull();
    expect(funderRegion('CSR', undefined)).toBeNull();
  });

  it('may not be given for APBN or CSR', () => {
    const error = refusal('CSR', '53');
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe('only APBD funders have a region');
    expect(error.details.errors).toEqual([{ field: 'regionCode', reason: 'must be absent for CSR' }]);
  });

  it('must be given with the right number of digits, and not a placeholder', () => {
    for (const [type, code] of [
      ['APBD_PROVINCE', undefined],
      ['APBD_PROVINCE', '5371'],
      ['APBD_REGENCY', '53'],
      ['APBD_REGENCY', '0071'],
      ['APBD_REGENCY', '5300'],
    ] as const) {
      const error = refusal(type, code);
      expect(error.kind).toBe('invalid');
      expect(error.message).toBe('an APBD funder needs its region');
      expect(error.details.errors?.[0].field).toBe('regionCode');
    }
    expect(refusal('APBD_REGENCY', '53').details.errors).toEqual([
      { field: 'regionCode', reason: 'APBD_REGENCY needs the 4-digit Kemendagri code of its regency or city' },
    ]);
  });
});
