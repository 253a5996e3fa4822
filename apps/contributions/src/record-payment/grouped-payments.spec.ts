import { roundsOf } from './grouped-payments';
import type { PaymentRequest } from './payment-decision';

const request = (workerId: string, externalReference: string, channel = 'BANK_NTT'): PaymentRequest => ({
  body: { workerId, amount: 8_400, externalReference },
  by: { channel, recordedBy: { subject: 's', clientId: 'c' } },
});

describe('roundsOf', () => {
  it('puts independent payments in one round', () => {
    expect(roundsOf([request('w1', 'r1'), request('w2', 'r2'), request('w3', 'r3')])).toEqual([[0, 1, 2]]);
  });

  it('puts a second payment of a worker, or of a channel reference, in the round after the first', () => {
    expect(
      roundsOf([
        request('w1', 'r1'),
        request('w1', 'r2'), // the same worker
        request('w2', 'r1'), // the same reference
        request('w3', 'r1', 'POS_INDONESIA'), // another channel's reference
        request('w1', 'r3'), // the same worker a third time
        request('w4', 'r2'), // the reference of round 2
      ]),
    ).toEqual([
      [0, 3],
      [1, 2],
      [4, 5],
    ]);
  });
});
