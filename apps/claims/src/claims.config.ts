import { BaseServiceConfig, decodeKey, EnvIntRange, IsKey } from '@jaring/platform';
import { DEFAULT_SECOND_APPROVAL_ABOVE } from './domain/four-eyes';

/** The claims service's settings, read from the environment and validated at start-up. */
export class ClaimsConfig extends BaseServiceConfig {
  override readonly serviceName = 'claims';
  override PORT = 3004;

  /**
   * The HMAC-SHA256 key of NIK hashes, shared with enrollment (the same value): a claimant's NIK is
   * matched to the worker's heirs by its keyed hash, never in clear. Hex or base64, 32 to 64 bytes.
   */
  @IsKey({ minBytes: 32, maxBytes: 64 })
  NIK_HASH_KEY!: string;

  /** AES-256-GCM key of the claimants' personal data at rest (name, NIK, bank account): 32 bytes, hex or base64. */
  @IsKey({ minBytes: 32, maxBytes: 32 })
  CLAIMANT_ENCRYPTION_KEY!: string;

  /**
   * AES-256-GCM key of the birth dates enrollment's events carry sealed (the worker's age at an incident, the
   * heirs' ages): the same value as enrollment's, 32 bytes, hex or base64. Only enrollment and claims hold it.
   */
  @IsKey({ minBytes: 32, maxBytes: 32, differentFrom: 'CLAIMANT_ENCRYPTION_KEY' })
  EVENT_SEALING_KEY!: string;

  /**
   * Claims whose benefit is above this many rupiah need two approvals by two different approvers, neither of
   * them the verifier (four eyes on large amounts). Fixed for a claim when it is verified. Default Rp100,000,000.
   */
  @EnvIntRange(0, 1_000_000_000_000)
  SECOND_APPROVAL_ABOVE = DEFAULT_SECOND_APPROVAL_ABOVE;

  /**
   * Hours a claim waits for facts claims may not have heard of yet (the worker, the heirs, the coverage of the
   * incident's month) before it is decided on what is known. Those events normally arrive within seconds; the
   * wait covers an outage of a service, its outbox relay or Kafka overnight, and stays well inside the 3 working
   * days a JKM death must be paid in. 0: no waiting (decided at once). Default 24.
   */
  @EnvIntRange(0, 720)
  CLAIM_FACTS_WAIT_HOURS = 24;

  /**
   * How often the schedule looks for work: claims whose wait for facts is over. 0 turns it off (the tests drive
   * it themselves). Default 5 minutes.
   */
  @EnvIntRange(0, 86_400_000)
  SCHEDULE_INTERVAL_MS = 300_000;

  get eventSealingKey(): Buffer {
    return decodeKey(this.EVENT_SEALING_KEY)!;
  }

  get nikHashKey(): Buffer {
    return decodeKey(this.NIK_HASH_KEY)!;
  }

  get claimantEncryptionKey(): Buffer {
    return decodeKey(this.CLAIMANT_ENCRYPTION_KEY)!;
  }
}
