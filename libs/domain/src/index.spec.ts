import * as domain from '@jaring/domain';

describe('@jaring/domain', () => {
  it('exports every building block from one entry point', () => {
    for (const name of [
      'DomainError',
      'Money',
      'Nik',
      'Period',
      'RegionCode',
      'AdjustableClock',
      'systemClock',
      'todayOf',
      'parseIsoDate',
      'addDays',
      'ageOn',
      'parseInstant',
      'PROGRAM_CODES',
      'validateProgramSelection',
      'OCCUPATIONS',
      'isTransportOccupation',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });

  it('works end to end: the monthly minimum for the woman of 5371014101900001', () => {
    const nik = domain.Nik.parse('5371014101900001');
    const jkk = domain.Money.of(1_000_000).percentOf(100);
    const jkm = domain.Money.of(6_800);
    expect(nik.matchesBirthDate('1990-01-01', 'F')).toBe(true);
    expect(jkk.add(jkm).format()).toBe('Rp16.800');
  });
});
