import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { IsIsoDate, IsRupiah } from './shared-fields';

export const CLAIM_TYPES = ['JKM', 'JKK', 'JHT'];
export const CLAIM_KINDS = [
  'DEATH',
  'MEDICAL',
  'TEMPORARY_INCAPACITY',
  'PERMANENT_PARTIAL_DISABILITY',
  'PERMANENT_TOTAL_DISABILITY',
  'SAVINGS',
  // a school year's scholarship for a child, paid on a JKM or JKK death or a JKK total disability
  'SCHOLARSHIP',
];

/** The facts a claim may wait for (libs/domain pending-facts.ts). */
export const AWAITABLE_FACTS = ['WORKER', 'HEIRS', 'COVERAGE'];
export const ASSESSMENT_TRIGGERS = ['FACTS_ARRIVED', 'FACTS_WAIT_OVER', 'REASSESSMENT'];

export class BenefitComponent {
  @IsString() name!: string;
  @IsRupiah() amount!: number;
}

/** Claims carry amounts and codes, never the claimant's name, NIK or bank account. */
export class ClaimSubmittedV1 {
  @IsUUID() claimId!: string;
  @IsUUID() workerId!: string;
  @IsIn(CLAIM_TYPES) type!: string;
  @IsIn(CLAIM_KINDS) kind!: string;
  @IsIsoDate() incidentDate!: string;
  @IsString() claimantRelationship!: string;
  @IsBoolean() eligible!: boolean;
  @IsArray() @IsString({ each: true }) reasonCodes!: string[];
  @IsRupiah() benefitTotal!: number;
  /**
   * Present and not empty when the claim waits for facts claims has not heard of yet (`WORKER`, `HEIRS`,
   * `COVERAGE`): its status is `PENDING_FACTS`, `eligible` is false until `claims.claim.assessed` says otherwise.
   */
  @IsOptional() @IsArray() @IsIn(AWAITABLE_FACTS, { each: true }) awaitingFacts?: string[];
}

/**
 * A claim's eligibility decided again: a claim waiting for facts when they arrived (`FACTS_ARRIVED`) or when
 * the wait was over (`FACTS_WAIT_OVER`), or a recorded ineligible claim a verifier asked to reassess
 * (`REASSESSMENT`). `status` is `SUBMITTED` once decided (`PENDING_FACTS` when facts are still awaited);
 * `previousReasonCodes` are the reasons it had before.
 */
export class ClaimAssessedV1 {
  @IsUUID() claimId!: string;
  @IsUUID() workerId!: string;
  @IsIn(CLAIM_TYPES) type!: string;
  @IsIn(CLAIM_KINDS) kind!: string;
  @IsIsoDate() assessedOn!: string;
  @IsIn(ASSESSMENT_TRIGGERS) trigger!: string;
  @IsIn(['PENDING_FACTS', 'SUBMITTED']) status!: string;
  @IsBoolean() eligible!: boolean;
  @IsArray() @IsString({ each: true }) reasonCodes!: string[];
  @IsArray() @IsString({ each: true }) previousReasonCodes!: string[];
  @IsArray() @IsIn(AWAITABLE_FACTS, { each: true }) awaitingFacts!: string[];
  @IsRupiah() benefitTotal!: number;
}

export class ClaimDecidedV1 {
  @IsUUID() claimId!: string;
  @IsUUID() workerId!: string;
  @IsIn(CLAIM_TYPES) type!: string;
  @IsIsoDate() decidedOn!: string;
  @IsOptional() @IsString() reason?: string;
  @IsRupiah() benefitTotal!: number;
}

export class ClaimBankAccountCorrectedV1 {
  @IsUUID() claimId!: string;
  @IsUUID() workerId!: string;
  @IsIsoDate() correctedOn!: string;
  /**
   * The claim's status after the correction: `SUBMITTED` when a verified or approved claim went back to
   * verification (four eyes). Absent in messages written before it was added.
   */
  @IsOptional() @IsIn(['SUBMITTED', 'VERIFIED', 'APPROVED']) status?: string;
}

/**
 * The bank gave back a transfer it had reported paid (`claims.claim.paid` was announced for it): the money is
 * back in the claims fund, the claim is `APPROVED` again, held until its bank account is corrected, and a later
 * batch pays it (a new `claims.claim.paid`, for the same `claimId`). A reader of `claims.claim.paid` keeps one
 * payment per claim: this event undoes the payment it names (`paidOn`, `amount`); the facts behind the claim
 * (a death, an accident) stand.
 */
export class ClaimPaymentReturnedV1 {
  @IsUUID() claimId!: string;
  @IsUUID() workerId!: string;
  @IsIn(CLAIM_TYPES) type!: string;
  @IsIn(CLAIM_KINDS) kind!: string;
  /** What had been paid and is now back in the fund, and the day the bank had reported it paid. */
  @IsRupiah() amount!: number;
  @IsIsoDate() paidOn!: string;
  @IsIsoDate() returnedOn!: string;
  /** The bank's reason (a code such as ACCOUNT_CLOSED or NAME_MISMATCH): never an account or a name. */
  @IsString() reason!: string;
}

/**
 * `amount` is everything transferred: the benefit plus `latePenalty` (the 1%-a-day compensation for
 * paying after the service level), so `amount` is the sum of `components`, which include the penalty.
 */
export class ClaimPaidV1 {
  @IsUUID() claimId!: string;
  @IsUUID() workerId!: string;
  @IsIn(CLAIM_TYPES) type!: string;
  @IsIn(CLAIM_KINDS) kind!: string;
  @IsRupiah() amount!: number;
  @IsRupiah() latePenalty!: number;
  @IsIsoDate() paidOn!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => BenefitComponent) components!: BenefitComponent[];
  /** The date of the accident or death (absent in messages written before it was added). */
  @IsOptional() @IsIsoDate() incidentDate?: string;
}

/** A claim's transfer put into a payout batch (the amount reserved in the claims ledger). */
export class PayoutScheduledV1 {
  @IsUUID() payoutId!: string;
  @IsUUID() batchId!: string;
  @IsUUID() claimId!: string;
  @IsUUID() workerId!: string;
  @IsRupiah() amount!: number;
  @IsRupiah() latePenalty!: number;
  @IsOptional() @IsIsoDate() dueOn?: string;
}

export class PayoutResultV1 {
  @IsUUID() payoutId!: string;
  @IsUUID() batchId!: string;
  @IsUUID() claimId!: string;
  @IsUUID() workerId!: string;
  @IsRupiah() amount!: number;
  @IsOptional() @IsString() failureReason?: string;
}

/** A payout line the bank had reported paid, given back: its amount moved from the claimant back to the fund. */
export class PayoutReturnedV1 {
  @IsUUID() payoutId!: string;
  @IsUUID() batchId!: string;
  @IsUUID() claimId!: string;
  @IsUUID() workerId!: string;
  @IsRupiah() amount!: number;
  @IsString() returnReason!: string;
}

export const ClaimSubmitted = defineEvent({
  type: 'claims.claim.submitted',
  version: 1,
  topic: Topics.claimsClaims,
  summary: 'A claim was recorded with its eligibility decision and computed benefit.',
  dataClass: ClaimSubmittedV1,
});

export const ClaimAssessed = defineEvent({
  type: 'claims.claim.assessed',
  version: 1,
  topic: Topics.claimsClaims,
  summary:
    "A claim's eligibility was decided again: a claim waiting for facts once they arrived or the wait was over, or an ineligible claim a verifier reassessed on today's facts.",
  dataClass: ClaimAssessedV1,
});

export const ClaimVerified = defineEvent({
  type: 'claims.claim.verified',
  version: 1,
  topic: Topics.claimsClaims,
  summary: "A back-office verifier checked an eligible claim's documents (the maker of maker-checker).",
  dataClass: ClaimDecidedV1,
});

export const ClaimApproved = defineEvent({
  type: 'claims.claim.approved',
  version: 1,
  topic: Topics.claimsClaims,
  summary: 'A verified claim was approved by a second back-office user (maker-checker).',
  dataClass: ClaimDecidedV1,
});

export const ClaimRejected = defineEvent({
  type: 'claims.claim.rejected',
  version: 1,
  topic: Topics.claimsClaims,
  summary: 'A claim was rejected, with the reason.',
  dataClass: ClaimDecidedV1,
});

export const ClaimBankAccountCorrected = defineEvent({
  type: 'claims.claim.bank-account-corrected',
  version: 1,
  topic: Topics.claimsClaims,
  summary: "The claimant's bank account was corrected after the bank refused a transfer; the claim can be paid again.",
  dataClass: ClaimBankAccountCorrectedV1,
});

export const ClaimPaid = defineEvent({
  type: 'claims.claim.paid',
  version: 1,
  topic: Topics.claimsClaims,
  summary: "The bank confirmed a claim's transfer: the worker or the family has the money.",
  dataClass: ClaimPaidV1,
});

export const ClaimPaymentReturned = defineEvent({
  type: 'claims.claim.payment-returned',
  version: 1,
  topic: Topics.claimsClaims,
  summary:
    "The bank gave back a claim's transfer it had reported paid: the claim is APPROVED again, held until its bank account is corrected; a later claims.claim.paid pays it.",
  dataClass: ClaimPaymentReturnedV1,
});

export const PayoutScheduled = defineEvent({
  type: 'claims.payout.scheduled',
  version: 1,
  topic: Topics.claimsPayouts,
  summary: "A claim's transfer was put into a payout batch; its amount is reserved in the ledger until the bank answers.",
  dataClass: PayoutScheduledV1,
});

export const PayoutSucceeded = defineEvent({
  type: 'claims.payout.succeeded',
  version: 1,
  topic: Topics.claimsPayouts,
  summary: 'One payout line of a batch was confirmed paid by the bank.',
  dataClass: PayoutResultV1,
});

export const PayoutFailed = defineEvent({
  type: 'claims.payout.failed',
  version: 1,
  topic: Topics.claimsPayouts,
  summary: 'One payout line failed at the bank (e.g. closed account); it can be paid again once corrected.',
  dataClass: PayoutResultV1,
});

export const PayoutReturned = defineEvent({
  type: 'claims.payout.returned',
  version: 1,
  topic: Topics.claimsPayouts,
  summary: 'One payout line the bank had reported paid was returned (e.g. account closed, name mismatch); the ledger reverses it.',
  dataClass: PayoutReturnedV1,
});
