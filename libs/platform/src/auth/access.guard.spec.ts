import { Controller, Get, Injectable } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import { configureHttpApp } from '../bootstrap/bootstrap-http-service';
import { JsonLogger } from '../logging/json-logger';
import { Allow, CurrentCaller, Public } from './access-policy';
import { Problem } from '../http/problem';
import type { ApiKeyResolver } from './api-key-resolver';
import { AuthModule } from './auth.module';
import type { Caller } from './caller';
import { TOKEN_HOLDER_RESOLVER, type TokenHolderResolver } from './token-holder-resolver';
import { callerOf, type TokenSettings } from './token-verifier';

// The guard against a real key set served over HTTP (as an identity provider publishes it) and tokens
// signed with jose: every way a token can be wrong, and the policies' outcomes. The development OpenID
// provider itself is exercised by test/integration/sign-in.test.ts.

const AUDIENCE = 'jaring-api';

@Controller('things')
class ThingsController {
  @Public()
  @Get('open')
  open() {
    return { open: true };
  }

  @Allow('verifier', 'approver')
  @Get('decisions')
  decisions(@CurrentCaller() caller: Caller) {
    return caller;
  }

  @Allow('funder')
  @Get('funded')
  funded(@CurrentCaller() caller: Caller) {
    return caller;
  }

  @Get('undeclared')
  undeclared() {
    return { leaked: true };
  }
}

@Injectable()
class TestApiKeys implements ApiKeyResolver {
  resolve(key: string): Promise<Caller | undefined> {
    return Promise.resolve(
      key === 'partner-key-1' ? { subject: 'api-key:1', clientId: 'funder:f1', roles: ['funder'], regions: [], funderId: 'f1' } : undefined,
    );
  }
}

/** As subsidies does for a funder's staff: the funder their token names, by code, or a 403. */
@Injectable()
class TestTokenHolders implements TokenHolderResolver {
  readonly seen: Caller[] = [];

  resolve(caller: Caller): Promise<Caller> {
    this.seen.push(caller);
    if (!caller.roles.includes('funder')) return Promise.resolve(caller);
    if (caller.funderCode !== 'PEMPROV-NTT')
      return Promise.reject(Problem.forbidden('no such funder', { type: 'https://jaring.id/problems/funder-unknown' }));
    return Promise.resolve({ ...caller, funderId: 'f9' });
  }
}

interface IdentityProvider {
  issuer: string;
  sign(claims: Record<string, unknown>, options?: { key?: KeyObject; kid?: string; alg?: string }): Promise<string>;
  close(): Promise<void>;
}

async function startKeySet(): Promise<IdentityProvider> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  const server = http.createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/.well-known/openid-configuration') response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    else if (request.url === '/jwks') response.end(JSON.stringify({ keys: [jwk] }));
    else response.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    sign: (claims, options = {}) =>
      new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'key-1' }).sign(options.key ?? privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('the access guard', () => {
  let provider: IdentityProvider;
  let app: NestExpressApplication;
  let baseUrl: string;
  let settings: TokenSettings;
  let tokenHolders: TestTokenHolders;
  const now = () => Math.floor(Date.now() / 1000);
  const valid = (extra: Record<string, unknown> = {}) => ({
    iss: provider.issuer,
    aud: AUDIENCE,
    sub: 'staff-17',
    client_id: 'jaring-console',
    exp: now() + 300,
    iat: now(),
    realm_access: { roles: ['verifier'] },
    ...extra,
  });

  beforeAll(async () => {
    provider = await startKeySet();
    settings = {
      issuer: provider.issuer,
      audience: AUDIENCE,
      rolesClaim: 'realm_access.roles',
      regionsClaim: 'regions',
      channelClaim: 'channel',
      funderClaim: 'funder',
    };
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ tokens: settings, apiKeys: TestApiKeys, tokenHolders: TestTokenHolders })],
      controllers: [ThingsController],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: new JsonLogger('test', { logLevels: ['fatal'] }) });
    configureHttpApp(app, { serviceName: 'test', openApi: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    tokenHolders = moduleRef.get(TOKEN_HOLDER_RESOLVER);
  });

  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  const call = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const problem = (slug: string) => `https://jaring.id/problems/${slug}`;

  it('lets anyone call a public route', async () => {
    expect(await call('/things/open')).toEqual({ status: 200, body: { open: true } });
  });

  it('refuses a route that declares no policy, even to a signed-in caller', async () => {
    const answer = await call('/things/undeclared', bearer(await provider.sign(valid())));
    expect(answer.status).toBe(403);
    expect(answer.body.type).toBe(problem('no-access-policy'));
  });

  it('answers 401 without credentials', async () => {
    const answer = await call('/things/decisions');
    expect(answer.status).toBe(401);
    expect(answer.body.type).toBe(problem('unauthorized'));
  });

  it('lets a caller with one of the roles in, and tells the handler who it is', async () => {
    const answer = await call('/things/decisions', bearer(await provider.sign(valid({ regions: ['5371'] }))));
    expect(answer).toEqual({
      status: 200,
      body: { subject: 'staff-17', clientId: 'jaring-console', roles: ['verifier'], regions: ['5371'] },
    });
  });

  it('answers 403 forbidden-role to a signed-in caller without the role', async () => {
    const answer = await call('/things/decisions', bearer(await provider.sign(valid({ realm_access: { roles: ['finance'] } }))));
    expect(answer.status).toBe(403);
    expect(answer.body.type).toBe(problem('forbidden-role'));
  });

  it.each([
    ['expired', { exp: Math.floor(Date.now() / 1000) - 60 }, /expired/],
    ['without exp', { exp: undefined }, /exp/],
    ['from another issuer', { iss: 'https://elsewhere.example' }, /iss/],
    ['for another audience', { aud: 'someone-else' }, /aud/],
    ['without a subject', { sub: undefined }, /sub/],
  ])('answers 401 to a token %s', async (_case, change, reason) => {
    const answer = await call('/things/decisions', bearer(await provider.sign(valid(change))));
    expect(answer.status).toBe(401);
    expect(answer.body.type).toBe(problem('unauthorized'));
    expect(answer.body.detail).toMatch(reason);
  });

  it('answers 401 to a token signed with a shared secret (HS256)', async () => {
    const token = await new SignJWT(valid())
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('development-only-jwt-secret-change-me-0123456789'));
    const answer = await call('/things/decisions', bearer(token));
    expect(answer.status).toBe(401);
    expect(answer.body.detail).toMatch(/algorithm/);
  });

  it('answers 401 to an unsigned token (alg none)', async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(valid())}.`;
    const answer = await call('/things/decisions', bearer(token));
    expect(answer.status).toBe(401);
    expect(answer.body.type).toBe(problem('unauthorized'));
  });

  it("answers 401 to a token signed by a key that is not the provider's", async () => {
    const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (const kid of ['key-1', 'key-unknown']) {
      const answer = await call('/things/decisions', bearer(await provider.sign(valid(), { key: otherKey, kid })));
      expect(answer.status).toBe(401);
      expect(answer.body.type).toBe(problem('unauthorized'));
    }
  });

  it('answers 401 to a tampered token (claims changed after signing)', async () => {
    const [header, , signature] = (await provider.sign(valid())).split('.');
    const forged = Buffer.from(JSON.stringify(valid({ realm_access: { roles: ['verifier', 'approver'] } }))).toString('base64url');
    const answer = await call('/things/decisions', bearer(`${header}.${forged}.${signature}`));
    expect(answer.status).toBe(401);
    // an HMAC of the same payload is no better
    const hmac = createHmac('sha256', 'x').update('y').digest('base64url');
    expect((await call('/things/decisions', bearer(`${header}.${forged}.${hmac}`))).status).toBe(401);
  });

  it("takes a funder's API key where funders are allowed, and refuses an unknown one", async () => {
    expect(await call('/things/funded', { 'x-api-key': 'partner-key-1' })).toEqual({
      status: 200,
      body: { subject: 'api-key:1', clientId: 'funder:f1', roles: ['funder'], regions: [], funderId: 'f1' },
    });
    expect((await call('/things/funded', bearer('partner-key-1'))).status).toBe(200);
    const unknown = await call('/things/funded', { 'x-api-key': 'guessed-key' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.type).toBe(problem('unauthorized'));
    // a key is no token: it does not open a route for people
    const onDecisions = await call('/things/decisions', { 'x-api-key': 'partner-key-1' });
    expect(onDecisions.status).toBe(403);
    expect(onDecisions.body.type).toBe(problem('forbidden-role'));
  });

  it("lets the service complete a token's holder once the route's roles let it in, and refuse it in the service's words", async () => {
    const staff = (funder?: string) => valid({ realm_access: { roles: ['funder'] }, sub: 'funder.ntt', ...(funder ? { funder } : {}) });
    expect(await call('/things/funded', bearer(await provider.sign(staff('PEMPROV-NTT'))))).toEqual({
      status: 200,
      body: {
        subject: 'funder.ntt',
        clientId: 'jaring-console',
        roles: ['funder'],
        regions: [],
        funderCode: 'PEMPROV-NTT',
        funderId: 'f9',
      },
    });
    for (const token of [staff('CSR-ELSEWHERE'), staff()]) {
      const refused = await call('/things/funded', bearer(await provider.sign(token)));
      expect(refused.status).toBe(403);
      expect(refused.body.type).toBe(problem('funder-unknown'));
    }
    // the route's roles first: a token without them never reaches the service's resolver
    tokenHolders.seen.length = 0;
    const outside = await call('/things/decisions', bearer(await provider.sign(staff('CSR-ELSEWHERE'))));
    expect(outside.body.type).toBe(problem('forbidden-role'));
    // an API key is the service's own already: it is not resolved again
    expect((await call('/things/funded', { 'x-api-key': 'partner-key-1' })).status).toBe(200);
    expect(tokenHolders.seen).toEqual([]);
  });
});

describe('callerOf', () => {
  const settings = { rolesClaim: 'realm_access.roles', regionsClaim: 'regions', channelClaim: 'channel' };

  it("reads Keycloak's realm roles, drops roles this platform does not know, and takes the client from azp", () => {
    expect(
      callerOf({ sub: 'u1', azp: 'jaring-console', realm_access: { roles: ['agent', 'offline_access', 'uma_authorization'] } }, settings),
    ).toEqual({
      subject: 'u1',
      clientId: 'jaring-console',
      roles: ['agent'],
      regions: [],
    });
  });

  it('reads roles from another claim when configured, as a list or a space-separated string', () => {
    const flat = { ...settings, rolesClaim: 'roles' };
    expect(callerOf({ sub: 'u1', roles: ['auditor'] }, flat).roles).toEqual(['auditor']);
    expect(callerOf({ sub: 'u1', roles: 'auditor operator' }, flat).roles).toEqual(['auditor', 'operator']);
  });

  it("reads the funder a funder's staff work for from the funder claim, where the service reads it, and for funders only", () => {
    const staff = { sub: 'funder.ntt', realm_access: { roles: ['funder'] }, funder: 'PEMPROV-NTT' };
    expect(callerOf(staff, { ...settings, funderClaim: 'funder' }).funderCode).toBe('PEMPROV-NTT');
    expect(callerOf(staff, settings).funderCode).toBeUndefined();
    expect(callerOf({ ...staff, funder: undefined }, { ...settings, funderClaim: 'funder' }).funderCode).toBeUndefined();
    expect(callerOf({ ...staff, realm_access: { roles: ['auditor'] } }, { ...settings, funderClaim: 'funder' }).funderCode).toBeUndefined();
  });

  it("names a channel client's channel from its claim, else from its client id; nobody else has one", () => {
    expect(
      callerOf({ sub: 'c1', client_id: 'channel-bank-ntt', realm_access: { roles: ['channel'] }, channel: 'BANK_NTT' }, settings).channel,
    ).toBe('BANK_NTT');
    expect(callerOf({ sub: 'c1', client_id: 'channel-pos', realm_access: { roles: ['channel'] } }, settings).channel).toBe('channel-pos');
    expect(callerOf({ sub: 'u1', realm_access: { roles: ['agent'] }, channel: 'BANK_NTT' }, settings).channel).toBeUndefined();
  });
});
