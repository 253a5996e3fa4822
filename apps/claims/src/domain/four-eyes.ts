/**
 * Four eyes wherever money can be redirected (docs/rules.md, "Four eyes"). Who acted is compared by subject
 * (the person or client at the identity provider), whichever client or role they come through.
 */

/** The default amount above which a claim needs two approvals by two different approvers (Rp100,000,000). */
export const DEFAULT_SECOND_APPROVAL_ABOVE = 100_000_000;

/** How many approvals a claim of this benefit needs: two above the threshold, one up to it. */
export function approvalsRequired(benefitTotal: number, secondApprovalAbove: number): 1 | 2 {
  return benefitTotal > secondApprovalAbove ? 2 : 1;
}

/** The people who have already acted on a claim, as far as four eyes are concerned. */
export interface ClaimDeciders {
  verifiedBy: string | null;
  /** The first approval of a claim that needs two. */
  firstApprovedBy?: string | null;
  /** Who last changed the claimant's bank account after submission. */
  bankAccountChangedBy?: string | null;
}

/** Why a person may not take a step: a problem type (403) and the words of its detail. */
export interface FourEyesRefusal {
  type: 'maker-checker' | 'maker-checker-bank-account' | 'maker-checker-second-approval' | 'maker-checker-batch';
  detail: string;
}

const BANK_ACCOUNT_CHANGER: FourEyesRefusal = {
  type: 'maker-checker-bank-account',
  detail: "the person who changed the claim's bank account may neither verify nor approve it (four eyes)",
};

/** Why `subject` may not verify the claim, or null. */
export function verificationRefusal(claim: ClaimDeciders, subject: string): FourEyesRefusal | null {
  return claim.bankAccountChangedBy === subject ? BANK_ACCOUNT_CHANGER : null;
}

/** Why `subject` may not approve the claim (first or second approval), or null. */
export function approvalRefusal(claim: ClaimDeciders, subject: string): FourEyesRefusal | null {
  if (claim.verifiedBy === subject) {
    return { type: 'maker-checker', detail: 'the approver must be another person than the verifier (maker-checker)' };
  }
  if (claim.bankAccountChangedBy === subject) return BANK_ACCOUNT_CHANGER;
  if (claim.firstApprovedBy === subject) {
    return {
      type: 'maker-checker-second-approval',
      detail: 'this claim needs two approvals by two different approvers: you gave the first one',
    };
  }
  return null;
}

/** Why `subject` may not import the bank's results of a batch made by `batchMaker`, or null. */
export function resultsImportRefusal(batchMaker: string, subject: string): FourEyesRefusal | null {
  return batchMaker === subject
    ? { type: 'maker-checker-batch', detail: "the bank's results are imported by another person than the batch's maker (four eyes)" }
    : null;
}

/**
 * The status a claim goes back to when its bank account changes: a verified or approved claim is verified and
 * approved again (the earlier decisions saw another account); a submitted one is still to be verified.
 */
export function statusAfterBankAccountChange(status: string): string {
  return status === 'VERIFIED' || status === 'APPROVED' ? 'SUBMITTED' : status;
}
