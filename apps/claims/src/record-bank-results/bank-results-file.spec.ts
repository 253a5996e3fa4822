import { parseBankResultsFile } from './bank-results-file';

const LINE_A = '0f8fad5b-d9cb-469f-a165-70867728950e';
const LINE_B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe("the bank's results file", () => {
  it('reads each row as the result it stands for, empty cells absent, columns in any order, a byte-order mark allowed', () => {
    const file = `\uFEFFline_id,status,reason,bank_reference\r\n${LINE_A},PAID,,BRI-0001\r\n${LINE_B},FAILED,"ACCOUNT_CLOSED, per the bank",\r\n`;
    expect(parseBankResultsFile(file)).toEqual({
      ok: true,
      rows: [
        { lineId: LINE_A, status: 'PAID', bankReference: 'BRI-0001' },
        { lineId: LINE_B, status: 'FAILED', reason: 'ACCOUNT_CLOSED, per the bank' },
      ],
    });
    expect(parseBankResultsFile(`status,bank_reference,line_id,reason\nPAID,,${LINE_A},\n`)).toEqual({
      ok: true,
      rows: [{ lineId: LINE_A, status: 'PAID' }],
    });
  });

  it('refuses a header that is not the four columns, without quoting its cells', () => {
    const noHeader = parseBankResultsFile(`${LINE_A},PAID,,Maria Nahak\n`);
    expect(noHeader.ok).toBe(false);
    expect(noHeader).toMatchObject({ errors: expect.arrayContaining([{ field: 'header', reason: 'the column line_id is missing' }]) });
    expect(JSON.stringify(noHeader)).not.toContain('Maria');
    expect(parseBankResultsFile('line_id,status,reason\n')).toEqual({
      ok: false,
      errors: [{ field: 'header', reason: 'the column bank_reference is missing' }],
    });
    expect(parseBankResultsFile('')).toEqual({
      ok: false,
      errors: [{ field: 'header', reason: 'the file is empty: it needs the header line_id,status,reason,bank_reference' }],
    });
    expect(parseBankResultsFile('line_id,status,reason,bank_reference\n')).toEqual({
      ok: false,
      errors: [{ field: 'rows', reason: 'the file has a header but no results' }],
    });
  });

  it('names the row (1 after the header) whose cells do not match the header, and the row and column of a syntax error', () => {
    expect(parseBankResultsFile(`line_id,status,reason,bank_reference\n${LINE_A},PAID,,\n${LINE_B},PAID\n`)).toEqual({
      ok: false,
      errors: [{ field: 'rows.2', reason: 'the row has 2 cells, the header 4' }],
    });
    expect(parseBankResultsFile(`line_id,status,reason,bank_reference\n${LINE_A},PAID,,\n${LINE_B},FAILED,"closed"x,\n`)).toEqual({
      ok: false,
      errors: [{ field: 'rows.2.reason', reason: 'not valid CSV (CSV_INVALID_CLOSING_QUOTE)' }],
    });
  });
});
