import { randomBytes } from 'node:crypto';
import { Logger, type DynamicModule } from '@nestjs/common';
import { loadConfig, routePoliciesOf, type RoutePolicy } from '@jaring/platform';
import { ClaimsConfig } from '../apps/claims/src/claims.config';
import { ClaimsModule } from '../apps/claims/src/claims.module';
import { ContributionsConfig } from '../apps/contributions/src/contributions.config';
import { ContributionsModule } from '../apps/contributions/src/contributions.module';
import { EnrollmentConfig } from '../apps/enrollment/src/enrollment.config';
import { EnrollmentModule } from '../apps/enrollment/src/enrollment.module';
import { SubsidiesConfig } from '../apps/subsidies/src/subsidies.config';
import { SubsidiesModule } from '../apps/subsidies/src/subsidies.module';

// Deny by default, checked where it is declared: every HTTP route of every service names who may call it
// (docs/api.md, "Who may call"). A route added without `@Public()` or `@Allow(...)` fails here, before
// anyone finds out in production that the guard refuses it to everybody. Read from the decorators alone:
// nothing is started.

// building the four modules registers four default data sources with TypeORM's name registry: it warns, rightly
// for an app, needlessly here
Logger.overrideLogger(['error']);

const settings = {
  DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
  KAFKA_BROKERS: '127.0.0.1:9092',
  OIDC_ISSUER: 'https://id.example.org/realms/jaring',
  NIK_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  NIK_HASH_KEY: randomBytes(32).toString('base64'),
  EVENT_SEALING_KEY: randomBytes(32).toString('base64'),
  CLAIMANT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

const SERVICES: Array<[string, () => DynamicModule]> = [
  ['enrollment', () => EnrollmentModule.forRoot(loadConfig(EnrollmentConfig, settings))],
  ['contributions', () => ContributionsModule.forRoot(loadConfig(ContributionsConfig, settings))],
  ['subsidies', () => SubsidiesModule.forRoot(loadConfig(SubsidiesConfig, settings))],
  ['claims', () => ClaimsModule.forRoot(loadConfig(ClaimsConfig, settings))],
];

const describeRoute = (route: RoutePolicy) => `${route.method} ${route.path} (${route.controller}.${route.handler})`;

describe.each(SERVICES)('the %s service', (_name, moduleOf) => {
  const routes = routePoliciesOf(moduleOf());

  it('has HTTP routes to check (the reading of the decorators works)', () => {
    expect(routes.length).toBeGreaterThan(3);
    expect(routes.map((route) => route.path)).toContain('/health');
  });

  it('declares who may call each of its routes', () => {
    expect(routes.filter((route) => !route.policy).map(describeRoute)).toEqual([]);
  });

  it('opens to anyone only the routes meant to be public', () => {
    const open = routes.filter((route) => route.policy?.public).map((route) => `${route.method} ${route.path}`);
    const meant = [
      /^GET \/health(\/live|\/ready)?$/,
      /^GET \/metrics$/,
      /^GET \/v1\/contribution-quotes$/,
      /^GET \/v1\/benefit-estimates$/,
    ];
    expect(open.filter((route) => !meant.some((pattern) => pattern.test(route)))).toEqual([]);
  });
});
