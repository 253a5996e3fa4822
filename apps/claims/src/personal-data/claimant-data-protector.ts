import { Injectable } from '@nestjs/common';
import { NikHasher, Sealer } from '@jaring/platform';
import { ClaimsConfig } from '../claims.config';

/** The claimant as stored: sealed at rest, never in events or logs. */
export interface ClaimantIdentity {
  fullName: string;
  nik: string;
}

export interface BankAccount {
  bankCode: string;
  accountNumber: string;
  accountName: string;
}

/**
 * Claimants' personal data at rest (docs/design.md, Personal data), sealed with the claims service's own key
 * and bound to its row; the NIK's keyed hash uses the key shared with enrollment, so it equals the heirs'
 * `nikHash` in enrollment's events. See Sealer and NikHasher.
 */
@Injectable()
export class ClaimantDataProtector {
  private readonly sealer: Sealer;
  private readonly hasher: NikHasher;

  constructor(config: ClaimsConfig) {
    this.sealer = new Sealer(config.claimantEncryptionKey);
    this.hasher = new NikHasher(config.nikHashKey);
  }

  nikHash(nik: string): string {
    return this.hasher.hash(nik);
  }

  sealJson(value: object, context: string): Buffer {
    return this.sealer.sealJson(value, context);
  }

  openJson<T>(sealed: Buffer, context: string): T {
    return this.sealer.openJson<T>(sealed, context);
  }
}

/** The AAD of each sealed column. */
export const sealContext = {
  claimant: (claimId: string) => `claim:${claimId}:claimant`,
  claimBankAccount: (claimId: string) => `claim:${claimId}:bank-account`,
  payoutBankAccount: (lineId: string) => `payout-line:${lineId}:bank-account`,
};

/** What a screen may show of an account: the last 4 digits. */
export function maskAccountNumber(accountNumber: string): string {
  return `****${accountNumber.slice(-4)}`;
}
