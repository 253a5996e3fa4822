import { mayFollowImport, regionNotServed, regionNotServedReason, searchRegions, servesRegion } from './region-access';

const kotaKupang = ['5371'];
const backOffice = undefined;

describe('an agent sees the workers of its own regions only', () => {
  it('serves its regions; the back office serves every region', () => {
    expect(servesRegion(kotaKupang, '5371')).toBe(true);
    expect(servesRegion(kotaKupang, '5303')).toBe(false);
    expect(servesRegion(['5371', '5303'], '5303')).toBe(true);
    expect(servesRegion([], '5371')).toBe(false);
    expect(servesRegion(backOffice, '5303')).toBe(true);
  });

  it('may not register a worker of another region; a missing or malformed region is for the field rules', () => {
    expect(regionNotServed(kotaKupang, '5303')).toBe(true);
    expect(regionNotServed(kotaKupang, '53x1')).toBe(true);
    expect(regionNotServed([], '5371')).toBe(true);
    expect(regionNotServed(kotaKupang, '5371')).toBe(false);
    expect(regionNotServed(kotaKupang, undefined)).toBe(false);
    expect(regionNotServed(kotaKupang, 5303)).toBe(false);
    expect(regionNotServed(backOffice, '5303')).toBe(false);
  });

  it('says which regions the caller serves, never the value it sent', () => {
    expect(regionNotServedReason(['5371', '5303'])).toBe('regionCode must be a region you serve: 5371, 5303');
    expect(regionNotServedReason([])).toMatch(/names none/);
  });

  it('searches within its regions: a filter outside them matches nothing', () => {
    expect(searchRegions(kotaKupang)).toEqual(['5371']);
    expect(searchRegions(kotaKupang, '5371')).toEqual(['5371']);
    expect(searchRegions(kotaKupang, '5303')).toEqual([]);
    expect(searchRegions(['5371', '5303'], '5303')).toEqual(['5303']);
    expect(searchRegions([], undefined)).toEqual([]);
    expect(searchRegions(backOffice)).toBeUndefined();
    expect(searchRegions(backOffice, '5303')).toEqual(['5303']);
  });
});

describe('following an import', () => {
  const agent = { subject: 'agent-5371', clientId: 'agent-5371' };

  it('is for the back office, or for whoever started it through the same client', () => {
    expect(mayFollowImport(backOffice, { subject: 'auditor', clientId: 'auditor' }, agent)).toBe(true);
    expect(mayFollowImport(backOffice, { subject: 'auditor', clientId: 'auditor' }, undefined)).toBe(true);
    expect(mayFollowImport(kotaKupang, agent, agent)).toBe(true);
    expect(mayFollowImport(kotaKupang, agent, { subject: 'agent-5303', clientId: 'agent-5303' })).toBe(false);
    expect(mayFollowImport(kotaKupang, agent, { subject: 'agent-5371', clientId: 'jaring-console' })).toBe(false);
    expect(mayFollowImport(kotaKupang, agent, undefined)).toBe(false);
  });
});
