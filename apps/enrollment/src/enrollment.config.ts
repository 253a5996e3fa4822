import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig, decodeKey, EnvInt, IsKey } from '@jaring/platform';

/** The enrollment service's settings, read from the environment and validated at start-up. */
export class EnrollmentConfig extends BaseServiceConfig {
  override readonly serviceName = 'enrollment';
  override PORT = 3001;

  /**
   * AES-256-GCM key for the personal data stored at rest (NIKs, names, phone numbers, staged import rows):
   * 32 bytes, as 64 hex digits or base64. Required: there is no safe default for a key.
   */
  @IsKey({ minBytes: 32, maxBytes: 32 })
  NIK_ENCRYPTION_KEY!: string;

  /**
   * HMAC-SHA256 key of the NIK's keyed hash (`nikHash`): how a NIK is found without decrypting every row,
   * and how other services (claims) match a NIK without seeing it. Shared with them; at least 32 bytes,
   * hex or base64; must differ from the encryption key.
   */
  @IsKey({ minBytes: 32, maxBytes: 64, differentFrom: 'NIK_ENCRYPTION_KEY' })
  NIK_HASH_KEY!: string;

  /**
   * AES-256-GCM key that seals the birth dates enrollment's events carry for claims (its only consumer that
   * needs them): 32 bytes, hex or base64. Shared with claims only; must differ from the other keys.
   */
  @IsKey({ minBytes: 32, maxBytes: 32, differentFrom: 'NIK_ENCRYPTION_KEY' })
  EVENT_SEALING_KEY!: string;

  /** Largest worker import file accepted (bytes); a larger upload is a 413. Default 50 MB. */
  @EnvInt()
  @IsInt({ message: 'must be a whole number of bytes' })
  @Min(1024, { message: 'must be at least 1024 bytes' })
  IMPORT_MAX_BYTES = 50 * 1024 * 1024;

  /** Most data rows in one worker import; more is a 413. Default 100,000 (NTT's campaign: 18,515). */
  @EnvInt()
  @IsInt({ message: 'must be a whole number of rows' })
  @Min(1, { message: 'must be at least 1' })
  @Max(1_000_000, { message: 'must be at most 1,000,000' })
  IMPORT_MAX_ROWS = 100_000;

  /**
   * Days an import's refused rows (personal data, sealed) are kept after it finished, for
   * `GET /v1/worker-imports/{id}/failed-rows`; then the schedule deletes them. Default 30.
   */
  @EnvInt()
  @IsInt({ message: 'must be a whole number of days' })
  @Min(1, { message: 'must be at least 1 day' })
  @Max(3650, { message: 'must be at most 3650 days' })
  IMPORT_FAILED_ROWS_RETENTION_DAYS = 30;

  /**
   * How often the schedule looks for work: imports' refused rows past their retention. 0 turns it off (the
   * tests drive the purge themselves). Default one hour.
   */
  @EnvInt()
  @IsInt({ message: 'must be a whole number of milliseconds (0 = off)' })
  @Min(0, { message: 'must be 0 (off) or more' })
  SCHEDULE_INTERVAL_MS = 3_600_000;

  get nikEncryptionKey(): Buffer {
    return decodeKey(this.NIK_ENCRYPTION_KEY)!;
  }

  get nikHashKey(): Buffer {
    return decodeKey(this.NIK_HASH_KEY)!;
  }

  get eventSealingKey(): Buffer {
    return decodeKey(this.EVENT_SEALING_KEY)!;
  }
}
