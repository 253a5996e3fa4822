/**
 * Injection token of the app's prom-client `Registry`: `@Inject(METRICS_REGISTRY) registry: Registry`.
 * A string, so that libs (messaging) can use it without importing the platform package.
 */
export const METRICS_REGISTRY = 'METRICS_REGISTRY';
