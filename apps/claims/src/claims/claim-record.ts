import type { AwaitableFact, Benefit, ClaimKind, ClaimType, EligibilityReason, IsoDate } from '@jaring/domain';

export const CLAIM_STATUSES = [
  // waiting for facts claims has not heard of yet (the worker, the heirs, the coverage): decided when they come
  'PENDING_FACTS',
  'SUBMITTED',
  'VERIFIED',
  'APPROVED',
  'REJECTED',
  'PAID',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/**
 * Why an approved claim is kept out of payout batches until its bank account is corrected: the bank refused
 * the transfer (`BANK_ACCOUNT_REJECTED`), or gave back one it had reported paid (`PAYMENT_RETURNED`).
 */
export type PayoutHold = 'BANK_ACCOUNT_REJECTED' | 'PAYMENT_RETURNED';

/** A claim as stored (personal data still sealed). */
export interface ClaimRecord {
  id: string;
  workerId: string;
  type: ClaimType;
  kind: ClaimKind;
  incidentDate: IsoDate;
  submittedOn: IsoDate;
  claimantRelationship: string;
  claimantNikHash: string;
  claimantSealed: Buffer;
  bankAccountSealed: Buffer;
  bankAccountMasked: string;
  details: Record<string, unknown>;
  eligible: boolean;
  reasons: EligibilityReason[];
  /** While PENDING_FACTS: the facts the claim waits for (`WORKER`, `HEIRS`, `COVERAGE`); empty once decided. */
  awaitingFacts: AwaitableFact[];
  benefit: Benefit;
  benefitTotal: number;
  status: ClaimStatus;
  onceKey: string | null;
  documents: string[];
  documentsCompleteOn: IsoDate | null;
  dueOn: IsoDate | null;
  verifiedBy: string | null;
  approvedBy: string | null;
  // The four-eyes facts below are never set at submission (absent there, null when read back).
  /** The first approver of a claim that needs two (above the configured amount), until the second approves. */
  firstApprovedBy?: string | null;
  /** How many approvals the claim needs: fixed when it is verified (null before). */
  approvalsRequired?: 1 | 2 | null;
  /** Who last changed the claimant's bank account after submission: they may neither verify nor approve it. */
  bankAccountChangedBy?: string | null;
  rejectionReason: string | null;
  payoutHold: PayoutHold | null;
  paidOn: IsoDate | null;
  paidAmount: number | null;
  latePenalty: number | null;
}
