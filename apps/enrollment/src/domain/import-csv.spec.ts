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
      header,
    );
    if ('unreadable' in staged) throw new Error('row');
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

  it('marks a row with too many or too few fields as unreadable, its fields placed by position', () => {
    const header = readHeader(HEADER);
    if (!header.ok) throw new Error('header');
    expect(stageRecord(['1', '2'], header)).toEqual({
      unreadable: 'the row has 2 fields; the header has 8',
      fields: {
        nik: '1',
        fullName: '2',
        birthDate: '',
        phone: '',
        regionCode: '',
        occupation: '',
        declaredMonthlyIncome: '',
        programs: '',
      },
    });
    expect(stageRecord(['1', '2', '3', '4', '5', '6', '7', '8', '9'], header)).toMatchObject({
      unreadable: 'the row has 9 fields; the header has 8',
      fields: { nik: '1', programs: '8' },
    });
  });

  it('takes back a file of refused rows as it is: the errors column ignored, the formula guard dropped', () => {
    const header = readHeader([...HEADER, 'errors']);
    if (!header.ok) throw new Error('header');
    expect(header.width).toBe(9);
    const staged = stageRecord(
      ["'=5371012507900001", 'Yohanes Nahak', '1990-07-25', "'+6281234567890", "'5371", 'OJEK_DRIVER', "'-5", 'JKK;JKM', 'nik: ...'],
      header,
    );
    expect(staged).toEqual({
      fields: {
        nik: '=5371012507900001',
        fullName: 'Yohanes Nahak',
        birthDate: '1990-07-25',
        phone: '+6281234567890',
        regionCode: '5371',
        occupation: 'OJEK_DRIVER',
        declaredMonthlyIncome: '-5',
        programs: 'JKK;JKM',
      },
    });
    expect(readHeader([...HEADER, 'errors', 'errors'])).toEqual({ ok: false, reasons: ['repeated column: errors'] });
  });
});
