import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { EVENTS } from '@jaring/contracts';
import { waitFor } from '../../support/wait-for';
import { funderWithKey, nominate, openProgramme, processed, register, workersSeen, type FunderAccess } from './fixtures';
import { clientAs, envelope, produce, startSubsidies, type SubsidiesHarness } from './harness';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A partner's receiver on 127.0.0.1: answers with the statuses given, in turn (then 200), and keeps every request. */
async function receiver(statuses: number[] = []): Promise<{ url: string; requests: Received[]; close: () => Promise<void> }> {
  const requests: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      response.statusCode = statuses.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A partner's receiver that answers every delivery with `status` and a body that never ends (until the
 * connection is closed): counts what it got out, and whether its answer was cut off.
 */
async function endlessReceiver(status: number): Promise<{
  url: string;
  answer: { startedAt?: number; bytes: number; closed: boolean; ended: boolean };
  close: () => Promise<void>;
}> {
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  const answer = { startedAt: undefined as number | undefined, bytes: 0, closed: false, ended: false };
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      answer.startedAt ??= Date.now();
      response.statusCode = status;
      response.on('close', () => (answer.closed = true));
      const pump = (): void => {
        // 4 GiB at most: "endless" for any sender that reads it, and still an end for this test's server
        while (!response.destroyed && answer.bytes < 4096 * chunk.length) {
          answer.bytes += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        if (!response.destroyed) {
          answer.ended = true;
          response.end();
        }
      };
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    answer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a partner does with a delivery: verify it with the Standard Webhooks library, then read it. */
function verified(secret: string, request: Received): { type: string; timestamp: string; data: any } {
  const headers = {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  };
  return new Webhook(secret).verify(request.body, headers) as { type: string; timestamp: string; data: any };
}

describe("subsidies webhooks: signed, retried with backoff, for the funder's own events", () => {
  let h: SubsidiesHarness;
  let company: FunderAccess;
  let other: FunderAccess;
  const RETRY_BASE_MS = 150;

  beforeAll(async () => {
    h = await startSubsidies('webhooks', {
      now: '2026-07-10T02:00:00Z',
      env: { WEBHOOK_RETRY_BASE_MS: String(RETRY_BASE_MS), WEBHOOK_POLL_MS: '50' },
    });
    const officer = clientAs(h, 'programme-officer');
    company = await funderWithKey(h, officer, { name: 'PT Sahabat Pekerja', type: 'CSR' });
    other = await funderWithKey(h, officer, { name: 'PT Lain', type: 'CSR' });
  });
  afterAll(async () => h?.close());

  it('delivers grants, exhaustion and ends, each verified by the partner with its secret', async () => {
    const partner = await receiver();
    try {
      const created = await company.call('POST', `/v1/funders/${company.funderId}/webhooks`, { url: partner.url });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        funderId: company.funderId,
        url: partner.url,
        events: expect.arrayContaining([EVENTS.SponsorshipGranted.type]),
      });
      const secret: string = created.body.secret;
      expect(secret).toMatch(/^whsec_/);
      const listed = await company.call('GET', `/v1/funders/${company.funderId}/webhooks`);
      expect(listed.body.items).toEqual([expect.objectContaining({ id: created.body.id })]);
      expect(listed.text).not.toContain(secret.slice(6));

      const programme = await openProgramme(company, { budget: 8_400 * 3 + 100, coverageMonths: 3, selection: 'NOMINATED' });
      const [first, second] = await register(h, [{ regionCode: '5310' }, { regionCode: '5310' }]);
      await waitFor(() => workersSeen(h, [first, second]), 'the registrations');
      const grant = await nominate(company, programme.id, { workerIds: [first] });
      expect(grant.body.items[0].status).toBe('GRANTED');
      expect((await nominate(company, programme.id, { workerIds: [second] })).body.items[0]).toMatchObject({
        status: 'REFUSED',
        reason: 'BUDGET_EXHAUSTED',
      });
      await produce(h.producer, [
        envelope(EVENTS.WorkerDeregistered, first, { workerId: first, deregisteredOn: '2026-07-15', reason: 'DIED' }),
      ]);

      await waitFor(() => partner.requests.length >= 3, 'three deliveries');
      const deliveries = partner.requests.map((request) => verified(secret, request));
      const byType = new Map(deliveries.map((d) => [d.type, d]));
      expect(byType.get(EVENTS.SponsorshipGranted.type)!.data).toMatchObject({
        sponsorshipId: grant.body.items[0].sponsorshipId,
        programmeId: programme.id,
        workerId: first,
        months: 3,
        reservedAmount: 3 * 8_400,
        firstPeriod: '2026-07',
        lastPeriod: '2026-09',
      });
      expect(byType.get(EVENTS.BudgetExhausted.type)!.data).toMatchObject({
        programmeId: programme.id,
        remaining: 100,
        reason: 'BUDGET_EXHAUSTED',
      });
      expect(byType.get(EVENTS.SponsorshipEnded.type)!.data).toMatchObject({
        workerId: first,
        reason: 'WORKER_DEREGISTERED',
        releasedAmount: 3 * 8_400,
      });
      expect(new Set(partner.requests.map((r) => r.headers['webhook-id'])).size).toBe(3);

      // The check is real: another secret, or a body changed on the way, does not verify.
      const one = partner.requests.find((request) => request.body.includes('"months":3'))!;
      expect(() => verified(`whsec_${Buffer.from('not the secret at all, no').toString('base64')}`, one)).toThrow();
      expect(() => verified(secret, { ...one, body: one.body.replace('"months":3', '"months":30') })).toThrow();
    } finally {
      await partner.close();
    }
  });

  it('retries a failing receiver with growing delays, same id and body, until it answers 2xx', async () => {
    const flaky = await receiver([500, 503]);
    try {
      const created = await company.call('POST', `/v1/funders/${company.funderId}/webhooks`, {
        url: flaky.url,
        events: [EVENTS.SponsorshipGranted.type],
      });
      const programme = await openProgramme(company, { budget: 1_000_000, coverageMonths: 2, selection: 'NOMINATED' });
      const [worker] = await register(h, [{ regionCode: '5310' }]);
      await waitFor(() => workersSeen(h, [worker]), 'the registration');
      await nominate(company, programme.id, { workerIds: [worker] });

      await waitFor(() => flaky.requests.length === 3, 'two failures, then the delivery');
      const [a, b, c] = flaky.requests;
      expect(new Set([a, b, c].map((r) => r.headers['webhook-id'])).size).toBe(1);
      expect(new Set([a, b, c].map((r) => r.body)).size).toBe(1);
      expect(verified(created.body.secret, c).data.workerId).toBe(worker);
      // Exponential backoff: at least the base before the 2nd attempt, twice the base before the 3rd.
      expect(b.at - a.at).toBeGreaterThanOrEqual(RETRY_BASE_MS - 5);
      expect(c.at - b.at).toBeGreaterThanOrEqual(2 * RETRY_BASE_MS - 5);
      await waitFor(
        async () =>
          (
            await h.dataSource.query(
              'SELECT attempts, delivered_at IS NOT NULL AS delivered, last_status FROM webhook_deliveries WHERE id = $1',
              [a.headers['webhook-id']],
            )
          )[0]?.delivered,
        'the delivery recorded',
      );
      const [row] = await h.dataSource.query('SELECT attempts, last_status FROM webhook_deliveries WHERE id = $1', [
        a.headers['webhook-id'],
      ]);
      expect(row).toEqual({ attempts: 3, last_status: 200 });
    } finally {
      await flaky.close();
    }
  });

  it('tells a funder of claims paid to the workers it sponsored, and to nobody else', async () => {
    const partner = await receiver();
    const otherPartner = await receiver();
    try {
      const created = await company.call('POST', `/v1/funders/${company.funderId}/webhooks`, {
        url: partner.url,
        events: [EVENTS.ClaimPaid.type],
      });
      await other.call('POST', `/v1/funders/${other.funderId}/webhooks`, { url: otherPartner.url });
      const programme = await openProgramme(company, { budget: 1_000_000, coverageMonths: 3, selection: 'NOMINATED' });
      const [sponsored, unsponsored] = await register(h, [{ regionCode: '5310' }, { regionCode: '5310' }]);
      await waitFor(() => workersSeen(h, [sponsored, unsponsored]), 'the registrations');
      await nominate(company, programme.id, { workerIds: [sponsored] });
      const paid = (workerId: string) =>
        envelope(EVENTS.ClaimPaid, workerId, {
          claimId: randomUUID(),
          workerId,
          type: 'JKM',
          kind: 'DEATH',
          amount: 42_000_000,
          latePenalty: 0,
          paidOn: '2026-08-01',
          components: [{ name: 'JKM', amount: 42_000_000 }],
        });
      const [forSponsored, forOther] = [paid(sponsored), paid(unsponsored)];
      await produce(h.producer, [forOther, forSponsored]);
      await waitFor(() => partner.requests.length === 1, 'the claim delivered');
      expect(verified(created.body.secret, partner.requests[0])).toMatchObject({
        type: EVENTS.ClaimPaid.type,
        data: {
          claimId: forSponsored.data.claimId,
          workerId: sponsored,
          type: 'JKM',
          kind: 'DEATH',
          amount: 42_000_000,
          programmeIds: [programme.id],
        },
      });
      await waitFor(() => processed(h, [forOther.id]), 'the other claim processed');
      expect(
        await h.dataSource.query('SELECT count(*)::int AS n FROM webhook_deliveries WHERE payload LIKE $1', [`%${forOther.data.claimId}%`]),
      ).toEqual([{ n: 0 }]);
      expect(otherPartner.requests).toEqual([]);
    } finally {
      await partner.close();
      await otherPartner.close();
    }
  });

  /** Queues deliveries for an endpoint straight into the table, as many notices would have (the flows would take too long). */
  async function queue(
    endpointId: string,
    count: number,
    { dueIn, attempts = 0, delivered = false }: { dueIn: string; attempts?: number; delivered?: boolean },
  ): Promise<void> {
    await h.dataSource.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_type, payload, attempts, last_error, next_attempt_at, delivered_at)
       SELECT gen_random_uuid(), $1, $2, $3, $4, CASE WHEN $4 > 0 AND NOT $5 THEN 'HTTP 503' END,
              now() + $6::interval - make_interval(secs => g), CASE WHEN $5 THEN now() END
       FROM generate_series(1, $7::int) AS g`,
      [
        endpointId,
        EVENTS.SponsorshipGranted.type,
        JSON.stringify({ type: EVENTS.SponsorshipGranted.type, timestamp: '2026-07-10T02:00:00.000Z', data: {} }),
        attempts,
        delivered,
        dueIn,
        count,
      ],
    );
  }
  const stateOf = async (endpointId: string) =>
    h.dataSource.query(
      `SELECT count(*)::int AS n, delivered_at IS NOT NULL AS delivered, failed_at IS NOT NULL AS failed, last_error, attempts
       FROM webhook_deliveries WHERE endpoint_id = $1 GROUP BY 2, 3, 4, 5 ORDER BY 2, 3, 4, 5`,
      [endpointId],
    );

  it('gives up the deliveries still queued for an endpoint when it is disabled, and only those', async () => {
    const stale = await receiver();
    try {
      const created = await other.call('POST', `/v1/funders/${other.funderId}/webhooks`, { url: stale.url });
      expect(created.status).toBe(201);
      const endpointId: string = created.body.id;
      await queue(endpointId, 60, { dueIn: '1 hour', attempts: 2 }); // refused twice, waiting for their next attempt
      await queue(endpointId, 1, { dueIn: '-1 hour', attempts: 1, delivered: true });

      expect((await other.call('DELETE', `/v1/funders/${other.funderId}/webhooks/${endpointId}`)).status).toBe(204);
      expect(await stateOf(endpointId)).toEqual([
        { n: 60, delivered: false, failed: true, last_error: 'endpoint disabled', attempts: 2 },
        { n: 1, delivered: true, failed: false, last_error: null, attempts: 1 },
      ]);
      // Disabling again changes nothing more; another funder's partner cannot.
      expect((await other.call('DELETE', `/v1/funders/${other.funderId}/webhooks/${endpointId}`)).status).toBe(204);
      expect(await company.call('DELETE', `/v1/funders/${other.funderId}/webhooks/${endpointId}`)).toMatchObject({
        status: 403,
        body: { type: 'https://jaring.id/problems/other-funder' },
      });
      expect(await stateOf(endpointId)).toHaveLength(2);
      expect(stale.requests).toEqual([]);
    } finally {
      await stale.close();
    }
  });

  it("reads a partner's answer only up to a cap: an endless body is cut off, the outcome recorded at once with its first bytes", async () => {
    const flood = await endlessReceiver(503);
    let endpointId: string | undefined;
    try {
      const created = await company.call('POST', `/v1/funders/${company.funderId}/webhooks`, { url: flood.url });
      expect(created.status).toBe(201);
      endpointId = created.body.id as string;
      // Its last attempt (the 10th, WEBHOOK_MAX_ATTEMPTS): one answer to read, no retry after it.
      await queue(endpointId, 1, { dueIn: '0 seconds', attempts: 9 });
      const stateOf = async () =>
        (
          await h.dataSource.query(
            `SELECT attempts, last_status, last_error, last_response, failed_at IS NOT NULL AS failed
             FROM webhook_deliveries WHERE endpoint_id = $1`,
            [endpointId],
          )
        )[0];
      const recorded = await waitFor(async () => (await stateOf())?.failed && Date.now(), 'the attempt recorded');
      expect(await stateOf()).toEqual({
        attempts: 10,
        last_status: 503,
        last_error: 'HTTP 503',
        last_response: 'x'.repeat(1024),
        failed: true,
      });
      // Recorded long before the request's timeout (WEBHOOK_TIMEOUT_MS, 10 s here), which reading on would have run into.
      expect(recorded - flood.answer.startedAt!).toBeLessThan(5_000);
      await waitFor(() => flood.answer.closed, "the receiver's connection closed");
      expect(flood.answer.ended).toBe(false);
      // What the receiver got out is what the socket buffers took before the sender stopped reading: megabytes at most.
      expect(flood.answer.bytes).toBeLessThan(64 * 1024 * 1024);
    } finally {
      // the company's later deliveries are not for this receiver
      if (endpointId) await company.call('DELETE', `/v1/funders/${company.funderId}/webhooks/${endpointId}`);
      await flood.close();
    }
  });

  it("keeps delivering every funder's events while rounds' worth of deliveries for a disabled endpoint are due", async () => {
    const stale = await receiver();
    const partner = await receiver();
    let disabledId: string | undefined;
    try {
      const disabled = await other.call('POST', `/v1/funders/${other.funderId}/webhooks`, { url: stale.url });
      disabledId = disabled.body.id as string;
      expect((await other.call('DELETE', `/v1/funders/${other.funderId}/webhooks/${disabledId}`)).status).toBe(204);
      // Due deliveries of a disabled endpoint, older than anything else: left by disables before deliveries
      // were given up with them, or queued by a notice whose transaction read the endpoint before its disable.
      // Four rounds' worth (a round leases 50), as rounds may run side by side (replicas) and skip each other's rows.
      await queue(disabledId, 200, { dueIn: '-1 day' });

      const created = await company.call('POST', `/v1/funders/${company.funderId}/webhooks`, {
        url: partner.url,
        events: [EVENTS.SponsorshipGranted.type],
      });
      const programme = await openProgramme(company, { budget: 1_000_000, coverageMonths: 2, selection: 'NOMINATED' });
      const [worker] = await register(h, [{ regionCode: '5310' }]);
      await waitFor(() => workersSeen(h, [worker]), 'the registration');
      await nominate(company, programme.id, { workerIds: [worker] });

      await waitFor(() => partner.requests.length === 1, "the other funder's grant delivered", 15_000);
      expect(verified(created.body.secret, partner.requests[0]).data.workerId).toBe(worker);
      // The disabled endpoint's deliveries were never leased nor sent.
      expect(await stateOf(disabledId)).toEqual([{ n: 200, delivered: false, failed: false, last_error: null, attempts: 0 }]);
      expect(stale.requests).toEqual([]);
    } finally {
      if (disabledId) await h.dataSource.query('UPDATE webhook_deliveries SET failed_at = now() WHERE endpoint_id = $1', [disabledId]);
      await stale.close();
      await partner.close();
    }
  });

  it("keeps partners to their own funder's webhooks and validates them", async () => {
    expect(await other.call('POST', `/v1/funders/${company.funderId}/webhooks`, { url: 'https://example.com/x' })).toMatchObject({
      status: 403,
      body: { type: 'https://jaring.id/problems/other-funder' },
    });
    expect(await other.call('GET', `/v1/funders/${company.funderId}/webhooks`)).toMatchObject({
      status: 403,
      body: { type: 'https://jaring.id/problems/other-funder' },
    });
    const bad = await company.call('POST', `/v1/funders/${company.funderId}/webhooks`, {
      url: 'ftp://example.com',
      events: ['everything'],
    });
    expect(bad.status).toBe(400);
    expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['url', 'events']));
  });
});
