// The OpenID client of the console: authorization code with PKCE as the public client `jaring-console`
// (oidc-client-ts does PKCE, state and nonce). Tokens stay in this tab's sessionStorage: closing the tab
// signs out of the console, not of the provider.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { ConsoleConfig } from '../config';

export const CALLBACK_PATH = '/auth/callback';

export function createUserManager(config: ConsoleConfig): UserManager {
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${window.location.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    // the provider grants the Jaring API (audience `jaring-api`) by default: no resource or extra scope to ask for
    scope: 'openid profile',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // no hidden iframes (the provider's pages forbid framing); an expired session signs in again
    automaticSilentRenew: false,
    loadUserInfo: false,
  });
}

/** Where to go back to after the sign-in: the console's hash route the person was on. */
export interface SignInState {
  returnTo: string;
}

/** Finishes a sign-in on the callback page, then shows the page the person came from. */
export async function completeSignIn(userManager: UserManager): Promise<void> {
  const user = await userManager.signinRedirectCallback();
  const state = user.state as SignInState | undefined;
  const returnTo = state?.returnTo?.startsWith('#/') ? state.returnTo : '#/';
  window.history.replaceState(null, '', `/${returnTo}`);
}
