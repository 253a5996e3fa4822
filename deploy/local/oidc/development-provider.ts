// The development OpenID provider of a local platform (`npm start`, the tests, the demo), built on
// oidc-provider (the certified Node implementation): discovery at /.well-known/openid-configuration, the
// keys at /jwks, client credentials for machines, authorization code with PKCE for people (a plain login
// form checks the development users' passwords). Access tokens for the Jaring API are RS256 JWTs with the
// audience `jaring-api` and Keycloak's claim shapes (`realm_access.roles`, plus `regions`, `channel` and `funder`),
// so the services read the same claims from this provider as from a production Keycloak.
import { generateKeyPairSync } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import {
  CONSOLE_CLIENT,
  DEVELOPMENT_CLIENTS,
  DEVELOPMENT_USERS,
  JARING_API_AUDIENCE,
  JARING_API_RESOURCE,
  type IdentityClaims,
} from './development-identities';

export interface DevelopmentProvider {
  issuer: string;
  stop(): Promise<void>;
}

const ACCESS_TOKEN_TTL_SECONDS = 3600;

export async function startDevelopmentProvider(options: { port: number; host?: string }): Promise<DevelopmentProvider> {
  const host = options.host ?? '127.0.0.1';
  const issuer = `http://${host}:${options.port}`;
  const provider = new Provider(issuer, providerConfiguration());
  // the provider sits behind nothing: it is reached directly on the loopback interface
  provider.proxy = false;
  const providerCallback = provider.callback();

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (interaction) {
      void handleInteraction(provider, request, response, interaction[2] === '/login').catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`sign-in failed: ${(error as Error).message}`);
      });
      return;
    }
    void providerCallback(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    issuer: `http://${host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function providerConfiguration(): Configuration {
  // A fresh signing key per start: tokens of an earlier run stop being valid, which suits development.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: `dev-${Date.now().toString(36)}` };
  return {
    clients: [
      ...DEVELOPMENT_CLIENTS.map((client) => ({
        client_id: client.clientId,
        client_secret: client.clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic' as const,
      })),
      {
        client_id: CONSOLE_CLIENT.clientId,
        token_endpoint_auth_method: 'none' as const,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...CONSOLE_CLIENT.redirectUris, ...CONSOLE_CLIENT.testRedirectUris],
        post_logout_redirect_uris: [...CONSOLE_CLIENT.postLogoutRedirectUris, ...CONSOLE_CLIENT.testPostLogoutRedirectUris],
      },
    ],
    jwks: { keys: [signingKey] },
    // published development values: the provider signs its cookies with them
    cookies: { keys: ['jaring-development-cookie-key'] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    scopes: ['openid', 'profile', 'offline_access', 'api'],
    findAccount: (_ctx, id) => {
      const user = DEVELOPMENT_USERS.find((candidate) => candidate.username === id);
      if (!user) return undefined;
      return { accountId: user.username, claims: () => ({ sub: user.username, name: user.name, preferred_username: user.username }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      // the provider's own sign-out pages load a web font from the internet: plain pages instead, like the login form
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) => oneOf ?? JARING_API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== JARING_API_RESOURCE) throw new Error(`unknown resource ${resource}`);
          return {
            scope: 'api',
            audience: JARING_API_AUDIENCE,
            accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims: (_ctx: KoaContextWithOIDC, token) => {
      const holder =
        'accountId' in token && typeof token.accountId === 'string'
          ? DEVELOPMENT_USERS.find((candidate) => candidate.username === token.accountId)
          : DEVELOPMENT_CLIENTS.find((candidate) => candidate.clientId === token.clientId);
      return holder ? tokenClaimsOf(holder) : undefined;
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      ClientCredentials: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_TTL_SECONDS,
      RefreshToken: 8 * 3600,
      Interaction: 600,
      Grant: 8 * 3600,
      Session: 8 * 3600,
    },
  };
}

/** Keycloak's shapes: realm roles under `realm_access.roles`, other attributes as plain claims. */
function tokenClaimsOf(holder: IdentityClaims): Record<string, unknown> {
  return {
    realm_access: { roles: holder.roles },
    ...(holder.regions ? { regions: holder.regions } : {}),
    ...(holder.channel ? { channel: holder.channel } : {}),
    ...(holder.funder ? { funder: holder.funder } : {}),
  };
}

/**
 * GET /interaction/:uid shows the login form (prompt `login`) or, once signed in, grants the console what it
 * asked for (prompt `consent`: the console is the platform's own, nobody is asked); POST
 * /interaction/:uid/login checks the form against the development users.
 */
async function handleInteraction(
  provider: Provider,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  submitted: boolean,
): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name === 'consent') {
    await provider.interactionFinished(
      request,
      response,
      { consent: { grantId: await grantAsked(provider, details) } },
      { mergeWithLastSubmission: true },
    );
    return;
  }
  if (!submitted) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(loginPage(details.uid, ''));
    return;
  }
  const form = new URLSearchParams(await readBody(request));
  const user = DEVELOPMENT_USERS.find((candidate) => candidate.username === form.get('username'));
  if (!user || user.password !== form.get('password')) {
    response.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(loginPage(details.uid, 'Unknown user or wrong password.'));
    return;
  }
  await provider.interactionFinished(request, response, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
}

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

/** The grant of everything the consent prompt found missing, plus the Jaring API. */
async function grantAsked(provider: Provider, details: InteractionDetails): Promise<string> {
  const accountId = details.session?.accountId;
  if (!accountId) throw new Error('no one is signed in');
  const clientId = String(details.params.client_id);
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  const missing = (details.prompt.details ?? {}) as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  grant.addResourceScope(JARING_API_RESOURCE, 'api');
  return grant.save();
}

/** "Sign out?" with the provider's own form (its hidden fields), and one button to confirm. */
function logoutSource(ctx: KoaContextWithOIDC, form: string): void {
  ctx.type = 'html';
  ctx.body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Jaring development sign-out</title></head>
<body>
<h1>Sign out of Jaring?</h1>
${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>
</body></html>`;
}

function postLogoutSuccessSource(ctx: KoaContextWithOIDC): void {
  ctx.type = 'html';
  ctx.body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Jaring development sign-out</title></head>
<body><h1>Signed out</h1><p>You have signed out of Jaring.</p></body></html>`;
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error('the form is too large'));
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function loginPage(uid: string, problem: string): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Jaring development sign-in</title></head>
<body>
<h1>Jaring development sign-in</h1>
<p>Development users only: see the README, "Signing in".</p>
${problem ? `<p role="alert">${escape(problem)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Username <input name="username" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>
</body></html>`;
}
