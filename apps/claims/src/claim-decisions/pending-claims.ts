import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { todayOf, type Clock } from '@jaring/domain';
import { CLOCK } from '@jaring/platform';
import { ClaimRepository } from '../claims/claim.repository';
import { ClaimDecider } from './claim-decider';
import { caseOf, ClaimRedecision, CLAIMS_SERVICE_ACTOR } from './claim-redecision';

/** Advisory-lock namespace of the workers' facts (the second key is one of FACT_LOCK_SLOTS slots). */
const FACT_LOCK_NAMESPACE = 17_017;
/** Workers share slots, so that a batch of thousands of workers takes at most this many locks. */
const FACT_LOCK_SLOTS = 256;

/**
 * The claims waiting for their facts (status PENDING_FACTS), decided when the facts arrive or when the wait
 * is over.
 *
 * A claim and the event bringing its facts may cross: the submission reads the read models before the
 * consumer commits, the consumer looks for waiting claims before the submission commits, and each misses the
 * other. Both therefore take the worker's facts lock first (`lockFacts`, a transaction-scoped advisory lock on
 * the worker's slot): one waits for the other to commit, and then sees what it wrote.
 */
@Injectable()
export class PendingClaims {
  constructor(
    private readonly claims: ClaimRepository,
    private readonly decider: ClaimDecider,
    private readonly redecision: ClaimRedecision,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Serialises, per worker, the facts' consumers with the claims decided on them (in slot order: no deadlock). */
  async lockFacts(manager: EntityManager, workerIds: readonly string[]): Promise<void> {
    if (!workerIds.length) return;
    await manager.query(
      `SELECT pg_advisory_xact_lock($1, slot)
         FROM (SELECT DISTINCT abs(hashtext(w::text) % $2) AS slot FROM unnest($3::uuid[]) AS w ORDER BY slot) AS slots`,
      [FACT_LOCK_NAMESPACE, FACT_LOCK_SLOTS, [...workerIds]],
    );
  }

  /** After a consumer wrote these workers' facts (its lock taken first): their waiting claims decided again. */
  async factsArrived(manager: EntityManager, workerIds: readonly string[]): Promise<void> {
    if (!workerIds.length) return;
    const waiting = await this.claims.pendingOf(manager, [...new Set(workerIds)]);
    for (const claim of waiting) {
      const decision = await this.decider.decide(manager, caseOf(claim), { factsWaitOver: false });
      await this.redecision.record(manager, claim, decision, this.by('FACTS_ARRIVED'));
    }
  }

  /**
   * Claims submitted `waitHours` ago or earlier and still waiting: decided on what is known (the claims of at
   * most `limit` of them; how many were decided). Their workers' facts locks come first, as for the consumers: a
   * consumer that has written a worker's facts and not yet committed is waited for, and the claim is decided on
   * them, instead of each missing the other (the consumer skips a claim the sweep holds).
   */
  async waitOver(manager: EntityManager, waitHours: number, limit: number): Promise<number> {
    const submittedBy = new Date(this.clock.now().getTime() - waitHours * 3_600_000);
    const workerIds = await this.claims.workersPendingSince(manager, submittedBy, limit);
    if (!workerIds.length) return 0;
    await this.lockFacts(manager, workerIds);
    const waiting = await this.claims.pendingSince(manager, submittedBy, workerIds);
    for (const claim of waiting) {
      const decision = await this.decider.decide(manager, caseOf(claim), { factsWaitOver: true });
      await this.redecision.record(manager, claim, decision, this.by('FACTS_WAIT_OVER'));
    }
    return waiting.length;
  }

  private by(trigger: 'FACTS_ARRIVED' | 'FACTS_WAIT_OVER') {
    return { trigger, actor: CLAIMS_SERVICE_ACTOR, at: this.clock.now(), today: todayOf(this.clock) };
  }
}
