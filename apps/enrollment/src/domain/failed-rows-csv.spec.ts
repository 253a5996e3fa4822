import { ALREADY_REGISTERED, FAILED_ROWS_HEADER, failedRowLine } from './failed-rows-csv';

describe('the file of refused rows', () => {
  it("has the import's columns in docs/api.md's order, then errors", () => {
    expect(FAILED_ROWS_HEADER).toBe('nik,fullName,birthDate,phone,regionCode,occupation,declaredMonthlyIncome,programs,errors');
  });

  it('writes the values as uploaded and every reason as field: reason, quoting what CSV needs', () => {
    const fields = {
      nik: '5371992507900001',
      fullName: 'Nahak, Yohanes',
      birthDate: '1990-07-25',
      phone: '081234567890',
      regionCode: '5371',
      occupation: 'ASTRONAUT',
      declaredMonthlyIncome: '1.500.000',
      programs: 'JKK;JKM',
    };
    const reasons = [
      { field: 'nik', reason: 'not a district' },
      { field: 'occupation', reason: 'occupation must be one of "A", B' },
    ];
    expect(failedRowLine(fields, reasons)).toBe(
      '5371992507900001,"Nahak, Yohanes",1990-07-25,081234567890,5371,ASTRONAUT,1.500.000,JKK;JKM,' +
        '"nik: not a district; occupation: occupation must be one of ""A"", B"',
    );
    expect(failedRowLine({}, [ALREADY_REGISTERED])).toBe(',,,,,,,,nik: already registered');
  });

  it('writes values a spreadsheet would run as formulas behind an apostrophe', () => {
    const line = failedRowLine(
      { nik: '=1+1', fullName: '@SUM(A1)', phone: '+6281234567890', declaredMonthlyIncome: '-5', programs: '\tJKK' },
      [{ field: 'nik', reason: 'x' }],
    );
    expect(line).toBe(`'=1+1,'@SUM(A1),,'+6281234567890,,,'-5,'\tJKK,nik: x`);
    expect(failedRowLine({ fullName: 'a\r\nb' }, [])).toBe(',"a\r\nb",,,,,,,');
  });
});
