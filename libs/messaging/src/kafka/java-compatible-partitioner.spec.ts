import { randomBytes, randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { JavaCompatiblePartitioner, murmur2 } from './java-compatible-partitioner';

// kafkajs's own implementation (64-bit Long emulation), the reference this one must match bit for bit.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (key: Buffer) => number;
const { DefaultPartitioner } = Partitioners;

describe('the Java-compatible partitioner', () => {
  it('hashes exactly as kafkajs and the Java client do, for keys of every length', () => {
    for (let length = 0; length <= 64; length++) {
      for (let i = 0; i < 50; i++) {
        const key = randomBytes(length);
        expect(murmur2(key)).toBe(kafkajsMurmur2(key));
      }
    }
  });

  it('matches values published by the Java client', () => {
    // org.apache.kafka.common.utils.UtilsTest#testMurmur2
    const cases: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ];
    for (const [key, hash] of cases) expect(murmur2(Buffer.from(key))).toBe(hash);
  });

  it('puts a worker id on the partition kafkajs DefaultPartitioner chooses', () => {
    const ours = JavaCompatiblePartitioner();
    const theirs = DefaultPartitioner();
    for (const partitions of [1, 3, 6, 12]) {
      const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
        partitionId,
        leader: 1,
        replicas: [1],
        isr: [1],
        partitionErrorCode: 0,
      }));
      for (let i = 0; i < 2_000; i++) {
        const message = { key: randomUUID(), value: 'x' };
        expect(ours({ topic: 't', partitionMetadata, message })).toBe(theirs({ topic: 't', partitionMetadata, message }));
      }
    }
  });

  it('spreads messages without a key over the partitions that have a leader', () => {
    const partition = JavaCompatiblePartitioner();
    const partitionMetadata = [0, 1, 2, 3].map((partitionId) => ({
      partitionId,
      leader: partitionId === 2 ? -1 : 1,
      replicas: [1],
      isr: [1],
      partitionErrorCode: 0,
    }));
    const chosen = new Set(Array.from({ length: 30 }, () => partition({ topic: 't', partitionMetadata, message: { value: 'x' } })));
    expect([...chosen].sort()).toEqual([0, 1, 3]);
  });
});
