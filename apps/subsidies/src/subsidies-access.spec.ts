import { loadConfig, routePoliciesOf, type AccessPolicy } from '@jaring/platform';
import { SubsidiesConfig } from './subsidies.config';
import { SubsidiesModule } from './subsidies.module';

/**
 * Who may call each route of the service (docs/api.md, "Who may call"), read from the decorators alone:
 * nothing is started, nothing connects. A new route without a policy, or a policy that drifts from the
 * table, fails here before any request does.
 */
describe('subsidies access policies', () => {
  const config = loadConfig(SubsidiesConfig, {
    DATABASE_URL: 'postgres://u@h:5432/postgres',
    KAFKA_BROKERS: 'k:9092',
    OIDC_ISSUER: 'https://id.example.test/realms/jaring',
  });
  const routes = routePoliciesOf(SubsidiesModule.forRoot(config));
  const subsidiesRoutes = routes.filter((route) => route.path.startsWith('/v1/'));
  const rolesOf = (policy?: AccessPolicy) => (policy && !policy.public ? [...policy.roles].sort() : policy);

  it('declares a policy on every route, platform routes included', () => {
    expect(routes.length).toBeGreaterThan(subsidiesRoutes.length);
    expect(routes.filter((route) => route.policy === undefined).map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('lets nobody in without credentials on the partner API', () => {
    expect(subsidiesRoutes.filter((route) => route.policy?.public).map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('gives each route the roles of the table', () => {
    const officer = ['programme-officer'];
    const reads = ['auditor', 'funder', 'programme-officer'];
    const writes = ['funder', 'programme-officer'];
    const table = Object.fromEntries(subsidiesRoutes.map((route) => [`${route.method} ${route.path}`, rolesOf(route.policy)]));
    expect(table).toEqual({
      'POST /v1/funders': officer,
      'POST /v1/funders/:funderId/api-keys': officer,
      'GET /v1/funders': reads,
      'GET /v1/funders/:id': reads,
      'GET /v1/funders/:funderId/api-keys': reads,
      'GET /v1/funders/:funderId/webhooks': reads,
      'GET /v1/programmes': reads,
      'GET /v1/programmes/:id': reads,
      'GET /v1/programmes/:id/report': reads,
      'DELETE /v1/funders/:funderId/api-keys/:keyId': writes,
      'POST /v1/funders/:funderId/webhooks': writes,
      'DELETE /v1/funders/:funderId/webhooks/:webhookId': writes,
      'POST /v1/programmes': writes,
      'POST /v1/programmes/:id/nominations': writes,
    });
  });
});
