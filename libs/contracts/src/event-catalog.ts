import { EventCatalog } from './catalog';
import * as claims from './events/claims';
import * as coverage from './events/contributions-coverage';
import * as invoices from './events/contributions-invoices';
import * as workers from './events/enrollment-workers';
import * as sponsorships from './events/subsidies-sponsorships';

/** Every event Jaring produces, declared once. */
export const EVENTS = {
  WorkerRegistered: workers.WorkerRegistered,
  WorkerChanged: workers.WorkerChanged,
  WorkerDeregistered: workers.WorkerDeregistered,
  WorkerDied: workers.WorkerDied,
  WorkerRegisteredClearV1: workers.WorkerRegisteredClearV1,
  WorkerChangedClearV1: workers.WorkerChangedClearV1,
  InvoiceIssued: invoices.InvoiceIssued,
  InvoicePaid: invoices.InvoicePaid,
  InvoiceOverdue: invoices.InvoiceOverdue,
  ContributionRefunded: invoices.ContributionRefunded,
  CoverageActivated: coverage.CoverageActivated,
  CoverageExtended: coverage.CoverageExtended,
  CoverageLapsed: coverage.CoverageLapsed,
  SponsorshipGranted: sponsorships.SponsorshipGranted,
  SponsorshipEnded: sponsorships.SponsorshipEnded,
  SubsidyPaymentAuthorised: sponsorships.SubsidyPaymentAuthorised,
  BudgetExhausted: sponsorships.BudgetExhausted,
  ClaimSubmitted: claims.ClaimSubmitted,
  ClaimAssessed: claims.ClaimAssessed,
  ClaimVerified: claims.ClaimVerified,
  ClaimApproved: claims.ClaimApproved,
  ClaimRejected: claims.ClaimRejected,
  ClaimBankAccountCorrected: claims.ClaimBankAccountCorrected,
  ClaimPaid: claims.ClaimPaid,
  ClaimPaymentReturned: claims.ClaimPaymentReturned,
  PayoutScheduled: claims.PayoutScheduled,
  PayoutSucceeded: claims.PayoutSucceeded,
  PayoutFailed: claims.PayoutFailed,
  PayoutReturned: claims.PayoutReturned,
} as const;

export const EVENT_CATALOG = new EventCatalog(Object.values(EVENTS));
