import { ClaimantDataProtector, maskAccountNumber, sealContext } from '../personal-data/claimant-data-protector';
import type { ClaimRecord } from './claim-record';

/** Who claims, as a submission brings them: personal data, sealed before it is stored. */
export interface ClaimantInput {
  fullName: string;
  nik: string;
  bankAccount: { bankCode: string; accountNumber: string; accountName: string };
}

/** A new claim's claimant columns: name and NIK sealed, the bank account sealed and masked. */
export function claimantColumns(
  protector: ClaimantDataProtector,
  claimId: string,
  claimant: ClaimantInput,
): Pick<ClaimRecord, 'claimantSealed' | 'bankAccountSealed' | 'bankAccountMasked'> {
  return {
    claimantSealed: protector.sealJson({ fullName: claimant.fullName, nik: claimant.nik }, sealContext.claimant(claimId)),
    bankAccountSealed: protector.sealJson({ ...claimant.bankAccount }, sealContext.claimBankAccount(claimId)),
    bankAccountMasked: maskAccountNumber(claimant.bankAccount.accountNumber),
  };
}

/** A new claim's later decisions and payment: none yet. */
export const NOTHING_DECIDED_YET = Object.freeze({
  verifiedBy: null,
  approvedBy: null,
  rejectionReason: null,
  payoutHold: null,
  paidOn: null,
  paidAmount: null,
  latePenalty: null,
} satisfies Partial<ClaimRecord>);
