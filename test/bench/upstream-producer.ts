import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createKafka, createProducer } from '@jaring/messaging';

/** A Kafka message as the bench hands it over: key, JSON value, headers. */
export interface BenchMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

interface Job {
  brokers: string[];
  topic: string;
  messages: BenchMessage[];
  batch: number;
}

/**
 * Produces messages from a worker thread: the upstream service of a bench (subsidies authorising invoices,
 * contributions issuing them) is another process in production, so its producing must not run on the
 * measured service's event loop. Idempotent producer, acks from all in-sync replicas, `batch` a send.
 */
export function produceUpstream(brokers: string[], topic: string, messages: BenchMessage[], batch = 1_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { brokers, topic, messages, batch } satisfies Job });
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the producer thread exited with ${code}`))));
  });
}

async function produce({ brokers, topic, messages, batch }: Job): Promise<void> {
  const producer = createProducer(createKafka({ brokers, clientId: 'bench-upstream' }));
  await producer.connect();
  try {
    for (let start = 0; start < messages.length; start += batch) {
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages: messages.slice(start, start + batch) }] });
    }
  } finally {
    await producer.disconnect();
  }
}

if (!isMainThread && parentPort) {
  produce(workerData as Job).then(
    () => parentPort!.postMessage('done'),
    (error: unknown) => {
      throw error;
    },
  );
}
