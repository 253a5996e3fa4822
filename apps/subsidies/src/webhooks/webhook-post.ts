import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isPublicAddress } from '@jaring/platform';
import { hostOf, NonPublicAddressError, publicOnlyLookup } from './webhook-destination';

/**
 * The most of a partner's answer that is read. A usual answer (a status line and a short body, an error
 * page) ends well within it, so its connection closes cleanly; anything longer is cut off there: a
 * partner's endpoint, broken or hostile, can make the sender neither buffer nor keep reading megabytes.
 */
export const WEBHOOK_RESPONSE_READ_LIMIT_BYTES = 64 * 1024;
/** What is kept of the answer with the attempt (`last_response`): enough to see why a receiver refused. */
export const WEBHOOK_RESPONSE_EXCERPT_BYTES = 1024;

export interface WebhookAnswer {
  status: number;
  /** The first WEBHOOK_RESPONSE_EXCERPT_BYTES of the body as text, or null when it was empty. */
  excerpt: string | null;
}

export interface WebhookPostOptions {
  /** The whole exchange, connecting to the end of the answer, is abandoned after this many ms. */
  timeoutMs: number;
  /** Connect only to public addresses (off with WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
  publicOnly: boolean;
}

/**
 * POSTs a signed delivery, over a fresh connection to a public address only (unless `publicOnly` is off),
 * not following redirects, and answers with the status and the start of the body once the answer ends
 * or has been read up to the limit, whichever comes first. No answer (refused, reset, timed out) rejects.
 */
export function postWebhook(url: string, headers: OutgoingHttpHeaders, body: string, options: WebhookPostOptions): Promise<WebhookAnswer> {
  const target = new URL(url);
  // Node does not look up a host that is an IP address: that one is checked here.
  const host = hostOf(target);
  if (options.publicOnly && isIP(host) && !isPublicAddress(host)) return Promise.reject(new NonPublicAddressError());
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookAnswer>((resolve, reject) => {
    const outgoing = request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        // A fresh connection per delivery, resolved (and checked) now.
        agent: false,
        ...(options.publicOnly ? { lookup: publicOnlyLookup } : {}),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => readCapped(response, resolve),
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Reads the answer up to the limit, keeping only its first bytes, then destroys it (and with it the
 * socket): nothing past the limit is read. A receiver that breaks off mid-body has still answered.
 */
function readCapped(response: IncomingMessage, resolve: (answer: WebhookAnswer) => void): void {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let readBytes = 0;
  response.on('data', (chunk: Buffer) => {
    readBytes += chunk.length;
    if (keptBytes < WEBHOOK_RESPONSE_EXCERPT_BYTES) {
      const part = chunk.subarray(0, WEBHOOK_RESPONSE_EXCERPT_BYTES - keptBytes);
      kept.push(part);
      keptBytes += part.length;
    }
    if (readBytes >= WEBHOOK_RESPONSE_READ_LIMIT_BYTES) response.destroy();
  });
  response.on('close', () => resolve({ status: response.statusCode ?? 0, excerpt: excerptOf(Buffer.concat(kept)) }));
}

/** The kept bytes as text PostgreSQL can store (no NUL), or null when there were none. */
function excerptOf(bytes: Buffer): string | null {
  if (bytes.length === 0) return null;
  return bytes.toString('utf8').replace(/\0/g, '');
}
