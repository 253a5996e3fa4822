import { UseCaseError } from '@jaring/domain';

/**
 * The region a funder is bound to: an APBD funder to its province (APBD_PROVINCE, 2 digits) or regency
 * (APBD_REGENCY, 4 digits); the national budget and companies are not bound to one.
 */
export function funderRegion(type: string, regionCode: string | undefined): string | null {
  const digits = type === 'APBD_PROVINCE' ? 2 : type === 'APBD_REGENCY' ? 4 : 0;
  if (digits === 0) {
    if (regionCode !== undefined)
      throw UseCaseError.invalid('only APBD funders have a region', {
        errors: [{ field: 'regionCode', reason: `must be absent for ${type}` }],
      });
    return null;
  }
  if (regionCode?.length !== digits || regionCode.startsWith('00') || regionCode.endsWith('00')) {
    throw UseCaseError.invalid('an APBD funder needs its region', {
      errors: [
        {
          field: 'regionCode',
          reason: `${type} needs the ${digits}-digit Kemendagri code of its ${digits === 2 ? 'province' : 'regency or city'}`,
        },
      ],
    });
  }
  return regionCode;
}
