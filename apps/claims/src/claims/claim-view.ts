import type { Benefit, EligibilityReason } from '@jaring/domain';
import { availableActions, type Asker, type ClaimAction } from '../domain/available-actions';
import { refundsStanding, type RefundOnRecord, type RefundsStanding } from '../domain/contribution-refunds';
import { missingDocuments, requiredDocuments } from '../domain/required-documents';
import type { AuditEntry } from './audit-trail';
import type { ClaimRecord } from './claim-record';

/** A claim as the API shows it to a caller (docs/api.md, "Claim answer", plus status details). No personal data. */
export interface ClaimView {
  id: string;
  workerId: string;
  type: string;
  kind: string;
  incidentDate: string;
  submittedOn: string;
  status: string;
  claimant: { relationship: string; bankAccount: string };
  /** `awaitingFacts`: while PENDING_FACTS, the facts the claim waits for (`WORKER`, `HEIRS`, `COVERAGE`); else empty. */
  eligibility: { eligible: boolean; reasons: EligibilityReason[]; awaitingFacts: string[] };
  benefit: Benefit;
  documents: { received: string[]; missing: string[]; completeOn: string | null };
  dueOn: string | null;
  payoutHold: string | null;
  /** How many approvals the claim needs and has (null until it is verified): two above the configured amount. */
  approvals: { required: number; received: number } | null;
  rejectionReason: string | null;
  payment: { paidOn: string; amount: number; latePenalty: number } | null;
  history: Array<{ at: string; action: string; status: string | null; reason: string | null }>;
  /** A death claim: the worker's own contributions refunded after the death, paid with it (docs/rules.md, refund). */
  contributionRefunds?: RefundsStanding;
  /** A school year's scholarship: the claim it is paid on, the level and the school year; null for any other claim. */
  scholarship: { deathClaimId: string; level: string; schoolYear: number } | null;
  /** The decisions the caller may take now (domain/available-actions.ts); the routes decide anyway. */
  availableActions: ClaimAction[];
}

export function claimView(claim: ClaimRecord, audit: readonly AuditEntry[], caller: Asker, refunds?: readonly RefundOnRecord[]): ClaimView {
  const required = requiredDocuments(claim.type, claim.kind, {
    relationship: claim.claimantRelationship,
    leavingIndonesia: claim.details.leavingIndonesia === true,
  });
  return {
    id: claim.id,
    workerId: claim.workerId,
    type: claim.type,
    kind: claim.kind,
    incidentDate: claim.incidentDate,
    submittedOn: claim.submittedOn,
    status: claim.status,
    claimant: { relationship: claim.claimantRelationship, bankAccount: claim.bankAccountMasked },
    eligibility: { eligible: claim.eligible, reasons: claim.reasons, awaitingFacts: claim.awaitingFacts },
    benefit: claim.benefit,
    documents: { received: claim.documents, missing: missingDocuments(required, claim.documents), completeOn: claim.documentsCompleteOn },
    dueOn: claim.dueOn,
    payoutHold: claim.payoutHold,
    approvals: approvalsOf(claim),
    rejectionReason: claim.rejectionReason,
    payment: claim.paidOn ? { paidOn: claim.paidOn, amount: claim.paidAmount ?? 0, latePenalty: claim.latePenalty ?? 0 } : null,
    // The public history says what happened and why, not who: the audit trail (auditors) names the people.
    scholarship:
      claim.kind === 'SCHOLARSHIP'
        ? {
            deathClaimId: String(claim.details.deathClaimId),
            level: String(claim.details.level),
            schoolYear: Number(claim.details.schoolYear),
          }
        : null,
    history: audit.map((e) => ({ at: e.at, action: e.action, status: e.toStatus, reason: e.reason })),
    ...(refunds ? { contributionRefunds: refundsStanding(refunds) } : {}),
    availableActions: availableActions(
      {
        status: claim.status,
        eligible: claim.eligible,
        documentsComplete: claim.documentsCompleteOn !== null,
        verifiedBy: claim.verifiedBy,
        payoutHold: claim.payoutHold,
        firstApprovedBy: claim.firstApprovedBy,
        bankAccountChangedBy: claim.bankAccountChangedBy,
      },
      caller,
    ),
  };
}

/** The approvals a verified claim needs and has: the first of two is recorded, the last one approves it. */
function approvalsOf(claim: ClaimRecord): ClaimView['approvals'] {
  if (!claim.approvalsRequired) return null;
  const received = claim.status === 'APPROVED' || claim.status === 'PAID' ? claim.approvalsRequired : claim.firstApprovedBy ? 1 : 0;
  return { required: claim.approvalsRequired, received };
}
