import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, rowsOf } from '@jaring/platform';
import type { SubsidiesConfig } from '../subsidies.config';
import { postWebhook, type WebhookAnswer } from './webhook-post';

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
 * retried like any other failure. Redirects are not followed. The partner's answer is read up to a cap
 * (`postWebhook`), and its first bytes are kept with the attempt (`last_response`).
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
    let answer: WebhookAnswer | null = null;
    let error: string | null = null;
    try {
      answer = await postWebhook(delivery.url, headers, delivery.payload, {
        timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
        publicOnly: this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS !== true,
      });
    } catch (failure) {
      error = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
    }
    const status = answer?.status ?? null;
    const excerpt = answer?.excerpt ?? null;
    if (status !== null && status >= 200 && status < 300) {
      // Delivered, even if its endpoint was disabled (and the delivery given up) while the request was out.
      await this.dataSource.query(
        `UPDATE webhook_deliveries SET delivered_at = now(), failed_at = NULL, last_status = $2, last_error = NULL, last_response = $3
         WHERE id = $1`,
        [delivery.id, status, excerpt],
      );
      return;
    }
    const last = delivery.attempts >= this.config.WEBHOOK_MAX_ATTEMPTS;
    const backoffMs = this.config.WEBHOOK_RETRY_BASE_MS * 2 ** (delivery.attempts - 1);
    // A delivery given up meanwhile (its endpoint disabled while the request was out) stays given up.
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET last_status = $2, last_error = $3, last_response = $6,
         failed_at = CASE WHEN $4 THEN now() END, next_attempt_at = now() + make_interval(secs => $5::float8 / 1000)
       WHERE id = $1 AND failed_at IS NULL`,
      [delivery.id, status, error ?? `HTTP ${status}`, last, backoffMs, excerpt],
    );
    this.logger.warn({
      message: last ? 'webhook delivery abandoned' : 'webhook delivery failed; will retry',
      deliveryId: delivery.id,
      attempt: delivery.attempts,
      status,
      error,
    });
  }
}
