import { isIsoDate, UseCaseError } from '@jaring/domain';

/** A programme grants from `startsOn` to `endsOn` inclusive: two calendar dates, the end not before the start. */
export function checkProgrammeDates(startsOn: string, endsOn: string): void {
  const errors = [
    ...(isIsoDate(startsOn) ? [] : [{ field: 'startsOn', reason: 'not a calendar date' }]),
    ...(isIsoDate(endsOn) ? [] : [{ field: 'endsOn', reason: 'not a calendar date' }]),
  ];
  if (!errors.length && endsOn < startsOn) errors.push({ field: 'endsOn', reason: 'must not be before startsOn' });
  if (errors.length) throw UseCaseError.invalid('invalid programme dates', { errors });
}

/**
 * A regional budget pays only for its own region: an APBD programme's regions default to the funder's and
 * must lie inside it. APBN and CSR programmes may name any regions, or none (everywhere).
 */
export function regionsWithinFunder(regions: string[] | undefined, funderRegion: string | null): string[] | null {
  if (!funderRegion) return regions ? [...new Set(regions)] : null;
  if (!regions) return [funderRegion];
  // A province funder may narrow to its regencies; a regency funder cannot widen to its province.
  const outside = regions.filter((region) => !(region.length >= funderRegion.length && region.startsWith(funderRegion)));
  if (outside.length) {
    throw UseCaseError.invalid('a regional budget pays only for its own region', {
      errors: [{ field: 'eligibility.regions', reason: `${outside.join(', ')} outside the funder's region ${funderRegion}` }],
    });
  }
  return [...new Set(regions)];
}
