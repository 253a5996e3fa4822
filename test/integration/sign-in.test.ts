import { Controller, Get } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { Allow, AuthModule, configureHttpApp, CurrentCaller, JsonLogger, type Caller } from '@jaring/platform';
import { DEVELOPMENT_CLIENTS, DEVELOPMENT_USERS } from '../../deploy/local/oidc/development-identities';
import { startDevelopmentProvider } from '../../deploy/local/oidc/development-provider';
import { clientToken, personToken } from '../../deploy/local/oidc/sign-in';
import { testInfrastructure } from '../support/infrastructure';
import { personTokenOf, tokenOf } from '../support/identity';

// Signing in at the test run's development OpenID provider, checked by the platform's access guard as every
// service checks it: discovery, keys, client credentials, a person's login with PKCE, and forged tokens.

@Controller('whoami')
class WhoAmIController {
  @Allow('agent', 'channel', 'enrollment-officer', 'verifier', 'approver', 'finance', 'auditor', 'operator', 'programme-officer', 'funder')
  @Get()
  whoAmI(@CurrentCaller() caller: Caller) {
    return caller;
  }

  @Allow('auditor')
  @Get('audit')
  audit(@CurrentCaller() caller: Caller) {
    return caller;
  }
}

describe('signing in at the development OpenID provider', () => {
  const { oidcIssuer } = testInfrastructure();
  let app: NestExpressApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({
          tokens: {
            issuer: oidcIssuer,
            audience: 'jaring-api',
            rolesClaim: 'realm_access.roles',
            regionsClaim: 'regions',
            channelClaim: 'channel',
            funderClaim: 'funder',
          },
        }),
      ],
      controllers: [WhoAmIController],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: new JsonLogger('test', { logLevels: ['fatal'] }) });
    configureHttpApp(app, { serviceName: 'test', openApi: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
  });

  const whoAmI = async (token: string, path = '/whoami') => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('publishes its discovery document and keys at the issuer', async () => {
    const discovery = (await (await fetch(`${oidcIssuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer: oidcIssuer, jwks_uri: `${oidcIssuer}/jwks` });
    expect(discovery.grant_types_supported).toEqual(expect.arrayContaining(['client_credentials', 'authorization_code']));
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    const { keys } = (await (await fetch(`${oidcIssuer}/jwks`)).json()) as { keys: Array<{ kty: string; d?: string }> };
    expect(keys.map((key) => key.kty)).toEqual(['RSA']);
    expect(keys.every((key) => key.d === undefined)).toBe(true);
  });

  it.each(DEVELOPMENT_CLIENTS.map((client) => [client.clientId, client] as const))(
    'gives the client %s a token the services accept, with its roles, regions and channel',
    async (clientId, client) => {
      const answer = await whoAmI(await tokenOf(clientId));
      expect(answer).toEqual({
        status: 200,
        body: {
          subject: clientId,
          clientId,
          roles: client.roles,
          regions: client.regions ?? [],
          ...(client.channel ? { channel: client.channel } : {}),
        },
      });
    },
  );

  it('signs a field agent in through the login form (authorization code with PKCE), with the regions the agent serves', async () => {
    const answer = await whoAmI(await personTokenOf('agent.kupang'));
    expect(answer).toEqual({
      status: 200,
      body: { subject: 'agent.kupang', clientId: 'jaring-console', roles: ['agent'], regions: ['5371'] },
    });
  });

  it("signs a funder's staff in, with the code of the funder they work for", async () => {
    const answer = await whoAmI(await personTokenOf('funder.ntt'));
    expect(answer).toEqual({
      status: 200,
      body: { subject: 'funder.ntt', clientId: 'jaring-console', roles: ['funder'], regions: [], funderCode: 'PEMPROV-NTT' },
    });
  });

  it('refuses a wrong password', async () => {
    const user = DEVELOPMENT_USERS.find((candidate) => candidate.username === 'auditor')!;
    await expect(personToken(oidcIssuer, user.username, `${user.password}-wrong`)).rejects.toThrow(/refused/);
  });

  it('refuses a client secret that is not the client', async () => {
    await expect(clientToken(oidcIssuer, { clientId: 'operator', clientSecret: 'dev-finance-secret' })).rejects.toThrow(
      /no token for operator: 401/,
    );
  });

  it('answers 403 forbidden-role to a signed-in caller without the role', async () => {
    const answer = await whoAmI(await tokenOf('operator'), '/whoami/audit');
    expect(answer.status).toBe(403);
    expect(answer.body.type).toBe('https://jaring.id/problems/forbidden-role');
  });

  it('refuses a token of another provider, though well-formed and signed (another issuer, another key)', async () => {
    const other = await startDevelopmentProvider({ port: 0 });
    try {
      const answer = await whoAmI(await clientToken(other.issuer, 'auditor'));
      expect(answer.status).toBe(401);
      expect(answer.body.type).toBe('https://jaring.id/problems/unauthorized');
    } finally {
      await other.stop();
    }
  });

  it('refuses a token signed with the old published HS256 development secret', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ realm_access: { roles: ['auditor'] }, roles: ['auditor'], client_id: 'auditor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(oidcIssuer)
      .setAudience('jaring-api')
      .setSubject('auditor')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode('development-only-jwt-secret-change-me-0123456789'));
    const answer = await whoAmI(forged);
    expect(answer.status).toBe(401);
    expect(answer.body.detail).toBe("the token's signature algorithm is not accepted");
  });
});
