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
  // GET /v1/workers and /v1/workers/{id}; the worker's page adds invoices, payments and coverage, which the same roles may read
  workers: ['agent', 'enrollment-officer', 'verifier', 'approver', 'finance', 'auditor'],
  // GET /v1/programmes, /v1/programmes/{id} and its report, and the funders they belong to (subsidies)
  programmes: ['programme-officer', 'auditor', 'funder'],
  // GET /v1/claims and /v1/claims/{id}; the decisions on a claim are offered by the service itself (availableActions)
  claims: ['verifier', 'approver', 'finance', 'auditor'],
  // GET /v1/payout-batches and /{id}; making a batch and its files are finance's (the auditor reads)
  'payout-batches': ['finance', 'auditor'],
  // GET /v1/payout-ledger
  'payout-ledger': ['finance', 'auditor'],
  // GET /v1/worker-imports and /v1/worker-imports/{id} (an agent its own imports: the service decides)
  'worker-imports': ['agent', 'enrollment-officer', 'auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type Screen = keyof typeof SCREEN_ROLES;

/** What a screen offers beyond reading, and who may do it: the roles of the write it calls (docs/api.md). */
export const ACTION_ROLES: Partial<Record<Screen, Record<string, readonly Role[]>>> = {
  // POST /v1/worker-imports
  'worker-imports': { create: ['agent', 'enrollment-officer'] },
  // POST /v1/workers/{id}/deregistration, POST /v1/workers/{id}/death
  workers: { deregister: ['enrollment-officer'], record_death: ['enrollment-officer'] },
};

/** Opening a list or a record is reading; any other action is a write only ACTION_ROLES allows. */
const READING = new Set(['list', 'show', 'read']);

export function isScreen(name: string | undefined): name is Screen {
  return name !== undefined && Object.hasOwn(SCREEN_ROLES, name);
}

export function mayOpen(holder: Pick<Holder, 'roles'> | undefined, screen: Screen): boolean {
  return holds(holder, SCREEN_ROLES[screen]);
}

/** May the holder do `action` on the screen: read it (its SCREEN_ROLES), or a write ACTION_ROLES names. */
export function mayDo(holder: Pick<Holder, 'roles'> | undefined, screen: Screen, action: string): boolean {
  if (READING.has(action)) return mayOpen(holder, screen);
  const actions = ACTION_ROLES[screen] ?? {};
  return Object.hasOwn(actions, action) && holds(holder, actions[action]);
}

function holds(holder: Pick<Holder, 'roles'> | undefined, allowed: readonly Role[]): boolean {
  return holder ? holder.roles.some((role) => allowed.includes(role)) : false;
}
