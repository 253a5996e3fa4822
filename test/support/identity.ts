import { DEVELOPMENT_USERS } from '../../deploy/local/oidc/development-identities';
import { clientAuthorization, clientToken, personToken } from '../../deploy/local/oidc/sign-in';
import { testInfrastructure } from './infrastructure';

/**
 * Signing in at the test run's development OpenID provider (started by the jest global setup): the
 * development clients (deploy/local/oidc/development-identities.ts) by id, people by user name.
 */

/** `{ authorization: 'Bearer …' }` of a development client, e.g. `as('verifier')`, `as('channel-bank-ntt')`. */
export function as(clientId: string): Promise<{ authorization: string }> {
  return clientAuthorization(testInfrastructure().oidcIssuer, clientId);
}

/** A development client's access token. */
export function tokenOf(clientId: string): Promise<string> {
  return clientToken(testInfrastructure().oidcIssuer, clientId);
}

/** A development user's access token, through the login form (authorization code with PKCE). */
export function personTokenOf(username: string): Promise<string> {
  const user = DEVELOPMENT_USERS.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no development user "${username}"`);
  return personToken(testInfrastructure().oidcIssuer, user.username, user.password);
}

/** The settings a service under test needs to accept the provider's tokens. */
export function identitySettings(): { OIDC_ISSUER: string } {
  return { OIDC_ISSUER: testInfrastructure().oidcIssuer };
}
