import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ContributionRefundedV1, EventEnvelope } from '@jaring/contracts';
import { rupiah, rowsOf } from '@jaring/platform';
import { BudgetChanges } from '../budget/budget-changes';
import { derivedId } from '../domain/derived-id';
import { refundDecision } from '../domain/sponsor-refund';

/** A refund this budget cannot take: the event is refused whole and, after its retries, dead-lettered with the reason. */
export class UncreditableRefund extends Error {
  override readonly name = 'UncreditableRefund';
}

interface MonthRow {
  programme_id: string;
  authorisation_id: string | null;
  authorised_amount: string | null;
  refund_id: string | null;
}

/**
 * `contributions.contribution.refunded` for a sponsor's part (payer not SELF, with its sponsorship): the month was
 * paid for a period after the worker's death, and the money goes back to the programme's budget (a REFUND entry,
 * SPENT → AVAILABLE; the programme's `refunded` total). The month keeps the refund's id: credited once per refund
 * (the inbox drops a redelivered event, the month the same refund under a new event id), and a second refund of a
 * month, a month the programme never paid, another authorisation or more than was paid is refused. The worker's own
 * part (SELF) is claims' to pay to the claim's payee: nothing here.
 */
@Injectable()
export class CreditSponsorRefundsHandler {
  private readonly logger = new Logger('CreditSponsorRefunds');

  async handle(manager: EntityManager, event: EventEnvelope<ContributionRefundedV1>): Promise<void> {
    const refund = event.data;
    if (refund.payer === 'SELF' || !refund.sponsorshipId) return;
    const [month] = await rowsOf<MonthRow>(
      manager,
      `SELECT programme_id, authorisation_id, authorised_amount, refund_id FROM sponsored_months
        WHERE sponsorship_id = $1 AND period = $2 AND worker_id = $3 FOR UPDATE`,
      [refund.sponsorshipId, refund.period, refund.workerId],
    );
    const decision = refundDecision(
      month && {
        authorisationId: month.authorisation_id,
        authorisedAmount: month.authorised_amount === null ? null : rupiah(month.authorised_amount),
        refundId: month.refund_id,
      },
      refund,
    );
    if (decision.decision === 'ALREADY_CREDITED') return;
    if (decision.decision === 'REFUSE') {
      throw new UncreditableRefund(
        `refund ${refund.refundId} of sponsorship ${refund.sponsorshipId}, ${refund.period}: ${decision.reason}`,
      );
    }
    await manager.query('UPDATE sponsored_months SET refund_id = $3, refunded_amount = $4 WHERE worker_id = $1 AND period = $2', [
      refund.workerId,
      refund.period,
      refund.refundId,
      refund.amount,
    ]);
    await new BudgetChanges()
      .move({
        id: derivedId('refund', refund.refundId),
        programmeId: month.programme_id,
        from: 'SPENT',
        to: 'AVAILABLE',
        amount: refund.amount,
        kind: 'REFUND',
        sponsorshipId: refund.sponsorshipId,
      })
      .apply(manager);
    await manager.query('UPDATE programmes SET refunded = refunded + $2 WHERE id = $1', [month.programme_id, refund.amount]);
    this.logger.log({ message: 'sponsor refund credited to the budget', refundId: refund.refundId, programmeId: month.programme_id });
  }
}
