/** The back-office roles of the claims service (issue 7): who may do what. */
export const BACK_OFFICE_ROLES = ['verifier', 'approver', 'finance', 'auditor'] as const;
export type BackOfficeRole = (typeof BACK_OFFICE_ROLES)[number];

/** Who signed in: the token's subject (a staff id, never a name) and roles. */
export interface BackOfficeUser {
  id: string;
  roles: BackOfficeRole[];
}

/** The JWT claims the service reads: `sub` and `roles`. */
export interface BackOfficeTokenClaims {
  sub: string;
  roles: string[];
}

/** The scope of a back-office request's `Idempotency-Key`: keys are the signed-in user's own. */
export function idempotencyScopeOf(user: BackOfficeUser): string {
  return `back-office:${user.id}`;
}
