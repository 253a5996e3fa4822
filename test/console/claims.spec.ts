import { holderOf, mayDo, mayOpen } from '../../apps/console/src/auth/claims';

const tokenWith = (payload: object) =>
  ['{"alg":"RS256"}', JSON.stringify(payload), 'signature']
    .map((part, i) => (i < 2 ? Buffer.from(part).toString('base64url') : part))
    .join('.');

// The console shows the menus the token's roles allow; the services decide for themselves (docs/api.md).
describe("the console's reading of an access token", () => {
  it('reads the subject, the roles the platform knows and the regions, as the services read them', () => {
    const token = tokenWith({
      sub: 'agent.kupang',
      realm_access: { roles: ['agent', 'offline_access', 'uma_authorization'] },
      regions: ['5371'],
    });
    expect(holderOf(token)).toEqual({ subject: 'agent.kupang', roles: ['agent'], regions: ['5371'] });
  });

  it('reads names written in any script (the payload is UTF-8 in base64url)', () => {
    expect(holderOf(tokenWith({ sub: 'pétugas ✓', realm_access: { roles: ['auditor'] } })).subject).toBe('pétugas ✓');
  });

  it('holds no roles when the claims are missing or malformed', () => {
    expect(holderOf(tokenWith({ sub: 'x', realm_access: { roles: 'agent' }, regions: [5371] }))).toEqual({
      subject: 'x',
      roles: [],
      regions: [],
    });
    expect(() => holderOf('not-a-jwt')).toThrow('the access token is not a JWT');
  });

  it('opens the workers to the roles that may read them, and to nobody signed out', () => {
    for (const role of ['agent', 'enrollment-officer', 'verifier', 'approver', 'finance', 'auditor'] as const) {
      expect(mayOpen({ roles: [role] }, 'workers')).toBe(true);
    }
    for (const role of ['channel', 'operator', 'programme-officer'] as const) expect(mayOpen({ roles: [role] }, 'workers')).toBe(false);
    expect(mayOpen(undefined, 'workers')).toBe(false);
  });

  it("opens the programmes to the subsidies back office and to a funder's staff, and the workers not to the staff", () => {
    const staff = holderOf(tokenWith({ sub: 'funder.ntt', realm_access: { roles: ['funder'] }, funder: 'PEMPROV-NTT' }));
    expect(staff.roles).toEqual(['funder']);
    for (const holder of [{ roles: ['programme-officer' as const] }, { roles: ['auditor' as const] }, staff]) {
      expect(mayOpen(holder, 'programmes')).toBe(true);
    }
    expect(mayOpen(staff, 'workers')).toBe(false);
    for (const role of ['agent', 'enrollment-officer', 'verifier', 'finance', 'operator'] as const) {
      expect(mayOpen({ roles: [role] }, 'programmes')).toBe(false);
    }
  });
});

describe('the claims back office screens', () => {
  it('opens the claims queue to the claims back office and the auditor, not to agents', () => {
    for (const role of ['verifier', 'approver', 'finance', 'auditor'] as const) expect(mayOpen({ roles: [role] }, 'claims')).toBe(true);
    for (const role of ['agent', 'enrollment-officer', 'channel', 'operator', 'programme-officer'] as const)
      expect(mayOpen({ roles: [role] }, 'claims')).toBe(false);
  });

  it('opens the payout batches and the payout ledger to finance and the auditor only', () => {
    for (const screen of ['payout-batches', 'payout-ledger'] as const) {
      expect(mayOpen({ roles: ['finance'] }, screen)).toBe(true);
      expect(mayOpen({ roles: ['auditor'] }, screen)).toBe(true);
      for (const role of ['verifier', 'approver', 'agent'] as const) expect(mayOpen({ roles: [role] }, screen)).toBe(false);
    }
  });
});

describe('the workers area: its screens and actions', () => {
  it('opens the enrolment campaigns to agents, enrollment officers and auditors, and lets the auditor only read them', () => {
    for (const role of ['agent', 'enrollment-officer', 'auditor'] as const) {
      expect(mayDo({ roles: [role] }, 'worker-imports', 'list')).toBe(true);
      expect(mayDo({ roles: [role] }, 'worker-imports', 'show')).toBe(true);
    }
    expect(mayDo({ roles: ['verifier'] }, 'worker-imports', 'list')).toBe(false);
    expect(mayDo({ roles: ['agent'] }, 'worker-imports', 'create')).toBe(true);
    expect(mayDo({ roles: ['enrollment-officer'] }, 'worker-imports', 'create')).toBe(true);
    expect(mayDo({ roles: ['auditor'] }, 'worker-imports', 'create')).toBe(false);
  });

  it('lets only the enrollment officer deregister, and nobody do what no table names', () => {
    expect(mayDo({ roles: ['enrollment-officer'] }, 'workers', 'deregister')).toBe(true);
    expect(mayDo({ roles: ['enrollment-officer'] }, 'workers', 'record_death')).toBe(true);
    for (const role of ['agent', 'auditor', 'verifier'] as const) expect(mayDo({ roles: [role] }, 'workers', 'record_death')).toBe(false);
    for (const role of ['agent', 'auditor', 'verifier'] as const) expect(mayDo({ roles: [role] }, 'workers', 'deregister')).toBe(false);
    expect(mayDo({ roles: ['enrollment-officer'] }, 'workers', 'delete')).toBe(false);
    expect(mayDo({ roles: ['enrollment-officer'] }, 'workers', 'edit')).toBe(false);
    expect(mayDo(undefined, 'worker-imports', 'create')).toBe(false);
  });
});
