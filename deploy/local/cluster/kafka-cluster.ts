// Three Apache Kafka nodes in KRaft mode, each broker and controller (as the production overlay's Strimzi cluster),
// from the same jars and kafka.sh as the single local broker, for `npm run cluster`. The topics are created as the
// production overlay declares them: its partition count, 3 replicas, min.insync.replicas 2.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS, deadLetterTopic } from '@jaring/contracts';
import { fetchKafkaJars, kafkaScriptPath, stopStaleKafka } from '../kafka/local-kafka';
import { forEachLine } from '../process-utils';
import type { SupervisedProcess } from '../supervisor';

/** deploy/k8s/overlays/production: 12 partitions per topic, so a service's group can grow to 12 replicas. */
export const PRODUCTION_PARTITIONS = 12;
export const CLUSTER_REPLICATION = 3;
export const CLUSTER_MIN_INSYNC_REPLICAS = 2;

export interface KafkaNode {
  id: number;
  port: number;
  controllerPort: number;
  dataDir: string;
}

const NODE_READY_TIMEOUT_MS = 120_000;

/** The nodes of a three-node cluster: ids 1 to 3, a broker and a controller port each, data under `root`. */
export function kafkaNodes(root: string, ports: Array<{ port: number; controllerPort: number }>): KafkaNode[] {
  return ports.map((p, i) => ({ id: i + 1, ...p, dataDir: path.join(root, `kafka-${i + 1}`) }));
}

export function bootstrapServers(nodes: KafkaNode[]): string {
  return nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
}

/**
 * The cluster's id, made once and kept beside the nodes' data: every node's storage is formatted with it (a
 * node formatted with another id would refuse to join). 16 random bytes, URL-safe base64, never starting with
 * "-" (kafka.sh's rule, after Kafka's own).
 */
export function clusterId(root: string): string {
  const file = path.join(root, 'cluster.id');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    let id = '-';
    while (id.startsWith('-')) id = randomBytes(16).toString('base64url');
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(file, `${id}\n`);
    return id;
  }
}

/** Fetches the jars once and stops nodes a killed run left behind, before the nodes are started. */
export async function prepareKafkaNodes(nodes: KafkaNode[], log: (line: string) => void): Promise<void> {
  await fetchKafkaJars(log);
  await Promise.all(nodes.map((node) => stopStaleKafka(node.dataDir, log)));
}

/** One node as the supervisor runs it: kafka.sh run (it execs the JVM), healthy once the cluster lists it as a broker. */
export function kafkaNodeProcess(node: KafkaNode, nodes: KafkaNode[], id: string, onLine: (line: string) => void): SupervisedProcess {
  const voters = nodes.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(',');
  return {
    name: `kafka-${node.id}`,
    spawn: () => {
      fs.mkdirSync(node.dataDir, { recursive: true });
      const child = spawn('bash', [kafkaScriptPath(), 'run', node.dataDir, String(node.port), String(node.controllerPort)], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          KAFKA_NODE_ID: String(node.id),
          KAFKA_QUORUM_VOTERS: voters,
          KAFKA_CLUSTER_ID: id,
          KAFKA_REPLICATION: String(CLUSTER_REPLICATION),
          KAFKA_PARTITIONS: String(PRODUCTION_PARTITIONS),
        },
      });
      forEachLine(child.stdout, onLine);
      forEachLine(child.stderr, onLine);
      return child;
    },
    probe: async () => ((await liveBrokerIds(`127.0.0.1:${node.port}`)).includes(node.id) ? true : 'not yet a broker of the cluster'),
    healthyMessage: `kafka-${node.id} is a broker of the cluster on 127.0.0.1:${node.port}`,
    healthTimeoutMs: NODE_READY_TIMEOUT_MS,
  };
}

/** The brokers the cluster lists, asked of one node (or of the bootstrap servers). */
export async function liveBrokerIds(brokers: string): Promise<number[]> {
  const admin = quietKafka(brokers).admin();
  try {
    await admin.connect();
    return (await admin.describeCluster()).brokers.map((b) => b.nodeId);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Every topic of libs/contracts and its dead-letter topic, as the production overlay declares them
 * (deploy/k8s/base/topics.yaml, 12 partitions in production): created here, so the services run with
 * KAFKA_CREATE_TOPICS=false as in production.
 */
export async function createClusterTopics(brokers: string): Promise<void> {
  // a cluster formed a moment ago may still answer that it hosts no such partition (its metadata catching up)
  for (let attempt = 1; ; attempt++) {
    try {
      return await createMissingTopics(brokers);
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function createMissingTopics(brokers: string): Promise<void> {
  const admin = quietKafka(brokers).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = ALL_TOPICS.flatMap((topic) => [topic, deadLetterTopic(topic)]).filter((topic) => !existing.has(topic));
    if (!wanted.length) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: wanted.map((topic) => ({
        topic,
        numPartitions: PRODUCTION_PARTITIONS,
        replicationFactor: CLUSTER_REPLICATION,
        configEntries: [{ name: 'min.insync.replicas', value: String(CLUSTER_MIN_INSYNC_REPLICAS) }],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/**
 * The node leading the controller quorum, as the nodes recorded it (KRaft's `quorum-state` file of the metadata
 * log: the leader of the highest epoch any node has seen), or undefined when none has one.
 */
export function quorumLeader(nodes: KafkaNode[]): { leaderId: number; epoch: number } | undefined {
  let best: { leaderId: number; epoch: number } | undefined;
  for (const node of nodes) {
    try {
      const state = JSON.parse(fs.readFileSync(path.join(node.dataDir, 'logs', '__cluster_metadata-0', 'quorum-state'), 'utf8')) as {
        leaderId?: number;
        leaderEpoch?: number;
      };
      const leaderId = state.leaderId ?? -1;
      const epoch = state.leaderEpoch ?? -1;
      if (leaderId > 0 && (!best || epoch > best.epoch)) best = { leaderId, epoch };
    } catch {
      // a node not formatted yet, or rewriting the file this instant
    }
  }
  return best;
}

export function quietKafka(brokers: string): Kafka {
  return new Kafka({
    clientId: 'jaring-cluster',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { retries: 2 },
  });
}
