import { sponsoredAmountOf } from './sponsored-amount';

const lines = [
  { program: 'JKK', amount: 10_000 },
  { program: 'JKM', amount: 6_800 },
  { program: 'JHT', amount: 20_000 },
];

describe('the sponsored amount of an invoice', () => {
  it('is the invoice’s sponsoredAmount when contributions priced it', () => {
    expect(sponsoredAmountOf({ sponsoredAmount: 16_800, lines }, ['JKK', 'JKM', 'JHT'])).toBe(16_800);
  });

  it('counts a sponsoredAmount of 0 as priced', () => {
    expect(sponsoredAmountOf({ sponsoredAmount: 0, lines }, ['JKK', 'JKM'])).toBe(0);
  });

  it('is, from an older producer, the lines of the programmes the sponsorship pays', () => {
    expect(sponsoredAmountOf({ lines }, ['JKK', 'JKM'])).toBe(16_800);
    expect(sponsoredAmountOf({ lines }, ['JKK', 'JKM', 'JHT'])).toBe(36_800);
    expect(sponsoredAmountOf({ lines }, [])).toBe(0);
  });
});
