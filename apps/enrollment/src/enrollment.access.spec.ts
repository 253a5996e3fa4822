import { loadConfig, routePoliciesOf } from '@jaring/platform';
import { EnrollmentConfig } from './enrollment.config';
import { EnrollmentModule } from './enrollment.module';

// The decorators only: nothing is started, the settings are placeholders.
const config = loadConfig(EnrollmentConfig, {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  KAFKA_BROKERS: '127.0.0.1:9092',
  OIDC_ISSUER: 'http://127.0.0.1:3005',
  NIK_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  NIK_HASH_KEY: Buffer.alloc(32, 9).toString('hex'),
  EVENT_SEALING_KEY: Buffer.alloc(32, 3).toString('base64'),
});
const routes = routePoliciesOf(EnrollmentModule.forRoot(config));
const route = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path);

const WRITERS = ['agent', 'enrollment-officer'];
const READERS = ['agent', 'enrollment-officer', 'verifier', 'approver', 'finance', 'auditor'];

describe('who may call enrollment (docs/api.md, "Who may call")', () => {
  it('declares a policy on every route', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`)).toEqual([]);
  });

  it.each([
    ['POST', '/v1/workers', WRITERS],
    ['PATCH', '/v1/workers/:id', WRITERS],
    ['PUT', '/v1/workers/:id/heirs', WRITERS],
    ['POST', '/v1/worker-imports', WRITERS],
    ['GET', '/v1/workers', READERS],
    ['GET', '/v1/workers/:id', READERS],
    ['GET', '/v1/worker-imports', ['agent', 'enrollment-officer', 'auditor']],
    ['GET', '/v1/worker-imports/:id', ['agent', 'enrollment-officer', 'auditor']],
    ['GET', '/v1/worker-imports/:id/failed-rows', ['agent', 'enrollment-officer', 'auditor']],
    ['POST', '/v1/workers/:id/deregistration', ['enrollment-officer']],
    ['POST', '/v1/workers/:id/death', ['enrollment-officer']],
    ['GET', '/v1/workers/:id/audit', ['enrollment-officer', 'auditor']],
  ])('%s %s: %j', (method, path, roles) => {
    expect(route(method, path)?.policy).toEqual({ public: false, roles });
  });

  it('leaves public only what every service answers without credentials (health, metrics)', () => {
    const open = routes.filter((r) => r.policy?.public).map((r) => r.path);
    expect(open.length).toBeGreaterThan(0);
    for (const path of open) expect(path).toMatch(/^\/(health|metrics|test\/clock)(\/|$)/);
  });
});
