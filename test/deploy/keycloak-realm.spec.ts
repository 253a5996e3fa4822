import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BaseServiceConfig, ROLES } from '@jaring/platform';
import { SubsidiesConfig } from '../../apps/subsidies/src/subsidies.config';
import {
  CONSOLE_CLIENT,
  DEVELOPMENT_CLIENTS,
  DEVELOPMENT_USERS,
  JARING_API_AUDIENCE,
} from '../../deploy/local/oidc/development-identities';

/**
 * deploy/keycloak/jaring-realm.json, the realm docker compose imports into Keycloak, is the development
 * identities of deploy/local/oidc/development-identities.ts as Keycloak holds them: the same people with the same
 * passwords and roles, the same clients with the same secrets, and tokens with the claims the services read
 * (realm_access.roles, regions, channel, funder, audience jaring-api). Nothing here is hard-coded: every expectation
 * comes from the development identities or from the services' settings.
 */
interface Mapper {
  name: string;
  protocol: string;
  protocolMapper: string;
  config: Record<string, string>;
}
interface Client {
  clientId: string;
  description?: string;
  enabled: boolean;
  publicClient: boolean;
  secret?: string;
  clientAuthenticatorType?: string;
  standardFlowEnabled: boolean;
  implicitFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  serviceAccountsEnabled: boolean;
  redirectUris?: string[];
  attributes?: Record<string, string>;
  defaultClientScopes: string[];
  protocolMappers: Mapper[];
}
interface User {
  username: string;
  enabled: boolean;
  firstName?: string;
  lastName?: string;
  serviceAccountClientId?: string;
  attributes?: Record<string, string[]>;
  credentials?: Array<{ type: string; value: string; temporary: boolean }>;
  realmRoles: string[];
}
interface Realm {
  realm: string;
  enabled: boolean;
  roles: { realm: Array<{ name: string }> };
  users: User[];
  clients: Client[];
  components: Record<string, Array<{ providerId: string; config: Record<string, string[]> }>>;
}

const realm = JSON.parse(readFileSync(join(__dirname, '..', '..', 'deploy', 'keycloak', 'jaring-realm.json'), 'utf8')) as Realm;
/** Where the services look for each claim (their OIDC_* defaults, which the manifests and compose keep). */
const claims = new BaseServiceConfig();
/** Subsidies alone reads the funder a funder's staff work for. */
const funderClaim = new SubsidiesConfig().OIDC_FUNDER_CLAIM;
const people = realm.users.filter((user) => user.serviceAccountClientId === undefined);
const serviceAccounts = realm.users.filter((user) => user.serviceAccountClientId !== undefined);
const clientById = (clientId: string) => realm.clients.find((client) => client.clientId === clientId)!;
const sorted = (values: readonly string[] = []) => [...values].sort();

/** What a client's mappers put into an access token, as claim → value (a user attribute's claim as `<attribute>`). */
function accessTokenClaims(client: Client): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const mapper of client.protocolMappers) {
    expect(mapper.protocol).toBe('openid-connect');
    if (mapper.config['access.token.claim'] !== 'true') continue;
    if (mapper.protocolMapper === 'oidc-audience-mapper') result.aud = mapper.config['included.custom.audience'];
    else if (mapper.protocolMapper === 'oidc-hardcoded-claim-mapper') result[mapper.config['claim.name']] = mapper.config['claim.value'];
    else if (mapper.protocolMapper === 'oidc-usermodel-attribute-mapper')
      result[mapper.config['claim.name']] = `<${mapper.config['user.attribute']}${mapper.config.multivalued === 'true' ? '[]' : ''}>`;
    else throw new Error(`${client.clientId}: unexpected mapper ${mapper.protocolMapper}`);
  }
  return result;
}

describe('the Keycloak realm of docker compose', () => {
  it('is the realm jaring, with exactly the roles the development identities hold, each one the services know', () => {
    expect(realm.realm).toBe('jaring');
    expect(realm.enabled).toBe(true);
    const held = new Set([...DEVELOPMENT_USERS, ...DEVELOPMENT_CLIENTS].flatMap((holder) => holder.roles));
    expect(sorted(realm.roles.realm.map((role) => role.name))).toEqual(sorted([...held]));
    for (const role of held) expect(ROLES).toContain(role);
  });

  it('has the development users, with the same passwords, names, roles, regions and funders, and nobody else', () => {
    expect(sorted(people.map((user) => user.username))).toEqual(sorted(DEVELOPMENT_USERS.map((user) => user.username)));
    for (const expected of DEVELOPMENT_USERS) {
      const user = people.find((candidate) => candidate.username === expected.username)!;
      expect(user.enabled).toBe(true);
      expect(user.credentials).toEqual([{ type: 'password', value: expected.password, temporary: false }]);
      expect([user.firstName, user.lastName].filter(Boolean).join(' ')).toBe(expected.name);
      expect(sorted(user.realmRoles)).toEqual(sorted(expected.roles));
      expect(user.attributes?.regions).toEqual(expected.regions);
      expect(user.attributes?.funder).toEqual(expected.funder ? [expected.funder] : undefined);
    }
  });

  it('has the confidential clients, with the same secrets, for client credentials only, and their roles and regions on their service accounts', () => {
    const confidential = realm.clients.filter((client) => !client.publicClient);
    expect(sorted(confidential.map((client) => client.clientId))).toEqual(sorted(DEVELOPMENT_CLIENTS.map((client) => client.clientId)));
    expect(sorted(serviceAccounts.map((user) => user.serviceAccountClientId!))).toEqual(sorted(DEVELOPMENT_CLIENTS.map((c) => c.clientId)));
    for (const expected of DEVELOPMENT_CLIENTS) {
      const client = clientById(expected.clientId);
      expect({
        description: client.description,
        enabled: client.enabled,
        clientAuthenticatorType: client.clientAuthenticatorType,
        secret: client.secret,
        serviceAccountsEnabled: client.serviceAccountsEnabled,
        standardFlowEnabled: client.standardFlowEnabled,
        implicitFlowEnabled: client.implicitFlowEnabled,
        directAccessGrantsEnabled: client.directAccessGrantsEnabled,
      }).toEqual({
        description: expected.description,
        enabled: true,
        clientAuthenticatorType: 'client-secret',
        secret: expected.clientSecret,
        serviceAccountsEnabled: true,
        standardFlowEnabled: false,
        implicitFlowEnabled: false,
        directAccessGrantsEnabled: false,
      });
      const account = serviceAccounts.find((user) => user.serviceAccountClientId === expected.clientId)!;
      expect(account.username).toBe(`service-account-${expected.clientId}`);
      expect(account.enabled).toBe(true);
      expect(sorted(account.realmRoles)).toEqual(sorted(expected.roles));
      expect(account.attributes?.regions).toEqual(expected.regions);
      expect(account.credentials).toBeUndefined();
    }
  });

  it('puts into every access token the audience jaring-api, the realm roles, a subject, and regions and channel where the identities have them', () => {
    expect(JARING_API_AUDIENCE).toBe(claims.OIDC_AUDIENCE);
    // Keycloak's built-in scopes: `roles` writes realm_access.roles, `basic` the subject the services require
    expect(claims.OIDC_ROLES_CLAIM).toBe('realm_access.roles');
    for (const client of realm.clients) expect(client.defaultClientScopes).toEqual(expect.arrayContaining(['roles', 'basic']));

    for (const expected of DEVELOPMENT_CLIENTS) {
      expect(accessTokenClaims(clientById(expected.clientId))).toEqual({
        aud: JARING_API_AUDIENCE,
        ...(expected.regions ? { [claims.OIDC_REGIONS_CLAIM]: '<regions[]>' } : {}),
        ...(expected.channel ? { [claims.OIDC_CHANNEL_CLAIM]: expected.channel } : {}),
      });
    }
    // people sign in through the console: their regions and their funder, whatever the user
    expect(accessTokenClaims(clientById(CONSOLE_CLIENT.clientId))).toEqual({
      aud: JARING_API_AUDIENCE,
      [claims.OIDC_REGIONS_CLAIM]: '<regions[]>',
      [funderClaim]: '<funder>',
    });
  });

  it('keeps the regions and funder attributes: declared in the user profile, set by administrators only', () => {
    // Keycloak drops user attributes its user profile does not declare
    const [provider] = realm.components['org.keycloak.userprofile.UserProfileProvider'];
    expect(provider.providerId).toBe('declarative-user-profile');
    const profile = JSON.parse(provider.config['kc.user.profile.config'][0]) as {
      attributes: Array<{ name: string; multivalued?: boolean; required?: unknown; permissions: { edit: string[] } }>;
      unmanagedAttributePolicy?: string;
    };
    const regions = profile.attributes.find((attribute) => attribute.name === 'regions')!;
    expect(regions.multivalued).toBe(true);
    expect(regions.permissions.edit).toEqual(['admin']);
    const funder = profile.attributes.find((attribute) => attribute.name === 'funder')!;
    expect(funder.multivalued).toBe(false);
    expect(funder.permissions.edit).toEqual(['admin']);
    expect(profile.unmanagedAttributePolicy).toBeUndefined();
    // nothing the development users lack is required, so signing in never stops at a profile form
    expect(profile.attributes.filter((attribute) => attribute.required !== undefined)).toEqual([]);
  });

  it('has the console as a public client: authorization code with PKCE S256, the same redirect URIs', () => {
    expect(realm.clients.filter((client) => client.publicClient).map((client) => client.clientId)).toEqual([CONSOLE_CLIENT.clientId]);
    const console = clientById(CONSOLE_CLIENT.clientId);
    expect({
      enabled: console.enabled,
      secret: console.secret,
      standardFlowEnabled: console.standardFlowEnabled,
      implicitFlowEnabled: console.implicitFlowEnabled,
      directAccessGrantsEnabled: console.directAccessGrantsEnabled,
      serviceAccountsEnabled: console.serviceAccountsEnabled,
      pkce: console.attributes?.['pkce.code.challenge.method'],
    }).toEqual({
      enabled: true,
      secret: undefined,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
      pkce: 'S256',
    });
    expect(sorted(console.redirectUris)).toEqual(sorted(CONSOLE_CLIENT.redirectUris));
    expect(sorted(console.attributes?.['post.logout.redirect.uris']?.split('##'))).toEqual(sorted(CONSOLE_CLIENT.postLogoutRedirectUris));
  });
});
