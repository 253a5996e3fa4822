export * from './idempotency-keys.migration';
export * from './idempotent-request';
export * from './idempotency.service';
export * from './idempotent-group';
export * from './api-idempotency-key.decorator';
export * from './statement-batch';
export * from './outbox-at-commit';
export * from './idempotency.module';
