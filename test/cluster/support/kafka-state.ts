import { AssignerProtocol, type Admin } from 'kafkajs';
import { ALL_TOPICS, deadLetterTopic } from '@jaring/contracts';
import { consumerGroupLag } from '../../bench/bench-kit';
import { retriedWhileRetriable } from '../../support/kafka';

const EVERY_TOPIC = ALL_TOPICS.flatMap((topic) => [topic, deadLetterTopic(topic)]);

/** Every partition of every topic: its leader and in-sync replicas. */
export async function partitionStates(admin: Admin): Promise<Array<{ topic: string; partition: number; leader: number; isr: number[] }>> {
  const { topics } = await admin.fetchTopicMetadata({ topics: EVERY_TOPIC });
  return topics.flatMap(({ name, partitions }) =>
    partitions.map((p) => ({ topic: name, partition: p.partitionId, leader: p.leader, isr: p.isr })),
  );
}

/** How a service's consumer group shares the partitions: per member (its client id), the partitions it was given. */
export async function groupShares(admin: Admin, groupId: string): Promise<{ state: string; members: Record<string, number> }> {
  const { groups } = await admin.describeGroups([groupId]);
  const members: Record<string, number> = {};
  for (const member of groups[0]?.members ?? []) {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    members[member.clientId] =
      (members[member.clientId] ?? 0) + Object.values(decoded?.assignment ?? {}).reduce((sum, partitions) => sum + partitions.length, 0);
  }
  return { state: groups[0]?.state ?? 'unknown', members };
}

/**
 * Where a group is behind, partition by partition, on every topic it has committed on: "t/3 at 10 of 12". A
 * group that reads a topic has committed on it; it must be at the end of each of its partitions.
 */
export async function behind(admin: Admin, groupId: string): Promise<string[]> {
  const committed = await retriedWhileRetriable(() => admin.fetchOffsets({ groupId, topics: [...ALL_TOPICS] }));
  const lagging: string[] = [];
  for (const { topic, partitions } of committed) {
    if (!partitions.some((p) => Number(p.offset) >= 0)) continue;
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
    for (const { partition, offset } of partitions) {
      const end = ends.get(partition) ?? 0;
      if (Math.max(Number(offset), 0) !== end) lagging.push(`${topic}/${partition} at ${offset} of ${end}`);
    }
  }
  return lagging;
}

/** The highest lag each group showed, sampled every second until stopped (a group between members is skipped). */
export function sampleLag(admin: Admin, groups: string[]): { stop: () => Promise<Record<string, number>> } {
  const highest: Record<string, number> = Object.fromEntries(groups.map((group) => [group, 0]));
  let sampling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(async () => {
      for (const group of groups) {
        const lag = await consumerGroupLag(admin, group).catch(() => undefined);
        if (lag !== undefined && lag > highest[group]) highest[group] = lag;
      }
    });
  }, 1_000);
  return {
    stop: async () => {
      clearInterval(timer);
      await sampling;
      return highest;
    },
  };
}
