import { randomUUID } from 'node:crypto';
import { EVENT_CATALOG, EVENTS } from './event-catalog';
import { EventCatalog, InvalidEventError, SupersededEventError, UndeclaredEventError } from './catalog';
import { defineEvent } from './event-definition';
import { Topics } from './topics';
import type { EventEnvelope } from './envelope';

function envelope(overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  const workerId = randomUUID();
  return {
    id: randomUUID(),
    type: 'enrollment.worker.changed',
    version: 2,
    occurredAt: '2026-11-26T10:00:00.000Z',
    source: 'enrollment',
    subject: workerId,
    correlationId: 'c-1',
    causationId: null,
    data: { workerId, declaredMonthlyIncome: 1500000, programs: ['JKK', 'JKM'], effectiveFrom: '2026-12' },
    ...overrides,
  };
}

describe('event catalog', () => {
  it('declares every event of docs/api.md once, on its topic', () => {
    const types = EVENT_CATALOG.definitions()
      .map((d) => `${d.topic} ${d.type}`)
      .sort();
    expect(types).toEqual([
      'claims.claims.v1 claims.claim.approved',
      'claims.claims.v1 claims.claim.assessed',
      'claims.claims.v1 claims.claim.bank-account-corrected',
      'claims.claims.v1 claims.claim.paid',
      'claims.claims.v1 claims.claim.payment-returned',
      'claims.claims.v1 claims.claim.rejected',
      'claims.claims.v1 claims.claim.submitted',
      'claims.claims.v1 claims.claim.verified',
      'claims.payouts.v1 claims.payout.failed',
      'claims.payouts.v1 claims.payout.returned',
      'claims.payouts.v1 claims.payout.scheduled',
      'claims.payouts.v1 claims.payout.succeeded',
      'contributions.coverage.v1 contributions.coverage.activated',
      'contributions.coverage.v1 contributions.coverage.extended',
      'contributions.coverage.v1 contributions.coverage.lapsed',
      'contributions.invoices.v1 contributions.contribution.refunded',
      'contributions.invoices.v1 contributions.invoice.issued',
      'contributions.invoices.v1 contributions.invoice.overdue',
      'contributions.invoices.v1 contributions.invoice.paid',
      // versions 1 (superseded: read, not produced) and 2
      'enrollment.workers.v1 enrollment.worker.changed',
      'enrollment.workers.v1 enrollment.worker.changed',
      'enrollment.workers.v1 enrollment.worker.deregistered',
      'enrollment.workers.v1 enrollment.worker.died',
      'enrollment.workers.v1 enrollment.worker.registered',
      'enrollment.workers.v1 enrollment.worker.registered',
      'subsidies.sponsorships.v1 subsidies.budget.exhausted',
      'subsidies.sponsorships.v1 subsidies.sponsorship.ended',
      'subsidies.sponsorships.v1 subsidies.sponsorship.granted',
      'subsidies.sponsorships.v1 subsidies.subsidy.payment-authorised',
    ]);
  });

  it('refuses to declare the same event and version twice', () => {
    expect(() => new EventCatalog([EVENTS.WorkerChanged, EVENTS.WorkerChanged])).toThrow(/declared twice/);
  });

  it('refuses an event named after another service than its topic', () => {
    expect(() =>
      defineEvent({ type: 'claims.worker.changed', version: 1, topic: Topics.enrollmentWorkers, summary: '', dataClass: class {} }),
    ).toThrow(/another service/);
  });

  it('accepts a valid event for producing', () => {
    expect(EVENT_CATALOG.assertProducible(envelope())).toBe(EVENTS.WorkerChanged);
  });

  it('refuses to produce an undeclared type or version', () => {
    expect(() => EVENT_CATALOG.assertProducible(envelope({ type: 'enrollment.worker.moved' }))).toThrow(UndeclaredEventError);
    expect(() => EVENT_CATALOG.assertProducible(envelope({ version: 3 }))).toThrow(UndeclaredEventError);
  });

  it('refuses to produce a superseded version, and still reads it', () => {
    const old = envelope({ version: 1 });
    expect(() => EVENT_CATALOG.assertProducible(old)).toThrow(SupersededEventError);
    expect(EVENT_CATALOG.decode(JSON.stringify(old))).toMatchObject({ ok: true, definition: EVENTS.WorkerChangedClearV1 });
  });

  it('refuses to produce invalid data, naming each field', () => {
    const bad = envelope();
    Object.assign(bad.data as object, { declaredMonthlyIncome: 1.5, programs: ['JKK', 'XYZ'], effectiveFrom: '2026-13' });
    try {
      EVENT_CATALOG.assertProducible(bad);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEventError);
      const reasons = (error as InvalidEventError).reasons.join('\n');
      expect(reasons).toMatch(/data.declaredMonthlyIncome/);
      expect(reasons).toMatch(/data.programs/);
      expect(reasons).toMatch(/data.effectiveFrom/);
    }
  });

  it('refuses unknown fields when producing but accepts them when consuming (additive changes)', () => {
    const extended = envelope();
    (extended.data as Record<string, unknown>).newOptionalField = 'x';
    expect(() => EVENT_CATALOG.assertProducible(extended)).toThrow(/newOptionalField/);
    expect(EVENT_CATALOG.decode(JSON.stringify(extended))).toMatchObject({ ok: true });
  });

  it('refuses an envelope with missing or malformed fields', () => {
    expect(() => EVENT_CATALOG.assertProducible(envelope({ id: 'not-a-uuid', occurredAt: 'yesterday', subject: '' }))).toThrow(
      /id: must be a UUID.*occurredAt.*subject/,
    );
  });

  it('decodes a message into an event or a reason', () => {
    expect(EVENT_CATALOG.decode(null)).toEqual({ ok: false, reason: 'empty message' });
    expect(EVENT_CATALOG.decode('{oops')).toEqual({ ok: false, reason: 'value is not JSON' });
    expect(EVENT_CATALOG.decode('42')).toEqual({ ok: false, reason: 'value is not an event envelope' });
    expect(EVENT_CATALOG.decode(JSON.stringify(envelope({ version: 7 })))).toEqual({
      ok: false,
      reason: 'undeclared event enrollment.worker.changed v7',
    });
    const ok = EVENT_CATALOG.decode(Buffer.from(JSON.stringify(envelope())));
    expect(ok.ok && ok.definition).toBe(EVENTS.WorkerChanged);
  });

  it('names the topics a set of handled types needs', () => {
    expect(EVENT_CATALOG.topicsOf(['contributions.coverage.lapsed', 'contributions.coverage.activated'])).toEqual([
      Topics.contributionsCoverage,
    ]);
    expect(() => EVENT_CATALOG.topicsOf(['nobody.sends.this'])).toThrow(UndeclaredEventError);
  });
});
