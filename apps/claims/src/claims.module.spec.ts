import { loadConfig, routePoliciesOf, type AccessPolicy } from '@jaring/platform';
import { ClaimsConfig } from './claims.config';
import { ClaimsModule } from './claims.module';

// Dummy settings: the module is only described here (decorators read), never started or connected.
const settings = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  KAFKA_BROKERS: '127.0.0.1:9092',
  OIDC_ISSUER: 'http://127.0.0.1:3005',
  NIK_HASH_KEY: Buffer.alloc(32, 7).toString('hex'),
  CLAIMANT_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
  EVENT_SEALING_KEY: Buffer.alloc(32, 5).toString('base64'),
  // mounts the clock control routes as well, so that their policy is checked too
  CLOCK_CONTROL: 'true',
  NODE_ENV: 'test',
};

const describePolicy = (policy: AccessPolicy | undefined): string =>
  !policy ? 'NONE' : policy.public ? 'public' : [...policy.roles].sort().join(', ');

describe('claims: who may call each route (docs/api.md, "Who may call" and "claims")', () => {
  const routes = routePoliciesOf(ClaimsModule.forRoot(loadConfig(ClaimsConfig, settings)));

  it('declares a policy on every route, the platform ones included: none is left to the deny-by-default 403', () => {
    expect(routes.filter((route) => !route.policy).map((route) => `${route.method} ${route.path}`)).toEqual([]);
    const platform = routes.filter((route) => !route.path.startsWith('/v1/'));
    expect(platform.map((route) => `${route.method} ${route.path} ${describePolicy(route.policy)}`).sort()).toEqual([
      'GET /health public',
      'GET /health/live public',
      'GET /health/ready public',
      'GET /metrics public',
      'GET /test/clock public',
      'PUT /test/clock public',
    ]);
  });

  it('lets in exactly the roles the API documents, route by route', () => {
    const claimsRoutes = Object.fromEntries(
      routes
        .filter((route) => route.path.startsWith('/v1/'))
        .map((route) => [`${route.method} ${route.path}`, describePolicy(route.policy)]),
    );
    expect(claimsRoutes).toEqual({
      'GET /v1/benefit-estimates': 'public',
      'POST /v1/claims': 'agent, verifier',
      'GET /v1/claims/:id': 'agent, approver, auditor, finance, verifier',
      'GET /v1/claims': 'approver, auditor, finance, verifier',
      'POST /v1/claims/:id/documents': 'verifier',
      'POST /v1/claims/:id/verification': 'verifier',
      'POST /v1/claims/:id/approval': 'approver',
      'POST /v1/claims/:id/rejection': 'approver, verifier',
      'POST /v1/claims/:id/reassessment': 'verifier',
      'POST /v1/claims/:id/scholarships': 'agent, verifier',
      'PATCH /v1/claims/:id/bank-account': 'verifier',
      'GET /v1/claims/:id/audit': 'auditor',
      'POST /v1/payout-batches': 'finance',
      'GET /v1/payout-batches': 'auditor, finance',
      'GET /v1/payout-batches/:id': 'auditor, finance',
      'GET /v1/payout-batches/:id/file': 'finance',
      'POST /v1/payout-batches/:id/results': 'finance',
      'GET /v1/payout-ledger': 'auditor, finance',
    });
  });

  it('needs no back-office secret any more: tokens are checked against the identity provider', () => {
    expect(Object.keys(loadConfig(ClaimsConfig, settings))).not.toContain('JWT_SECRET');
  });
});
