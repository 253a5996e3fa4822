import { IsString, MinLength } from 'class-validator';
import { BaseServiceConfig, decodeKey, IsKey } from '@jaring/platform';

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
   * The HS256 secret back-office JWT bearer tokens are signed with (roles verifier, approver, finance,
   * auditor). A shared secret for now; the identity issue should move this to asymmetric keys from the
   * secret store, so that the claims service can verify tokens without being able to mint them.
   */
  @IsString({ message: 'must be a string' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET!: string;

  get nikHashKey(): Buffer {
    return decodeKey(this.NIK_HASH_KEY)!;
  }

  get claimantEncryptionKey(): Buffer {
    return decodeKey(this.CLAIMANT_ENCRYPTION_KEY)!;
  }
}
