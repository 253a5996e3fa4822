import { loadConfig, routePoliciesOf } from '@jaring/platform';
import { ContributionsConfig } from './contributions.config';
import { ContributionsModule } from './contributions.module';

/**
 * Who may call what (docs/api.md, "Who may call"), read from the decorators alone: nothing connects, so
 * the settings are placeholders.
 */
describe('contributions: every route declares who may call it', () => {
  const config = loadConfig(ContributionsConfig, {
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    KAFKA_BROKERS: '127.0.0.1:1',
    OIDC_ISSUER: 'http://127.0.0.1:1/issuer',
  });
  const routes = routePoliciesOf(ContributionsModule.forRoot(config));
  const readers = ['agent', 'channel', 'enrollment-officer', 'verifier', 'approver', 'finance', 'auditor', 'operator'];

  it('has a policy on every route, its own and the platform’s', () => {
    expect(routes.length).toBeGreaterThan(7);
    expect(routes.filter((route) => !route.policy).map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('declares the policy of docs/api.md on each contributions route', () => {
    const own = routes
      .filter((route) => route.path.startsWith('/v1/'))
      .map((route) => [`${route.method} ${route.path}`, route.policy?.public ? 'public' : route.policy?.roles] as const);
    expect(own).toHaveLength(9);
    expect(Object.fromEntries(own)).toEqual({
      'GET /v1/contribution-quotes': 'public',
      'GET /v1/workers/:workerId/invoices': readers,
      'GET /v1/workers/:workerId/coverage': readers,
      'GET /v1/workers/:workerId/payments': readers,
      'GET /v1/workers/:workerId/coverage-timeline': readers,
      'POST /v1/payments': ['channel'],
      'POST /v1/billing-runs': ['operator'],
      'GET /v1/billing-runs/:id': ['operator', 'finance', 'auditor'],
      'POST /v1/arrears-runs': ['operator'],
    });
  });
});
