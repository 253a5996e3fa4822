import { bankFileCsv } from './bank-file';

describe('bank file', () => {
  it('lists each transfer once and ends with the control total (count and sum)', () => {
    const csv = bankFileCsv([
      { lineNo: 1, reference: 'a', bankCode: '002', accountNumber: '0123', accountName: 'Maria Nahak', amount: 42_000_000 },
      { lineNo: 2, reference: 'b', bankCode: '009', accountNumber: '0456', accountName: 'Nahak, "Yo"', amount: 2_400_000 },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'line_no,reference,bank_code,account_number,account_name,amount',
      '1,a,002,0123,Maria Nahak,42000000',
      '2,b,009,0456,"Nahak, ""Yo""",2400000',
      'TOTAL,2,44400000',
      '',
    ]);
  });

  it('neutralises formulas in names', () => {
    expect(
      bankFileCsv([{ lineNo: 1, reference: 'a', bankCode: '002', accountNumber: '1', accountName: '=HYPERLINK("x")', amount: 1 }]),
    ).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
