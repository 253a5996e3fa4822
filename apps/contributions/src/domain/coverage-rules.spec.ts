import { Period } from '@jaring/domain';
import {
  type AccountStanding,
  arrearsPayableUntil,
  coverageOn,
  lapseDateOf,
  lastCoveredDayOnDeregistration,
  paidUntilOf,
} from './coverage-rules';

const p = (s: string) => Period.parse(s);

describe('coverage rules (docs/rules.md: arrears at most 3 months from the end of coverage; more than 3 unpaid months lapse)', () => {
  it('paid through 2026-11: December, January and February may still be paid; lapse on 1 March 2027', () => {
    expect(paidUntilOf(p('2026-11'))).toBe('2026-11-30');
    expect(arrearsPayableUntil(p('2026-11'), p('2026-11'))).toBe('2027-02-28');
    expect(lapseDateOf(p('2026-11'), p('2026-11'))).toBe('2027-03-01');
  });

  it('never paid since 2026-11: lapse on 1 February 2027 (November, December, January unpaid)', () => {
    expect(paidUntilOf(null)).toBeNull();
    expect(lapseDateOf(p('2026-11'), null)).toBe('2027-02-01');
  });

  it('ignores payments from before a re-joining (coverage never reaches back over an unpaid period)', () => {
    expect(lapseDateOf(p('2027-06'), p('2026-11'))).toBe('2027-09-01');
  });
});

describe('coverageOn (docs/api.md, Coverage shape)', () => {
  const active: AccountStanding = {
    status: 'ACTIVE',
    billingFrom: '2026-11',
    paidThrough: '2026-12',
    lapsesOn: '2027-04-01',
    lapsedOn: null,
    deregisteredOn: null,
  };
  const paid = [
    { period: '2026-11', programs: ['JKK', 'JKM'] },
    { period: '2026-12', programs: ['JKK', 'JKM', 'JHT'] },
  ];

  it('a day of a paid period is covered, with that invoice’s programmes', () => {
    expect(coverageOn('2026-12-20', active, paid)).toEqual({
      date: '2026-12-20',
      covered: true,
      programs: ['JKK', 'JKM', 'JHT'],
      status: 'ACTIVE',
      paidUntil: '2026-12-31',
      periods: ['2026-11', '2026-12'],
      graceUntil: '2027-03-31',
      lapsesOn: '2027-04-01',
      lapsedOn: null,
      diedOn: null,
    });
  });

  it('a day of an unpaid period is not covered', () => {
    expect(coverageOn('2027-01-02', active, paid)).toMatchObject({ covered: false, programs: [] });
  });

  it('coverage ends with a deregistration, even inside a paid month; no grace nor lapse date for a closed membership', () => {
    const closed: AccountStanding = { ...active, status: 'DEREGISTERED', lapsesOn: null, deregisteredOn: '2026-12-10' };
    expect(coverageOn('2026-12-10', closed, paid)).toMatchObject({ covered: true });
    expect(coverageOn('2026-12-11', closed, paid)).toMatchObject({ covered: false, programs: [], graceUntil: null, lapsesOn: null });
  });

  it('a death ends coverage with its month: that month stays covered to its last day, no later one is', () => {
    const deceased: AccountStanding = { ...active, status: 'DECEASED', lapsesOn: null, diedOn: '2026-11-14' };
    // 2026-12 was paid and is listed as the invoices say it; a refund turns it REFUNDED (no longer paid).
    expect(coverageOn('2026-11-30', deceased, paid)).toMatchObject({ covered: true, programs: ['JKK', 'JKM'], diedOn: '2026-11-14' });
    expect(coverageOn('2026-12-01', deceased, paid)).toMatchObject({
      covered: false,
      programs: [],
      graceUntil: null,
      lapsesOn: null,
      diedOn: '2026-11-14',
    });
  });

  it('a lapsed member keeps the periods paid before, and the day it lapsed', () => {
    const lapsed: AccountStanding = { ...active, status: 'LAPSED', lapsesOn: null, lapsedOn: '2027-04-01' };
    expect(coverageOn('2027-04-02', lapsed, paid)).toMatchObject({
      covered: false,
      periods: ['2026-11', '2026-12'],
      graceUntil: null,
      lapsesOn: null,
      lapsedOn: '2027-04-01',
    });
  });
});

describe('lastCoveredDayOnDeregistration', () => {
  it('inside a paid month, coverage ends on the day of the deregistration', () => {
    expect(lastCoveredDayOnDeregistration(p('2026-12'), '2026-12-10')).toBe('2026-12-10');
  });

  it('after the paid months, coverage ended with the last paid one', () => {
    expect(lastCoveredDayOnDeregistration(p('2026-11'), '2027-01-15')).toBe('2026-11-30');
    expect(lastCoveredDayOnDeregistration(p('2026-11'), '2026-11-30')).toBe('2026-11-30');
  });

  it('nothing paid: no covered day', () => {
    expect(lastCoveredDayOnDeregistration(null, '2026-12-10')).toBeNull();
  });
});
