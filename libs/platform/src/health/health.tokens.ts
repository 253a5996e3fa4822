/**
 * Injection token of the Kafka health check, provided by the messaging layer: a function that resolves
 * when the brokers answer (e.g. an admin `describeCluster`) and throws when they do not. A string, so that
 * `@jaring/messaging` can provide it without importing the platform package (which imports messaging).
 * Optional: a service without Kafka still has a health endpoint.
 */
export const KAFKA_HEALTH_CHECK = 'KAFKA_HEALTH_CHECK';
export type KafkaHealthCheck = () => Promise<void>;

/** Options of `HealthModule.forRoot`, injectable under this token. */
export const HEALTH_MODULE_OPTIONS = 'HEALTH_MODULE_OPTIONS';
