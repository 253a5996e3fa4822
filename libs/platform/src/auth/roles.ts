/**
 * The roles a caller can hold (docs/api.md, "Who may call"). A token's roles outside this list are ignored:
 * an identity provider shared with other systems carries roles that mean nothing here.
 */
export const ROLES = [
  /** field agents: enrol workers of the regions in their token */
  'agent',
  /** payment channels (banks, e-wallets, agent networks): record payments */
  'channel',
  /** enrollment back office: deregistrations, heir corrections, every region */
  'enrollment-officer',
  /** claims back office */
  'verifier',
  'approver',
  'finance',
  /** reads everything, writes nothing */
  'auditor',
  /** billing and arrears runs */
  'operator',
  /** subsidies back office: funders, their API keys and programmes */
  'programme-officer',
  /** a funder or CSR partner, signed in with its API key: its own programmes only */
  'funder',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Every back-office role: they see workers of every region. */
export const BACK_OFFICE_ROLES = [
  'enrollment-officer',
  'verifier',
  'approver',
  'finance',
  'auditor',
  'operator',
  'programme-officer',
] as const;
