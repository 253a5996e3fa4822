import type { KafkaConfig } from 'kafkajs';
import { KafkaConnection, MessagingMetrics, type MessagingOptions } from '../nest/messaging.module';
import { kafkaClientConfig, kafkaSecurityConfig, type KafkaSecurity } from './kafka-client';

// The clients a KafkaConnection makes, recorded instead of connecting to a broker: what matters here is the
// configuration every one of them is built from.
const made: { configs: KafkaConfig[]; admin: { connect: jest.Mock; listTopics: jest.Mock; createTopics: jest.Mock } } = {
  configs: [],
  admin: { connect: jest.fn(), listTopics: jest.fn(), createTopics: jest.fn() },
};
jest.mock('kafkajs', () => {
  const actual = jest.requireActual<typeof import('kafkajs')>('kafkajs');
  class RecordedKafka {
    constructor(config: KafkaConfig) {
      made.configs.push(config);
    }
    producer() {
      return { connect: jest.fn(), disconnect: jest.fn() };
    }
    admin() {
      return made.admin;
    }
  }
  return { ...actual, Kafka: RecordedKafka };
});

const CA = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUJaringTestCA\n-----END CERTIFICATE-----\n';
const SCRAM = { mechanism: 'scram-sha-512', username: 'jaring-claims', password: 'generated-by-strimzi' } as const;

describe('Kafka client security', () => {
  it('maps no settings to plaintext without authentication: neither ssl nor sasl', () => {
    expect(kafkaSecurityConfig()).toEqual({});
    expect(kafkaSecurityConfig({})).toEqual({});
  });

  it('maps TLS alone to ssl on with the system CAs, and TLS with a CA to that CA only', () => {
    expect(kafkaSecurityConfig({ tls: {} })).toEqual({ ssl: true });
    expect(kafkaSecurityConfig({ tls: { ca: CA } })).toEqual({ ssl: { ca: [CA], rejectUnauthorized: true } });
  });

  it('maps a SCRAM user to sasl, with or without TLS', () => {
    expect(kafkaSecurityConfig({ sasl: SCRAM })).toEqual({ sasl: SCRAM });
    expect(kafkaSecurityConfig({ tls: { ca: CA }, sasl: { ...SCRAM, mechanism: 'scram-sha-256' } })).toEqual({
      ssl: { ca: [CA], rejectUnauthorized: true },
      sasl: { ...SCRAM, mechanism: 'scram-sha-256' },
    });
  });

  it('puts them into the client configuration next to the brokers and the client id', () => {
    const security: KafkaSecurity = { tls: { ca: CA }, sasl: SCRAM };
    const config = kafkaClientConfig({ brokers: ['jaring-kafka-bootstrap:9093'], clientId: 'jaring-claims', security });
    expect(config).toMatchObject({ brokers: ['jaring-kafka-bootstrap:9093'], clientId: 'jaring-claims', ssl: { ca: [CA] }, sasl: SCRAM });
    const plain = kafkaClientConfig({ brokers: ['127.0.0.1:9092'], clientId: 'jaring-claims' });
    expect('ssl' in plain || 'sasl' in plain).toBe(false);
  });
});

describe("a service's Kafka connection", () => {
  beforeEach(() => {
    made.configs = [];
    made.admin.connect.mockReset().mockResolvedValue(undefined);
    made.admin.listTopics.mockReset().mockResolvedValue([]);
    made.admin.createTopics.mockReset().mockResolvedValue(true);
  });

  const options: MessagingOptions = { serviceName: 'claims', brokers: ['jaring-kafka-bootstrap:9093'] };

  it('builds its one client, which its producer, consumers, admins and health check share, with the security settings', () => {
    new KafkaConnection({ ...options, security: { tls: { ca: CA }, sasl: SCRAM } }, new MessagingMetrics());
    expect(made.configs).toHaveLength(1);
    expect(made.configs[0]).toMatchObject({ clientId: 'jaring-claims', ssl: { ca: [CA], rejectUnauthorized: true }, sasl: SCRAM });
  });

  it('creates missing topics at start unless told not to (a cluster that declares them, and forbids it)', async () => {
    await new KafkaConnection(options, new MessagingMetrics()).onModuleInit();
    expect(made.admin.listTopics).toHaveBeenCalledTimes(1);
    expect(made.admin.createTopics).toHaveBeenCalledTimes(1);

    made.admin.listTopics.mockClear();
    made.admin.createTopics.mockClear();
    await new KafkaConnection({ ...options, createTopics: false }, new MessagingMetrics()).onModuleInit();
    expect(made.admin.connect).toHaveBeenCalledTimes(2);
    expect(made.admin.listTopics).not.toHaveBeenCalled();
    expect(made.admin.createTopics).not.toHaveBeenCalled();
  });
});
