/**
 * Who can sign in to a local platform (`npm start`, the tests, the demo): one person per role, field agents
 * for two regions, the staff of two funders, and confidential clients for machines and scripts. Their secrets are published
 * development values, like the other development settings (../dev-settings.ts): never for production,
 * where the identity provider (Keycloak, say) holds the real ones. deploy/keycloak/jaring-realm.json mirrors
 * this list for a local Keycloak.
 */

/** The audience of every access token the services accept (their `OIDC_AUDIENCE`). */
export const JARING_API_AUDIENCE = 'jaring-api';
/** The resource indicator the development provider issues API tokens for (RFC 8707). */
export const JARING_API_RESOURCE = 'urn:jaring:api';

/** What a token says about its holder; the services read these claims (docs/api.md, "Who may call"). */
export interface IdentityClaims {
  /** `realm_access.roles`, where Keycloak puts realm roles. */
  roles: string[];
  /** The regency codes an agent serves (`regions`). */
  regions?: string[];
  /** The payment channel a `channel` client is (`channel`). */
  channel?: string;
  /**
   * The funder a funder's staff work for, by its code (`funder`): the programme officer registers the funder
   * with this code (README, "Signing in").
   */
  funder?: string;
}

export interface DevelopmentUser extends IdentityClaims {
  /** The login name, also the token's subject. */
  username: string;
  password: string;
  name: string;
}

export interface DevelopmentClient extends IdentityClaims {
  clientId: string;
  clientSecret: string;
  description: string;
}

const password = (username: string) => `dev-${username}-pass`;
const user = (username: string, name: string, claims: IdentityClaims): DevelopmentUser => ({
  username,
  password: password(username),
  name,
  ...claims,
});

export const DEVELOPMENT_USERS: readonly DevelopmentUser[] = [
  user('agent.kupang', 'Agen Kota Kupang', { roles: ['agent'], regions: ['5371'] }),
  user('agent.ttu', 'Agen Kabupaten Timor Tengah Utara', { roles: ['agent'], regions: ['5303'] }),
  user('enrollment.officer', 'Petugas Kepesertaan', { roles: ['enrollment-officer'] }),
  user('verifier', 'Verifikator Klaim', { roles: ['verifier'] }),
  user('approver', 'Penyetuju Klaim', { roles: ['approver'] }),
  // two people holding both claim roles: each may verify or approve, never approve what they verified (maker-checker)
  user('claims.officer.a', 'Petugas Klaim A', { roles: ['verifier', 'approver'] }),
  user('claims.officer.b', 'Petugas Klaim B', { roles: ['verifier', 'approver'] }),
  user('finance', 'Keuangan', { roles: ['finance'] }),
  // a second finance officer: the bank's results of a batch are imported by another person than its maker (four eyes)
  user('finance.checker', 'Pemeriksa Keuangan', { roles: ['finance'] }),
  user('auditor', 'Auditor', { roles: ['auditor'] }),
  user('operator', 'Operator', { roles: ['operator'] }),
  user('programme.officer', 'Petugas Program Subsidi', { roles: ['programme-officer'] }),
  user('funder.ntt', 'Staf Pemprov NTT', { roles: ['funder'], funder: 'PEMPROV-NTT' }),
  user('funder.csr', 'Staf CSR Nusantara', { roles: ['funder'], funder: 'CSR-NUSANTARA' }),
];

const client = (clientId: string, description: string, claims: IdentityClaims): DevelopmentClient => ({
  clientId,
  clientSecret: `dev-${clientId}-secret`,
  description,
  ...claims,
});

/** Confidential clients (client credentials): a payment channel, and one per role for scripts and tests. */
export const DEVELOPMENT_CLIENTS: readonly DevelopmentClient[] = [
  client('channel-bank-ntt', 'a payment channel: Bank NTT', { roles: ['channel'], channel: 'BANK_NTT' }),
  client('channel-pos', 'a payment channel: Pos Indonesia', { roles: ['channel'], channel: 'POS_INDONESIA' }),
  client('agent-5371', 'scripts acting as a field agent of Kota Kupang', { roles: ['agent'], regions: ['5371'] }),
  client('agent-5303', 'scripts acting as a field agent of Kabupaten Timor Tengah Utara', { roles: ['agent'], regions: ['5303'] }),
  client('enrollment-officer', 'scripts acting as an enrollment officer', { roles: ['enrollment-officer'] }),
  client('verifier', 'scripts acting as a claims verifier', { roles: ['verifier'] }),
  client('approver', 'scripts acting as a claims approver', { roles: ['approver'] }),
  // one holder of both claim roles: the rule that an approver must not be the claim's verifier needs one to test
  client('claims-supervisor', 'scripts acting as a claims supervisor (verifier and approver)', { roles: ['verifier', 'approver'] }),
  client('finance', 'scripts acting as finance', { roles: ['finance'] }),
  // imports the bank's results of batches `finance` made: four eyes on the payouts
  client('finance-checker', 'scripts acting as a second finance officer', { roles: ['finance'] }),
  client('auditor', 'scripts acting as an auditor', { roles: ['auditor'] }),
  client('operator', 'scripts acting as an operator', { roles: ['operator'] }),
  client('programme-officer', 'scripts acting as a programme officer', { roles: ['programme-officer'] }),
];

/** Where the console's browser test serves it (test/e2e/console.test.ts): beside a running `npm start`'s 3000. */
export const CONSOLE_TEST_PORT = 13000;

/**
 * The back-office console: a public client (authorization code with PKCE, no secret). The development
 * provider also lets the console's browser test sign in on its own port (`test*`); the Keycloak realm, for a
 * local try-out, has the console's usual addresses only.
 */
export const CONSOLE_CLIENT = {
  clientId: 'jaring-console',
  redirectUris: ['http://127.0.0.1:3000/auth/callback', 'http://localhost:3000/auth/callback'],
  postLogoutRedirectUris: ['http://127.0.0.1:3000/', 'http://localhost:3000/'],
  testRedirectUris: [`http://127.0.0.1:${CONSOLE_TEST_PORT}/auth/callback`],
  testPostLogoutRedirectUris: [`http://127.0.0.1:${CONSOLE_TEST_PORT}/`],
} as const;

export function developmentClient(clientId: string): DevelopmentClient {
  const found = DEVELOPMENT_CLIENTS.find((candidate) => candidate.clientId === clientId);
  if (!found) throw new Error(`no development client "${clientId}"`);
  return found;
}
