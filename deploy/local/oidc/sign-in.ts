// Getting access tokens from an OpenID provider the way the platform's callers do: client credentials for
// machines and scripts (the demo, the tests, the benches), authorization code with PKCE through the
// development provider's login form for people. Plain fetch, no client library: what a partner's `curl`
// does, in code.
import { createHash, randomBytes } from 'node:crypto';
import { developmentClient, type DevelopmentClient } from './development-identities';

interface Discovery {
  token_endpoint: string;
  authorization_endpoint: string;
}

const discoveries = new Map<string, Promise<Discovery>>();

function discover(issuer: string): Promise<Discovery> {
  let found = discoveries.get(issuer);
  if (!found) {
    found = fetch(`${issuer}/.well-known/openid-configuration`).then(async (response) => {
      if (!response.ok) throw new Error(`${issuer} discovery answered ${response.status}`);
      return (await response.json()) as Discovery;
    });
    found.catch(() => discoveries.delete(issuer));
    discoveries.set(issuer, found);
  }
  return found;
}

interface CachedToken {
  token: string;
  /** when to fetch a new one: a minute before it expires */
  renewAt: number;
}
const tokens = new Map<string, Promise<CachedToken>>();

/** A client-credentials access token for a client (a development one by id), reused until near its expiry. */
export async function clientToken(issuer: string, client: string | Pick<DevelopmentClient, 'clientId' | 'clientSecret'>): Promise<string> {
  const { clientId, clientSecret } = typeof client === 'string' ? developmentClient(client) : client;
  // the secret is part of the key: a wrong secret must be asked for (and refused), not served a cached token
  const key = `${issuer} ${clientId} ${createHash('sha256').update(clientSecret).digest('hex')}`;
  const cached = await tokens.get(key)?.catch(() => undefined);
  if (cached && cached.renewAt > Date.now()) return cached.token;
  const fresh = requestClientToken(issuer, clientId, clientSecret);
  tokens.set(key, fresh);
  return (await fresh).token;
}

async function requestClientToken(issuer: string, clientId: string, clientSecret: string): Promise<CachedToken> {
  const { token_endpoint: tokenEndpoint } = await discover(issuer);
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  const body = (await response.json()) as { access_token?: string; expires_in?: number; error?: string };
  if (!response.ok || !body.access_token) throw new Error(`no token for ${clientId}: ${response.status} ${body.error ?? ''}`);
  return { token: body.access_token, renewAt: Date.now() + ((body.expires_in ?? 300) - 60) * 1000 };
}

/** `{ authorization: 'Bearer …' }` for a client. */
export async function clientAuthorization(issuer: string, clientId: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await clientToken(issuer, clientId)}` };
}

/**
 * A person's access token through the development provider's login form: authorization code with PKCE for
 * the console's public client, as a browser would do it (cookies carried by hand).
 */
export async function personToken(issuer: string, username: string, password: string, clientId = 'jaring-console'): Promise<string> {
  const { authorization_endpoint: authorizationEndpoint, token_endpoint: tokenEndpoint } = await discover(issuer);
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = 'http://127.0.0.1:3000/auth/callback';
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, issuer), {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: cookieHeader() },
    });
    remember(response);
    return response;
  };

  const authorize = new URL(authorizationEndpoint);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
  }).toString();
  let response = await go(authorize.toString());
  const interaction = response.headers.get('location');
  if (!interaction) throw new Error(`the authorization request answered ${response.status} without a redirect`);
  await go(interaction); // the login form: its cookies matter, not its page
  response = await go(`${new URL(interaction, issuer).pathname}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  });
  if (response.status === 401) throw new Error(`the development provider refused ${username}'s password`);
  // back to the authorization endpoint, which now redirects to the client with a code
  let location = response.headers.get('location');
  for (let hops = 0; location && !location.startsWith(redirectUri) && hops < 5; hops++) {
    response = await go(location);
    location = response.headers.get('location');
  }
  const code = location ? new URL(location).searchParams.get('code') : null;
  if (!code) throw new Error(`the sign-in of ${username} ended without a code (${response.status})`);
  const exchange = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    }),
  });
  const body = (await exchange.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!exchange.ok || !body.access_token) throw new Error(`the code exchange failed: ${body.error} ${body.error_description ?? ''}`);
  return body.access_token;
}
