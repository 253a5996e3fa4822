import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, isPublicAddress, rowsOf } from '@jaring/platform';
import type { SubsidiesConfig } from '../subsidies.config';
import { hostOf, NonPublicAddressError, publicOnlyLookup } from './webhook-destination';

interface DueDelivery {
  id: string;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
}

const BATCH = 50;

/**
 * Posts queued webhook deliveries, signed the Standard Webhooks way (the `standardwebhooks` package):
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, so a receiver can check both that
 * it came from Jaring and that it is fresh (receivers refuse timestamps more than 5 minutes off).
 *
 * Due rows are leased (their next attempt pushed past the request timeout) under `FOR UPDATE SKIP
 * LOCKED`, so several instances share the work and a crashed sender's deliveries come due again. Only
 * deliveries to enabled endpoints are leased: the LIMIT counts nothing that would not be sent, so
 * deliveries left queued for a disabled endpoint can never fill a round and stall every funder's.
 * A failure (non-2xx, timeout, refused connection) is retried after base × 2^(attempt - 1); after the
 * last attempt the delivery is marked failed. Every retry sends the same id and body, so receivers can
 * deduplicate on `webhook-id`.
 *
 * Every delivery resolves the endpoint's host again and connects only to a public address (unless
 * WEBHOOK_ALLOW_PRIVATE_NETWORKS): a name that has come to resolve to loopback or a private address since the
 * webhook was registered is not reached; the attempt is recorded failed (`NonPublicAddressError: ...`) and
 * retried like any other failure. Redirects are not followed.
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookSender');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: SubsidiesConfig,
  ) {}

  onApplicationBootstrap(): void {
    // A hybrid app (HTTP and the Kafka transport) runs this hook twice: one chain of rounds, not two (the
    // shutdown waits for the round in flight of the last chain only).
    if (this.timer) return;
    this.stopped = false;
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sendDue()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.warn({ message: 'webhook round failed', error: error instanceof Error ? error.message : String(error) }),
        )
        .finally(() => this.schedule());
    }, this.config.WEBHOOK_POLL_MS);
  }

  /** One round: lease due deliveries, post them in parallel, record each result. Returns how many were tried. */
  async sendDue(): Promise<number> {
    const leaseSeconds = Math.ceil(this.config.WEBHOOK_TIMEOUT_MS / 1000) + 30;
    const due = await rowsOf<DueDelivery>(
      this.dataSource.manager,
      `UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => $2), attempts = d.attempts + 1
       FROM (SELECT q.id, e.url, e.secret FROM webhook_deliveries q JOIN webhook_endpoints e ON e.id = q.endpoint_id
             WHERE q.delivered_at IS NULL AND q.failed_at IS NULL AND q.next_attempt_at <= now() AND e.disabled_at IS NULL
             ORDER BY q.next_attempt_at LIMIT $1 FOR UPDATE OF q SKIP LOCKED) due
       WHERE d.id = due.id
       RETURNING d.id, d.payload, d.attempts, due.url, due.secret`,
      [BATCH, leaseSeconds],
    );
    await Promise.all(due.map((delivery) => this.deliver(delivery)));
    return due.length;
  }

  private async deliver(delivery: DueDelivery): Promise<void> {
    // The signing time is the moment of sending, on the real clock (receivers compare it with theirs).
    const sentAt = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Jaring-Webhooks/1',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': new Webhook(delivery.secret).sign(delivery.id, sentAt, delivery.payload),
    };
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await this.post(delivery.url, headers, delivery.payload);
    } catch (failure) {
      error = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
    }
    if (status !== null && status >= 200 && status < 300) {
      // Delivered, even if its endpoint was disabled (and the delivery given up) while the request was out.
      await this.dataSource.query(
        'UPDATE webhook_deliveries SET delivered_at = now(), failed_at = NULL, last_status = $2, last_error = NULL WHERE id = $1',
        [delivery.id, status],
      );
      return;
    }
    const last = delivery.attempts >= this.config.WEBHOOK_MAX_ATTEMPTS;
    const backoffMs = this.config.WEBHOOK_RETRY_BASE_MS * 2 ** (delivery.attempts - 1);
    // A delivery given up meanwhile (its endpoint disabled while the request was out) stays given up.
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET last_status = $2, last_error = $3,
         failed_at = CASE WHEN $4 THEN now() END, next_attempt_at = now() + make_interval(secs => $5::float8 / 1000)
       WHERE id = $1 AND failed_at IS NULL`,
      [delivery.id, status, error ?? `HTTP ${status}`, last, backoffMs],
    );
    this.logger.warn({
      message: last ? 'webhook delivery abandoned' : 'webhook delivery failed; will retry',
      deliveryId: delivery.id,
      attempt: delivery.attempts,
      status,
      error,
    });
  }

  /** POSTs the body, to a public address only (see the class); the answer's status once its body is read. */
  private post(url: string, headers: OutgoingHttpHeaders, body: string): Promise<number> {
    const target = new URL(url);
    const guarded = this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS !== true;
    // Node does not look up a host that is an IP address: that one is checked here.
    const host = hostOf(target);
    if (guarded && isIP(host) && !isPublicAddress(host)) return Promise.reject(new NonPublicAddressError());
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const outgoing = request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          // A fresh connection per delivery, resolved (and checked) now.
          agent: false,
          ...(guarded ? { lookup: publicOnlyLookup } : {}),
          signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
        },
        (response) => {
          // The body is read and dropped; a receiver that breaks off while sending it still answered.
          response.on('close', () => resolve(response.statusCode ?? 0));
          response.resume();
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}
