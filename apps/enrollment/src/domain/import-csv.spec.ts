import { readHeader, registrationInputOf, stageRecord } from './import-csv';

const HEADER = ['nik', 'fullName', 'birthDate', 'phone', 'regionCode', 'occupation', 'declaredMonthlyIncome', 'programs'];

describe('the worker import file', () => {
  it('takes the columns of docs/api.md in any order', () => {
    const header = readHeader([...HEADER].reverse());
    expect(header.ok && header.positions.nik).toBe(7);
    expect(header.ok && header.positions.programs).toBe(0);
  });

  it('names missing, unknown and repeated columns (unknown ones cut short: they may be a first row of data)', () => {
    expect(readHeader(['nik', 'fullName', 'birthDate', 'phone', 'regionCode', 'occupation', 'declaredMonthlyIncome'])).toEqual({
      ok: false,
      reasons: ['missing column: programs'],
    });
    const noHeader = readHeader([
      '5371012507900001',
      'Yohanes Nahak',
      '1990-07-25',
      '081234567890',
      '5371',
      'OJEK_DRIVER',
      '1500000',
      'JKK;JKM',
    ]);
    expect(noHeader.ok).toBe(false);
    expect(JSON.stringify(noHeader)).not.toContain('5371012507900001');
    expect(JSON.stringify(noHeader)).not.toContain('Yohanes');
    expect(readHeader([...HEADER, 'nik'])).toEqual({ ok: false, reasons: ['repeated column: nik'] });
    expect(readHeader([...HEADER, 'gender'])).toEqual({ ok: false, reasons: ['unknown column: "gen..."'] });
  });

  it('reads a row as the body of POST /v1/workers', () => {
    const header = readHeader(HEADER);
    if (!header.ok) throw new Error('header');
    const staged = stageRecord(
      ['5371012507900001', 'Yohanes Nahak', '1990-07-25', '081234567890', '5371', 'OJEK_DRIVER', '1500000', 'JKK; JKM;JHT'],
      header.positions,
    );
    if (!('fields' in staged)) throw new Error('row');
    expect(registrationInputOf(staged.fields)).toEqual({
      nik: '5371012507900001',
      fullName: 'Yohanes Nahak',
      birthDate: '1990-07-25',
      phone: '081234567890',
      regionCode: '5371',
      occupation: 'OJEK_DRIVER',
      declaredMonthlyIncome: 1_500_000,
      programs: ['JKK', 'JKM', 'JHT'],
    });
    expect(registrationInputOf({ ...staged.fields, declaredMonthlyIncome: '1.500.000' }).declaredMonthlyIncome).toBe('1.500.000');
    expect(registrationInputOf({ ...staged.fields, declaredMonthlyIncome: '-5' }).declaredMonthlyIncome).toBe(-5);
  });

  it('marks a row with too many or too few fields as unreadable', () => {
    const header = readHeader(HEADER);
    if (!header.ok) throw new Error('header');
    expect(stageRecord(['1', '2'], header.positions)).toEqual({ unreadable: 'the row has 2 fields; the header has 8' });
  });
});
