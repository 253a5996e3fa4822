// What the access token says about its holder, read to decide which menus to show. The services check the
// token's signature and decide for themselves; the console only reads the claims they read
// (docs/api.md, "Who may call": `realm_access.roles`, `regions`).

export type Role =
  | 'agent'
  | 'channel'
  | 'enrollment-officer'
  | 'verifier'
  | 'approver'
  | 'finance'
  | 'auditor'
  | 'operator'
  | 'programme-officer'
  | 'funder';

const KNOWN_ROLES: readonly Role[] = [
  'agent',
  'channel',
  'enrollment-officer',
  'verifier',
  'approver',
  'finance',
  'auditor',
  'operator',
  'programme-officer',
  // a funder's staff (their token names their funder; subsidies narrows what they see to it)
  'funder',
];

export interface Holder {
  subject: string;
  roles: Role[];
  regions: string[];
}

/** The claims of a JWT access token's payload (not verified: the services verify it). */
export function holderOf(accessToken: string): Holder {
  const [, payload] = accessToken.split('.');
  if (!payload) throw new Error('the access token is not a JWT');
  const claims = JSON.parse(decodeBase64Url(payload)) as { sub?: unknown; realm_access?: { roles?: unknown }; regions?: unknown };
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  return {
    subject: typeof claims.sub === 'string' ? claims.sub : '',
    // roles the platform does not know are ignored, as the services ignore them
    roles: strings(claims.realm_access?.roles).filter((role): role is Role => (KNOWN_ROLES as readonly string[]).includes(role)),
    regions: strings(claims.regions),
  };
}

function decodeBase64Url(text: string): string {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The console's screens and who may open them: the roles of the routes each screen calls (docs/api.md). */
export const SCREEN_ROLES = {
  // GET /v1/workers and /v1/workers/{id}; the worker's page adds invoices and coverage, which the same roles may read
  workers: ['agent', 'enrollment-officer', 'verifier', 'approver', 'finance', 'auditor'],
  // GET /v1/programmes, /v1/programmes/{id} and its report, and the funders they belong to (subsidies)
  programmes: ['programme-officer', 'auditor', 'funder'],
} as const satisfies Record<string, readonly Role[]>;

export type Screen = keyof typeof SCREEN_ROLES;

export function isScreen(name: string | undefined): name is Screen {
  return name !== undefined && Object.hasOwn(SCREEN_ROLES, name);
}

export function mayOpen(holder: Pick<Holder, 'roles'> | undefined, screen: Screen): boolean {
  if (!holder) return false;
  const allowed: readonly Role[] = SCREEN_ROLES[screen];
  return holder.roles.some((role) => allowed.includes(role));
}
