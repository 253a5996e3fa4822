import { IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { IsIsoDate, IsPeriod, IsProgramCodes, IsRupiah } from './shared-fields';

export const FUNDER_TYPES = ['APBN', 'APBD_PROVINCE', 'APBD_REGENCY', 'CSR'];

export class SponsorshipGrantedV1 {
  @IsUUID() sponsorshipId!: string;
  @IsUUID() programmeId!: string;
  @IsUUID() funderId!: string;
  @IsIn(FUNDER_TYPES) funderType!: string;
  @IsUUID() workerId!: string;
  @IsInt() @Min(1) months!: number;
  @IsArray() @IsProgramCodes() programs!: string[];
  @IsRupiah() reservedAmount!: number;
  /** The first sponsored period; the sponsorship covers firstPeriod .. firstPeriod + months - 1. */
  @IsPeriod() firstPeriod!: string;
}

export class SponsorshipEndedV1 {
  @IsUUID() sponsorshipId!: string;
  @IsUUID() programmeId!: string;
  @IsUUID() workerId!: string;
  @IsIn(['MONTHS_USED', 'WORKER_DEREGISTERED', 'WORKER_DIED', 'PROGRAMME_ENDED']) reason!: string;
  @IsInt() @Min(0) monthsPaid!: number;
  @IsRupiah() releasedAmount!: number;
  /**
   * The sponsorship's last sponsored period. From the period after it the worker pays alone (unless
   * another programme's sponsorship follows): the handover to self-payment.
   */
  @IsOptional() @IsPeriod() lastPeriod?: string;
}

export class SubsidyPaymentAuthorisedV1 {
  @IsUUID() authorisationId!: string;
  @IsUUID() sponsorshipId!: string;
  @IsUUID() programmeId!: string;
  @IsIn(FUNDER_TYPES) funderType!: string;
  @IsUUID() workerId!: string;
  @IsUUID() invoiceId!: string;
  @IsPeriod() period!: string;
  @IsRupiah() amount!: number;
}

export class BudgetExhaustedV1 {
  @IsUUID() programmeId!: string;
  @IsUUID() funderId!: string;
  @IsRupiah() budget!: number;
  @IsRupiah() remaining!: number;
  @IsIsoDate() exhaustedOn!: string;
  @IsOptional() @IsString() reason?: string;
}

export const SponsorshipGranted = defineEvent({
  type: 'subsidies.sponsorship.granted',
  version: 1,
  topic: Topics.subsidiesSponsorships,
  summary: "A funder's programme will pay a worker's contributions for some months; the cost is reserved.",
  dataClass: SponsorshipGrantedV1,
});

export const SponsorshipEnded = defineEvent({
  type: 'subsidies.sponsorship.ended',
  version: 1,
  topic: Topics.subsidiesSponsorships,
  summary: 'A sponsorship ended; the worker continues paying alone. Unused reservation returns to the budget.',
  dataClass: SponsorshipEndedV1,
});

export const SubsidyPaymentAuthorised = defineEvent({
  type: 'subsidies.subsidy.payment-authorised',
  version: 1,
  topic: Topics.subsidiesSponsorships,
  summary: 'A programme pays one sponsored invoice; the contributions service applies it as a payment.',
  dataClass: SubsidyPaymentAuthorisedV1,
});

export const BudgetExhausted = defineEvent({
  type: 'subsidies.budget.exhausted',
  version: 1,
  topic: Topics.subsidiesSponsorships,
  summary: "A programme's budget or quota cannot cover another sponsorship (announced once).",
  dataClass: BudgetExhaustedV1,
});
