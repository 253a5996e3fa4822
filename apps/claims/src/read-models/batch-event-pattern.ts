import { EventPattern } from '@nestjs/microservices';

/**
 * `@EventPattern(type, { batch: true })` for a handler of `EventEnvelope<T>[]`: Nest 12 types the first
 * parameter of a string pattern's handler as a single payload, which an array does not satisfy.
 */
export const BatchEventPattern = (type: string): MethodDecorator => EventPattern(type, { batch: true }) as MethodDecorator;
