import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook, WEBHOOK_RESPONSE_EXCERPT_BYTES, WEBHOOK_RESPONSE_READ_LIMIT_BYTES } from './webhook-post';

/** What a receiver on 127.0.0.1 managed to send, and whether its answer ended or was cut off. */
interface Sent {
  bytes: number;
  ended: boolean;
  closed: boolean;
}

const CHUNK = Buffer.alloc(1024 * 1024, 'x');
/** Far more than any cap: an answer that, read whole, would be a gigabyte. */
const ENDLESS_BYTES = 1024 * CHUNK.length;

/** Streams `total` bytes as fast as the connection takes them, counting what was accepted. */
function stream(response: ServerResponse, total: number, sent: Sent): void {
  response.on('close', () => (sent.closed = true));
  const next = (): void => {
    while (sent.bytes < total && !response.destroyed) {
      sent.bytes += CHUNK.length;
      if (!response.write(CHUNK)) {
        response.once('drain', next);
        return;
      }
    }
    if (!response.destroyed) {
      sent.ended = true;
      response.end();
    }
  };
  next();
}

describe('postWebhook: a partner endpoint answer is read up to a cap', () => {
  let server: Server;
  let url: string;
  let answer: (response: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => answer(response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = () => postWebhook(url, { 'content-type': 'application/json' }, '{}', { timeoutMs: 30_000, publicOnly: false });

  it('reads a short answer to its end: the status and the whole body', async () => {
    answer = (response) => {
      response.statusCode = 422;
      response.end('{"error":"unknown event"}');
    };
    await expect(post()).resolves.toEqual({ status: 422, excerpt: '{"error":"unknown event"}' });
  });

  it('answers an empty body with no excerpt', async () => {
    answer = (response) => {
      response.statusCode = 204;
      response.end();
    };
    await expect(post()).resolves.toEqual({ status: 204, excerpt: null });
  });

  it.each([500, 200])(
    'stops reading an endless answer (%i) at the cap and closes the connection, keeping only its first bytes',
    async (status) => {
      const sent: Sent = { bytes: 0, ended: false, closed: false };
      answer = (response) => {
        response.statusCode = status;
        stream(response, ENDLESS_BYTES, sent);
      };
      const started = Date.now();
      const result = await post();
      expect(result).toEqual({ status, excerpt: 'x'.repeat(WEBHOOK_RESPONSE_EXCERPT_BYTES) });
      // The receiver sees its connection closed long before its gigabyte is through: what it got out is
      // only what the socket buffers held when the sender stopped reading.
      await waitUntil(() => sent.closed);
      expect(sent.ended).toBe(false);
      expect(sent.bytes).toBeLessThan(64 * CHUNK.length);
      expect(sent.bytes).toBeGreaterThan(WEBHOOK_RESPONSE_READ_LIMIT_BYTES);
      expect(Date.now() - started).toBeLessThan(10_000);
    },
  );

  it('keeps a NUL-free excerpt PostgreSQL can store', async () => {
    answer = (response) => {
      response.statusCode = 400;
      response.end(Buffer.from('bad\0request'));
    };
    await expect(post()).resolves.toEqual({ status: 400, excerpt: 'badrequest' });
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
