import { Injectable } from '@nestjs/common';
import { EventSealer, NikHasher, Sealer } from '@jaring/platform';
import { EnrollmentConfig } from '../enrollment.config';

/** A worker's personal data, sealed together in one column (one cipher operation per worker). */
export interface WorkerPersonalData {
  nik: string;
  fullName: string;
  phone: string;
}

export interface HeirPersonalData {
  nik: string;
  fullName: string;
}

/**
 * The enrollment service's personal data at rest: sealed with its AES-256-GCM key (values bound to their
 * row), NIKs found through their keyed hash (the key shared with claims). See Sealer and NikHasher.
 */
@Injectable()
export class PersonalDataProtector {
  private readonly sealer: Sealer;
  private readonly hasher: NikHasher;
  private readonly eventSealer: EventSealer;

  constructor(config: EnrollmentConfig) {
    this.sealer = new Sealer(config.nikEncryptionKey);
    this.hasher = new NikHasher(config.nikHashKey);
    this.eventSealer = new EventSealer(config.eventSealingKey);
  }

  /** A birth date as enrollment's events carry it: sealed for claims (the only consumer that reads it). */
  sealedBirthDate(personId: string, birthDate: string): string {
    return this.eventSealer.sealBirthDate(personId, birthDate);
  }

  nikHash(nik: string): string {
    return this.hasher.hash(nik);
  }

  seal(plaintext: string, context: string): Buffer {
    return this.sealer.seal(plaintext, context);
  }

  open(sealed: Buffer, context: string): string {
    return this.sealer.open(sealed, context);
  }

  sealJson(value: object, context: string): Buffer {
    return this.sealer.sealJson(value, context);
  }

  openJson<T>(sealed: Buffer, context: string): T {
    return this.sealer.openJson<T>(sealed, context);
  }
}

/** The AAD of each sealed value: the row it belongs to, so values cannot be moved between rows. */
export const sealContext = {
  worker: (workerId: string) => `worker:${workerId}`,
  heir: (heirId: string) => `heir:${heirId}`,
  importRow: (importId: string, row: number) => `import:${importId}:${row}`,
};
