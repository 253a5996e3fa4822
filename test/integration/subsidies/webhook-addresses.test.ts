import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENTS } from '@jaring/contracts';
import { UseCaseError } from '@jaring/domain';
import { SERVICE_CONFIG } from '@jaring/platform';
import { RegisterWebhookHandler } from '../../../apps/subsidies/src/register-webhook/register-webhook.handler';
import type { SubsidiesConfig } from '../../../apps/subsidies/src/subsidies.config';
import { NON_PUBLIC_URL_REASON } from '../../../apps/subsidies/src/webhooks/webhook-destination';
import { waitFor } from '../../support/wait-for';
import { funderWithKey, type FunderAccess } from './fixtures';
import { clientAs, startSubsidies, type SubsidiesHarness } from './harness';

/** A receiver on 127.0.0.1 that answers 200 and counts what reaches it. */
async function receiver(): Promise<{ port: number; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server: Server = createServer((request, response) => {
    received += 1;
    request.resume();
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('subsidies webhooks reach only public addresses (WEBHOOK_ALLOW_PRIVATE_NETWORKS off)', () => {
  let h: SubsidiesHarness;
  let company: FunderAccess;
  const MAX_ATTEMPTS = 2;

  beforeAll(async () => {
    h = await startSubsidies('webhookaddresses', {
      now: '2026-07-10T02:00:00Z',
      env: {
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false',
        WEBHOOK_POLL_MS: '50',
        WEBHOOK_RETRY_BASE_MS: '200',
        WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      },
    });
    company = await funderWithKey(h, clientAs(h, 'programme-officer'), { name: 'PT Sahabat Pekerja', type: 'CSR' });
  });
  afterAll(async () => h?.close());

  const endpointsOf = async (funderId: string): Promise<number> =>
    (await h.dataSource.query('SELECT count(*)::int AS n FROM webhook_endpoints WHERE funder_id = $1', [funderId]))[0].n;

  it.each([
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data'],
    ['loopback', 'http://127.0.0.1:9/x'],
    ['IPv6 loopback', 'http://[::1]/x'],
    ['a private address', 'http://10.0.0.1/x'],
    ['a name that resolves to loopback', 'http://localhost/x'],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/x'],
    ['loopback as one decimal number', 'http://2130706433/x'],
    ['loopback in hex shorthand', 'http://0x7f.1/x'],
  ])('refuses to register %s (%s): 400 validation-error naming url, nothing written', async (_what, url) => {
    const response = await company.call('POST', `/v1/funders/${company.funderId}/webhooks`, { url });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      type: 'https://jaring.id/problems/validation-error',
      title: 'Invalid request',
      status: 400,
      errors: [{ field: 'url', reason: expect.any(String) }],
    });
    expect(response.body.errors).toHaveLength(1);
    expect(await endpointsOf(company.funderId)).toBe(0);
  });

  it("answers a refused address exactly as the validation pipe answers a malformed URL (the same problem's members)", async () => {
    const piped = await company.call('POST', `/v1/funders/${company.funderId}/webhooks`, { url: 'javascript:alert(1)' });
    const refused = await company.call('POST', `/v1/funders/${company.funderId}/webhooks`, {
      url: 'http://169.254.169.254/latest/meta-data',
    });
    expect(piped.status).toBe(400);
    expect(Object.keys(refused.body).sort()).toEqual(Object.keys(piped.body).sort());
    expect(refused.body).toEqual({
      ...piped.body,
      detail: expect.any(String),
      instance: expect.any(String),
      correlationId: expect.any(String),
      errors: [{ field: 'url', reason: NON_PUBLIC_URL_REASON }],
    });
    expect(refused.body.detail).toContain('url');
    expect(refused.text).not.toContain('169.254');
  });

  it('accepts a public address', async () => {
    const other = await funderWithKey(h, clientAs(h, 'programme-officer'), { name: 'PT Publik', type: 'CSR' });
    const response = await other.call('POST', `/v1/funders/${other.funderId}/webhooks`, { url: 'https://93.184.216.34/hooks' });
    expect(response.status).toBe(201);
  });

  it('in production accepts only https: URLs', async () => {
    const other = await funderWithKey(h, clientAs(h, 'programme-officer'), { name: 'PT Produksi', type: 'CSR' });
    const config = h.app.get<SubsidiesConfig>(SERVICE_CONFIG);
    const production = new RegisterWebhookHandler(h.dataSource, { ...config, NODE_ENV: 'production' } as SubsidiesConfig);
    const actor = { subject: 'programme-officer', clientId: 'programme-officer' };
    const refusal = await production.handle(other.funderId, { url: 'http://93.184.216.34/hooks' }, actor).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UseCaseError);
    expect((refusal as UseCaseError).details).toMatchObject({
      type: 'validation-error',
      errors: [{ field: 'url', reason: 'url must be an https URL' }],
    });
    expect(await endpointsOf(other.funderId)).toBe(0);
    await expect(production.handle(other.funderId, { url: 'https://93.184.216.34/hooks' }, actor)).resolves.toMatchObject({
      url: 'https://93.184.216.34/hooks',
    });
  });

  it.each([
    ['a name that resolves to loopback at send time', (port: number) => `http://localhost:${port}/hooks`],
    ['a loopback address (registered before the rule)', (port: number) => `http://127.0.0.1:${port}/hooks`],
  ])(
    'does not deliver to %s: nothing reaches the receiver, each attempt recorded failed and retried, then given up',
    async (_what, urlFor) => {
      const local = await receiver();
      try {
        // The endpoint as it would be had its name resolved to a public address at registration (DNS changes).
        const [endpoint] = await h.dataSource.query(
          `INSERT INTO webhook_endpoints (id, funder_id, url, events, secret) VALUES (gen_random_uuid(), $1, $2, NULL, $3) RETURNING id`,
          [company.funderId, urlFor(local.port), `whsec_${Buffer.from('a secret of twenty-four b').toString('base64')}`],
        );
        const [delivery] = await h.dataSource.query(
          `INSERT INTO webhook_deliveries (id, endpoint_id, event_type, payload, next_attempt_at)
           VALUES (gen_random_uuid(), $1, $2, $3, now()) RETURNING id`,
          [endpoint.id, EVENTS.SponsorshipGranted.type, JSON.stringify({ type: EVENTS.SponsorshipGranted.type, data: {} })],
        );
        const stateOf = async () =>
          (
            await h.dataSource.query(
              `SELECT attempts, last_status, last_error, delivered_at IS NOT NULL AS delivered, failed_at IS NOT NULL AS failed
               FROM webhook_deliveries WHERE id = $1`,
              [delivery.id],
            )
          )[0];

        await waitFor(async () => (await stateOf()).attempts >= 1 && (await stateOf()).last_error !== null, 'the first attempt');
        const first = await stateOf();
        expect(first).toMatchObject({ delivered: false, last_status: null });
        expect(first.last_error).toMatch(/^NonPublicAddressError: refused: .*non-public address; not connected$/);
        expect(first.last_error).not.toContain('whsec_');

        await waitFor(async () => (await stateOf()).failed, 'the delivery given up');
        expect(await stateOf()).toMatchObject({ attempts: MAX_ATTEMPTS, delivered: false, failed: true, last_status: null });
        expect(local.received()).toBe(0);
      } finally {
        await local.close();
      }
    },
  );
});
