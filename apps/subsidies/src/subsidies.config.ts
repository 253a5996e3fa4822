import { IsBoolean, IsInt, Matches, Max, Min } from 'class-validator';
import { BaseServiceConfig, CLAIM_PATH, EnvBoolean, EnvInt, NotInProduction, type TokenSettings } from '@jaring/platform';

/** The subsidies service's settings, read from the environment and validated at start-up. */
export class SubsidiesConfig extends BaseServiceConfig {
  // Typed as string, not the literal, so that a test can run the service under its own name (and with it
  // its own Kafka consumer group).
  override readonly serviceName: string = 'subsidies';
  override PORT = 3003;

  /**
   * The claim of a funder's staff token naming their funder by its code (`PEMPROV-NTT`): a user attribute at the
   * identity provider. Only subsidies reads it; the other services ignore the `funder` role.
   */
  @Matches(CLAIM_PATH, { message: 'must be a claim name or a dotted path, e.g. funder' })
  OIDC_FUNDER_CLAIM: string = 'funder';

  override get tokenSettings(): TokenSettings {
    return { ...super.tokenSettings, funderClaim: this.OIDC_FUNDER_CLAIM };
  }

  /** Requests each caller (each API key; each subject signed in through each client) may make per minute, over every route. */
  @EnvInt()
  @IsInt({ message: 'must be an integer from 1 to 100000' })
  @Min(1, { message: 'must be an integer from 1 to 100000' })
  @Max(100_000, { message: 'must be an integer from 1 to 100000' })
  RATE_LIMIT_PER_MINUTE = 600;

  /** First retry of a failed webhook after this many ms; each later one waits twice as long. */
  @EnvInt()
  @IsInt({ message: 'must be an integer of milliseconds from 10' })
  @Min(10, { message: 'must be an integer of milliseconds from 10' })
  WEBHOOK_RETRY_BASE_MS = 10_000;

  /** A webhook delivery is abandoned after this many failed attempts (10 with the default base: ~2.8 hours). */
  @EnvInt()
  @IsInt({ message: 'must be an integer from 1 to 30' })
  @Min(1, { message: 'must be an integer from 1 to 30' })
  @Max(30, { message: 'must be an integer from 1 to 30' })
  WEBHOOK_MAX_ATTEMPTS = 10;

  /** How often the webhook sender looks for due deliveries. */
  @EnvInt()
  @IsInt({ message: 'must be an integer of milliseconds from 10' })
  @Min(10, { message: 'must be an integer of milliseconds from 10' })
  WEBHOOK_POLL_MS = 1_000;

  /** A receiver that does not answer within this many ms counts as a failed attempt. */
  @EnvInt()
  @IsInt({ message: 'must be an integer of milliseconds from 100' })
  @Min(100, { message: 'must be an integer of milliseconds from 100' })
  WEBHOOK_TIMEOUT_MS = 10_000;

  /**
   * Lets funders' webhooks point at loopback, private and other non-public addresses (and deliveries reach
   * them): local development and the tests run their receivers on 127.0.0.1. Refused in production.
   */
  @EnvBoolean()
  @IsBoolean({ message: 'must be true or false' })
  @NotInProduction()
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolean = false;
}
