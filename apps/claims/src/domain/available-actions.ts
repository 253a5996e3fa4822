import { approvalRefusal, verificationRefusal } from './four-eyes';

/** The decisions on a claim a caller may be offered (docs/api.md, "Claim answer"), each a route of its own. */
export const CLAIM_ACTIONS = [
  'record-documents',
  'verify',
  'approve',
  'reject',
  'correct-bank-account',
  // a recorded ineligible claim decided again on today's facts
  'reassess',
] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

/** What the actions are decided on: the claim as it stands, and who asks. */
export interface ActionFacts {
  status: string;
  eligible: boolean;
  documentsComplete: boolean;
  /** The subject who verified the claim, if anyone has. */
  verifiedBy: string | null;
  payoutHold: string | null;
  /** The first approval of a claim that needs two, while the second is awaited. */
  firstApprovedBy?: string | null;
  /** Who last changed the claimant's bank account (four eyes: they neither verify nor approve). */
  bankAccountChangedBy?: string | null;
}

export interface Asker {
  subject: string;
  roles: readonly string[];
}

/**
 * The decisions this caller may take on the claim now, by the same rules the routes apply (roles, the claim's
 * status, eligibility, documents, maker-checker), so that a screen offers only what the service would accept:
 * - `record-documents`: a verifier, while the claim is SUBMITTED;
 * - `verify`: a verifier, on a SUBMITTED claim that is eligible with its documents complete, unless they changed
 *   its bank account (four-eyes.ts);
 * - `approve`: an approver, on a VERIFIED claim they did not verify themselves (maker-checker), whose bank account
 *   they did not change, and, of a claim needing two approvals, not the first approver (four-eyes.ts);
 * - `reject`: a verifier or an approver, on a PENDING_FACTS, SUBMITTED or VERIFIED claim;
 * - `correct-bank-account`: a verifier, when the bank refused or returned the claim's transfer (the hold it
 *   lifts; the claim then goes back to verification). The route also takes a correction before any transfer;
 *   it is offered where it is needed.
 * - `reassess`: a verifier, on a SUBMITTED claim recorded ineligible (decided again on today's facts).
 */
export function availableActions(claim: ActionFacts, asker: Asker): ClaimAction[] {
  const verifier = asker.roles.includes('verifier');
  const approver = asker.roles.includes('approver');
  const offered: Record<ClaimAction, boolean> = {
    'record-documents': verifier && claim.status === 'SUBMITTED',
    verify:
      verifier && claim.status === 'SUBMITTED' && claim.eligible && claim.documentsComplete && !verificationRefusal(claim, asker.subject),
    approve: approver && claim.status === 'VERIFIED' && !approvalRefusal(claim, asker.subject),
    reject: (verifier || approver) && ['PENDING_FACTS', 'SUBMITTED', 'VERIFIED'].includes(claim.status),
    'correct-bank-account': verifier && claim.status === 'APPROVED' && claim.payoutHold !== null,
    reassess: verifier && claim.status === 'SUBMITTED' && !claim.eligible,
  };
  return CLAIM_ACTIONS.filter((action) => offered[action]);
}
