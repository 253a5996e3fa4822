// react-admin's AuthProvider over the OpenID client: sign-in and sign-out at the provider, the access token's
// roles as permissions, and screens shown by role (claims.ts).
import type { AuthProvider } from 'react-admin';
import type { UserManager } from 'oidc-client-ts';
import { holderOf, isScreen, mayDo, type Holder } from './claims';
import type { SignInState } from './user-manager';
import { HttpError } from '../data/http';

export function createAuthProvider(userManager: UserManager): AuthProvider {
  const current = async (): Promise<{ accessToken: string; holder: Holder; name: string } | undefined> => {
    const user = await userManager.getUser();
    if (!user || user.expired) return undefined;
    const profile = user.profile as { name?: string; preferred_username?: string; sub: string };
    return {
      accessToken: user.access_token,
      holder: holderOf(user.access_token),
      name: profile.name ?? profile.preferred_username ?? profile.sub,
    };
  };

  return {
    async login(params?: { returnTo?: string }) {
      // the hash route the person wanted, e.g. #/workers: react-admin sent them to #/login from there (LoginPage)
      const here = window.location.hash.startsWith('#/login') ? '#/' : window.location.hash || '#/';
      const state: SignInState = { returnTo: params?.returnTo?.startsWith('#/') ? params.returnTo : here };
      await userManager.signinRedirect({ state });
    },
    async logout() {
      const user = await userManager.getUser();
      await userManager.removeUser();
      if (user) {
        // ends the provider's session too, then the provider sends the browser back to the console
        await userManager.signoutRedirect({ id_token_hint: user.id_token });
        return false;
      }
      return undefined;
    },
    async checkAuth() {
      if (!(await current())) throw new Error('not signed in');
    },
    async checkError(error: unknown) {
      // a token the services refuse (expired, revoked): sign in again; a 403 is shown where it happened
      if (error instanceof HttpError && error.status === 401) {
        await userManager.removeUser();
        throw error;
      }
    },
    async getIdentity() {
      const signedIn = await current();
      if (!signedIn) throw new Error('not signed in');
      return { id: signedIn.holder.subject, fullName: signedIn.name };
    },
    async getPermissions() {
      return (await current())?.holder;
    },
    async canAccess({ resource, action }) {
      const signedIn = await current();
      // a screen is its resource's name (claims.ts, SCREEN_ROLES and ACTION_ROLES); anything else is closed
      return isScreen(resource) ? mayDo(signedIn?.holder, resource, action) : false;
    },
  };
}

/** The bearer token for an API call, or nothing when nobody is signed in. */
export async function accessTokenOf(userManager: UserManager): Promise<string | undefined> {
  const user = await userManager.getUser();
  return user && !user.expired ? user.access_token : undefined;
}
