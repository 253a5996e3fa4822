import { type DynamicModule, Module } from '@nestjs/common';
import { Idempotency } from './idempotency.service';

/** The `Idempotency-Key` store for the whole service (see `serviceFoundation`'s `idempotency` option). */
@Module({})
export class IdempotencyModule {
  static forRoot(): DynamicModule {
    return { module: IdempotencyModule, global: true, providers: [Idempotency], exports: [Idempotency] };
  }
}
