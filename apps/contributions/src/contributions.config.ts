import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig, EnvInt } from '@jaring/platform';

/** The contributions service's settings, read from the environment and validated at start-up. */
export class ContributionsConfig extends BaseServiceConfig {
  override readonly serviceName = 'contributions';
  override PORT = 3002;

  /**
   * How often the schedule looks for work: the billing run of the current period when it is not done yet,
   * then overdue invoices and lapses as of the clock's today. 0 turns the schedule off (tests drive the
   * same jobs through POST /v1/billing-runs and POST /v1/arrears-runs). Default one minute.
   */
  @EnvInt()
  @IsInt({ message: 'must be a whole number of milliseconds (0 = off)' })
  @Min(0, { message: 'must be 0 (off) or more' })
  SCHEDULE_INTERVAL_MS = 60_000;

  /** Workers per transaction in a billing run (one batch of invoices and their events). */
  @EnvInt()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(50_000, { message: 'must be at most 50,000' })
  BILLING_BATCH_SIZE = 5_000;

  /**
   * POST /v1/payments by group commit: how long the first waiting payment waits for others before their
   * transaction starts (a lone payment waits no longer). 0: only those that arrive in the same tick.
   */
  @EnvInt()
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(0, { message: 'must be 0 or more' })
  @Max(10_000, { message: 'must be at most 10,000' })
  PAYMENT_GROUP_WINDOW_MS = 2;

  /** Payments in one group commit at most: a full group starts at once. 1 turns grouping off. */
  @EnvInt()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(1_000, { message: 'must be at most 1,000' })
  PAYMENT_GROUP_SIZE = 64;

  /** Group commits running at once (each holds a database connection); more payments gather meanwhile. */
  @EnvInt()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(8, { message: 'must be at most 8 (the pool has 10 connections)' })
  PAYMENT_GROUPS_IN_FLIGHT = 4;
}
