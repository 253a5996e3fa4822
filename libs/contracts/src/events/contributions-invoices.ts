import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { IsIsoDate, IsPeriod, IsProgramCode, IsRupiah } from './shared-fields';

export const PAYERS = ['SELF', 'CSR', 'APBD', 'APBN'];

export class InvoiceLine {
  @IsProgramCode() program!: string;
  @IsRupiah() amount!: number;
}

export class InvoiceIssuedV1 {
  @IsUUID() invoiceId!: string;
  @IsUUID() workerId!: string;
  @IsPeriod() period!: string;
  @IsRupiah() amount!: number;
  @IsIn(PAYERS) payer!: string;
  @IsIsoDate() dueDate!: string;
  @IsArray() @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => InvoiceLine) lines!: InvoiceLine[];
  /** Set when a sponsorship pays this period: the subsidies service answers with a payment authorisation. */
  @IsOptional() @IsUUID() sponsorshipId?: string;
  /** The part of `amount` the sponsor pays (its programmes' lines); the worker pays the rest. */
  @IsOptional() @IsRupiah() sponsoredAmount?: number;
}

export class InvoicePaidV1 {
  @IsUUID() invoiceId!: string;
  @IsUUID() workerId!: string;
  @IsPeriod() period!: string;
  @IsRupiah() amount!: number;
  @IsUUID() paymentId!: string;
  @IsIn(PAYERS) paidBy!: string;
}

export class InvoiceOverdueV1 {
  @IsUUID() invoiceId!: string;
  @IsUUID() workerId!: string;
  @IsPeriod() period!: string;
  @IsRupiah() amount!: number;
  @IsIsoDate() dueDate!: string;
}

export const REFUND_REASONS = ['WORKER_DIED', 'DEREGISTERED', 'LAPSED'];

/**
 * Money paid on an invoice that can no longer be paid goes back to whoever paid it: one event per payer of an
 * invoice. `reason`: WORKER_DIED or DEREGISTERED for a month after the month of the death or of the leaving;
 * LAPSED for an open month of a membership that lapsed with part of it paid. SELF: owed to the worker, which claims pays with the death claim, to the
 * claim's payee; a sponsor's part (with its `sponsorshipId`): subsidies credits it back to the programme's budget.
 */
export class ContributionRefundedV1 {
  @IsUUID() refundId!: string;
  @IsUUID() invoiceId!: string;
  @IsUUID() workerId!: string;
  @IsPeriod() period!: string;
  @IsIn(PAYERS) payer!: string;
  @IsRupiah() amount!: number;
  @IsIn(REFUND_REASONS) reason!: string;
  @IsOptional() @IsUUID() sponsorshipId?: string;
  /** The subsidy payment authorisation the sponsor's part was paid under. */
  @IsOptional() @IsUUID() authorisationId?: string;
}

export const InvoiceIssued = defineEvent({
  type: 'contributions.invoice.issued',
  version: 1,
  topic: Topics.contributionsInvoices,
  summary: "A worker's contribution for one period was billed, by programme.",
  dataClass: InvoiceIssuedV1,
});

export const InvoicePaid = defineEvent({
  type: 'contributions.invoice.paid',
  version: 1,
  topic: Topics.contributionsInvoices,
  summary: 'An invoice was paid in full, by the worker or by a funder.',
  dataClass: InvoicePaidV1,
});

export const InvoiceOverdue = defineEvent({
  type: 'contributions.invoice.overdue',
  version: 1,
  topic: Topics.contributionsInvoices,
  summary: 'An invoice passed its due date unpaid.',
  dataClass: InvoiceOverdueV1,
});

export const ContributionRefunded = defineEvent({
  type: 'contributions.contribution.refunded',
  version: 1,
  topic: Topics.contributionsInvoices,
  summary:
    "A contribution paid for a month that can no longer be covered (after the worker's death or leaving, or an open month of a lapsed membership) is refunded to the one who paid it.",
  dataClass: ContributionRefundedV1,
});
