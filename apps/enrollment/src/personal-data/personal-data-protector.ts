import { hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventSealer, NikHasher, Sealer } from '@jaring/platform';
import { nameWords } from '../domain/name-words';
import { EnrollmentConfig } from '../enrollment.config';

/** The purpose label of the name index's key (HKDF's info): another label, another key. */
const NAME_INDEX_KEY_LABEL = 'jaring enrollment: worker name word index v1';

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
 * row), NIKs found through their keyed hash (the key shared with claims), names through the keyed hashes of
 * their words (a blind index, docs/design.md "Personal data"). See Sealer and NikHasher.
 *
 * The name index's HMAC key is derived (HKDF-SHA256, its own purpose label) from NIK_ENCRYPTION_KEY, which
 * enrollment alone holds: whoever could compute the index from a guessed name could already open the sealed
 * names themselves. NIK_HASH_KEY would not do: claims holds it too.
 */
@Injectable()
export class PersonalDataProtector {
  private readonly sealer: Sealer;
  private readonly hasher: NikHasher;
  private readonly eventSealer: EventSealer;
  private readonly nameWordHasher: NikHasher;

  constructor(config: EnrollmentConfig) {
    this.sealer = new Sealer(config.nikEncryptionKey);
    this.hasher = new NikHasher(config.nikHashKey);
    this.eventSealer = new EventSealer(config.eventSealingKey);
    const nameIndexKey = Buffer.from(hkdfSync('sha256', config.nikEncryptionKey, Buffer.alloc(0), NAME_INDEX_KEY_LABEL, 32));
    this.nameWordHasher = new NikHasher(nameIndexKey);
  }

  /**
   * A name's blind index: the keyed hash (HMAC-SHA256) of each of its words, folded as the search folds
   * them (`nameWords`). Two names sharing a word share that word's hash; nothing else can be read from it.
   */
  nameIndex(fullName: string): Buffer[] {
    return nameWords(fullName).map((word) => this.nameWordHash(word));
  }

  /** One folded word's hash in the name index (what a search for that word looks up). */
  nameWordHash(word: string): Buffer {
    return Buffer.from(this.nameWordHasher.hash(word), 'hex');
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
  /** The death certificate number the back office recorded (`workers.death_certificate_sealed`). */
  workerDeath: (workerId: string) => `worker-death:${workerId}`,
  importRow: (importId: string, row: number) => `import:${importId}:${row}`,
};
