import { idempotencyScopeOf, regionsVisibleTo, type Caller } from './caller';

const caller = (overrides: Partial<Caller>): Caller => ({ subject: 's', clientId: 'c', roles: [], regions: [], ...overrides });

describe('a caller', () => {
  it('keeps Idempotency-Keys per client: a machine is its own client, people keep their own keys within the console', () => {
    expect(idempotencyScopeOf(caller({ subject: 'channel-bank-ntt', clientId: 'channel-bank-ntt' }))).toBe('client:channel-bank-ntt');
    expect(idempotencyScopeOf(caller({ subject: 'verifier', clientId: 'jaring-console' }))).toBe('client:jaring-console/verifier');
    expect(idempotencyScopeOf(caller({ subject: 'approver', clientId: 'jaring-console' }))).toBe('client:jaring-console/approver');
    // a funder's keys, whichever one is used
    expect(idempotencyScopeOf(caller({ subject: 'api-key:k2', clientId: 'funder:f1', funderId: 'f1' }))).toBe('client:funder:f1');
    // a funder's staff are people in the console: keys of their own, not their funder's nor the console's
    expect(idempotencyScopeOf(caller({ subject: 'funder.ntt', clientId: 'jaring-console', funderId: 'f1' }))).toBe(
      'client:jaring-console/funder.ntt',
    );
  });

  it("sees an agent's own regions only, and every region with any other role", () => {
    expect(regionsVisibleTo(caller({ roles: ['agent'], regions: ['5371'] }))).toEqual(['5371']);
    expect(regionsVisibleTo(caller({ roles: ['agent'] }))).toEqual([]);
    expect(regionsVisibleTo(caller({ roles: ['agent', 'enrollment-officer'], regions: ['5371'] }))).toBeUndefined();
    expect(regionsVisibleTo(caller({ roles: ['auditor'] }))).toBeUndefined();
    // the funder role means something in subsidies only: it widens nothing
    expect(regionsVisibleTo(caller({ roles: ['agent', 'funder'], regions: ['5371'] }))).toEqual(['5371']);
  });
});
