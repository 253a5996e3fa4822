import { MessagingCursors1764100000050, MessagingTables1764100000000 } from '@jaring/messaging';
import { IdempotencyKeysTable1764100000100 } from '../idempotency/idempotency-keys.migration';
import { serviceMigrations } from './service-migrations';

class OwnTables1 {}
class OwnTables2 {}

describe('serviceMigrations', () => {
  it('puts the messaging tables first, then the service own, in its order', () => {
    expect(serviceMigrations([OwnTables1, OwnTables2])).toEqual([
      MessagingTables1764100000000,
      MessagingCursors1764100000050,
      OwnTables1,
      OwnTables2,
    ]);
  });

  it('adds the idempotency keys after the messaging tables when the service takes Idempotency-Keys', () => {
    expect(serviceMigrations([OwnTables1], { idempotency: true })).toEqual([
      MessagingTables1764100000000,
      MessagingCursors1764100000050,
      IdempotencyKeysTable1764100000100,
      OwnTables1,
    ]);
  });
});
