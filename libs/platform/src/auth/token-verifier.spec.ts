import { generateKeyPairSync } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import { InvalidToken, TokenVerifier, VERIFIED_TOKEN_MAX_AGE_MS, VERIFIED_TOKENS_KEPT, type TokenSettings } from './token-verifier';

// Counts the signature checks: the verifier's memory of verified tokens must save them, and only them.
jest.mock('jose', () => {
  const actual = jest.requireActual<typeof import('jose')>('jose');
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) };
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { jwtVerify } = require('jose') as { jwtVerify: jest.Mock };

const AUDIENCE = 'jaring-api';

describe('TokenVerifier', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let server: http.Server;
  let issuer: string;
  let settings: TokenSettings;
  let now: number;
  let verifier: TokenVerifier;
  const seconds = () => Math.floor(now / 1000);
  const sign = (claims: Record<string, unknown> = {}, lifetimeSeconds = 60) =>
    new SignJWT({ realm_access: { roles: ['channel'] }, client_id: 'channel-bank-ntt', channel: 'BANK_NTT', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setSubject('channel-bank-ntt')
      .setIssuedAt(seconds())
      .setExpirationTime(seconds() + lifetimeSeconds)
      .sign(privateKey);

  beforeAll(async () => {
    const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = http.createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/jwks') response.end(JSON.stringify({ keys: [jwk] }));
      else response.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    settings = {
      issuer,
      audience: AUDIENCE,
      jwksUrl: `${issuer}/jwks`,
      rolesClaim: 'realm_access.roles',
      regionsClaim: 'regions',
      channelClaim: 'channel',
    };
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    now = Date.now();
    verifier = new TokenVerifier(settings, () => now);
    jwtVerify.mockClear();
  });

  const caller = { subject: 'channel-bank-ntt', clientId: 'channel-bank-ntt', roles: ['channel'], regions: [], channel: 'BANK_NTT' };

  it('checks a token once and takes its text on its word until it expires, then refuses it as any expired token', async () => {
    const token = await sign();
    expect(await verifier.verify(token)).toEqual(caller);
    expect(await verifier.verify(token)).toEqual(caller);
    now += 64_000; // exp + 4 s: within the 5 s of leeway
    expect(await verifier.verify(token)).toEqual(caller);
    expect(jwtVerify).toHaveBeenCalledTimes(1);
    now += 1_000; // exp + 5 s: expired, as jose has it
    await expect(verifier.verify(token)).rejects.toEqual(new InvalidToken('the token has expired'));
    await expect(verifier.verify(token)).rejects.toEqual(new InvalidToken('the token has expired'));
    expect(jwtVerify).toHaveBeenCalledTimes(3);
  });

  it('checks every other text afresh (a tampered copy of a remembered token), and never remembers a refusal', async () => {
    const token = await sign();
    await verifier.verify(token);
    const [header, , signature] = token.split('.');
    const claims = Buffer.from(
      JSON.stringify({ iss: issuer, aud: AUDIENCE, sub: 'x', exp: seconds() + 60, realm_access: { roles: ['operator'] } }),
    ).toString('base64url');
    const forged = `${header}.${claims}.${signature}`;
    await expect(verifier.verify(forged)).rejects.toEqual(new InvalidToken("the token's signature does not verify"));
    await expect(verifier.verify(forged)).rejects.toEqual(new InvalidToken("the token's signature does not verify"));
    const otherAudience = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(issuer)
      .setAudience('someone-else')
      .setSubject('x')
      .setExpirationTime(seconds() + 60)
      .sign(privateKey);
    await expect(verifier.verify(otherAudience)).rejects.toBeInstanceOf(InvalidToken);
    await expect(verifier.verify(otherAudience)).rejects.toBeInstanceOf(InvalidToken);
    expect(jwtVerify).toHaveBeenCalledTimes(5);
  });

  it('checks a long-lived token again after the longest time it is taken on its word', async () => {
    const token = await sign({}, 3_600);
    await verifier.verify(token);
    now += VERIFIED_TOKEN_MAX_AGE_MS - 1;
    await verifier.verify(token);
    expect(jwtVerify).toHaveBeenCalledTimes(1);
    now += 1;
    expect(await verifier.verify(token)).toEqual(caller);
    expect(jwtVerify).toHaveBeenCalledTimes(2);
  });

  it(`remembers ${VERIFIED_TOKENS_KEPT} tokens at most, forgetting the least recently used first`, async () => {
    const tokens = await Promise.all(Array.from({ length: VERIFIED_TOKENS_KEPT + 1 }, (_, i) => sign({ jti: String(i) })));
    for (const token of tokens.slice(0, VERIFIED_TOKENS_KEPT)) await verifier.verify(token);
    await verifier.verify(tokens[0]); // used again: now the most recent
    await verifier.verify(tokens[VERIFIED_TOKENS_KEPT]); // one too many: tokens[1] is forgotten
    expect(jwtVerify).toHaveBeenCalledTimes(VERIFIED_TOKENS_KEPT + 1);
    await verifier.verify(tokens[0]);
    expect(jwtVerify).toHaveBeenCalledTimes(VERIFIED_TOKENS_KEPT + 1);
    await verifier.verify(tokens[1]);
    expect(jwtVerify).toHaveBeenCalledTimes(VERIFIED_TOKENS_KEPT + 2);
  });
});
