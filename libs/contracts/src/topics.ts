/**
 * The Kafka topics of docs/api.md. Names carry a version: a new, incompatible stream would be a new topic.
 * Every message's key is the worker id, so one worker's events stay in order in one partition.
 */
export const Topics = {
  enrollmentWorkers: 'enrollment.workers.v1',
  contributionsInvoices: 'contributions.invoices.v1',
  contributionsCoverage: 'contributions.coverage.v1',
  subsidiesSponsorships: 'subsidies.sponsorships.v1',
  claimsClaims: 'claims.claims.v1',
  claimsPayouts: 'claims.payouts.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);

/** Where a consumer puts the messages it cannot process, with the reason in the headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
