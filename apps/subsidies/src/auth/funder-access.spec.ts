import { UseCaseError } from '@jaring/domain';
import type { Caller, Role } from '@jaring/platform';
import { funderCaller } from './funder-api-keys';
import { assertActsFor, funderFilterOf } from './funder-access';

const MINE = '11111111-1111-4111-8111-111111111111';
const THEIRS = '22222222-2222-4222-8222-222222222222';
const person = (...roles: Role[]): Caller => ({ subject: 'someone', clientId: 'jaring-console', roles, regions: [] });

function refusal(act: () => unknown): UseCaseError | undefined {
  try {
    act();
    return undefined;
  } catch (error) {
    return error as UseCaseError;
  }
}

describe('who acts for which funder', () => {
  const key = funderCaller('33333333-3333-4333-8333-333333333333', MINE);

  it("describes a funder's key as a caller of its own: the key the subject, the funder the client", () => {
    expect(key).toEqual({
      subject: 'api-key:33333333-3333-4333-8333-333333333333',
      clientId: `funder:${MINE}`,
      roles: ['funder'],
      regions: [],
      funderId: MINE,
    });
  });

  it("keeps a funder's key to its own funder: another's is a 403 other-funder", () => {
    expect(() => assertActsFor(key, MINE)).not.toThrow();
    const refused = refusal(() => assertActsFor(key, THEIRS));
    expect(refused).toBeInstanceOf(UseCaseError);
    expect(refused).toMatchObject({ kind: 'forbidden', details: { type: 'other-funder' } });
  });

  it('lets programme officers and auditors act for every funder, and nobody else', () => {
    for (const caller of [person('programme-officer'), person('auditor')]) expect(() => assertActsFor(caller, THEIRS)).not.toThrow();
    // a token that claims the funder role is no funder's key
    for (const caller of [person('funder'), person('operator'), person('verifier')]) {
      expect(refusal(() => assertActsFor(caller, MINE))).toMatchObject({ kind: 'forbidden', details: { type: 'other-funder' } });
    }
  });

  it("narrows listings to a funder's own, lets the back office see every funder or one", () => {
    expect(funderFilterOf(key, undefined)).toBe(MINE);
    expect(funderFilterOf(key, MINE)).toBe(MINE);
    expect(refusal(() => funderFilterOf(key, THEIRS))).toMatchObject({ kind: 'forbidden' });
    expect(funderFilterOf(person('auditor'), undefined)).toBeUndefined();
    expect(funderFilterOf(person('programme-officer'), THEIRS)).toBe(THEIRS);
    expect(refusal(() => funderFilterOf(person('funder'), undefined))).toMatchObject({ kind: 'forbidden' });
  });
});
