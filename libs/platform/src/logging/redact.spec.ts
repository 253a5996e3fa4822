import { redactText, redactValue } from './redact';

describe('redactText', () => {
  it.each([
    ['NIK', 'registering 3171234567890123 now', 'registering [NIK] now'],
    ['NIK with separators', 'nik 317123.456789.0123', 'nik [NIK]'],
    ['NIK in JSON', '{"nik":"5371011201900001"}', '{"nik":"[NIK]"}'],
    ['NIK masked the old way, first four digits in view', 'nik 5371********0001', 'nik ************0001'],
    ['NIK partly masked', '{"nik":"537101******0001"}', '{"nik":"************0001"}'],
    ['mobile 08', 'call 081234567890', 'call [PHONE]'],
    ['mobile +62', 'call +6281234567890.', 'call [PHONE].'],
    ['mobile with separators', 'wa: +62 812-3456-7890', 'wa: [PHONE]'],
    ['mobile 62 without plus', 'msisdn=6281234567890', 'msisdn=[PHONE]'],
    ['landline +62', 'office +62 21 5551234', 'office [PHONE]'],
    ['account number', 'transfer to 1234567890 at BCA', 'transfer to [ACCOUNT] at BCA'],
    ['account with dashes', 'acct 123-456-7890-12', 'acct [ACCOUNT]'],
    ['e-mail', 'mail budi.santoso@example.co.id please', 'mail [EMAIL] please'],
  ])('masks a %s', (_, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    ['a UUID', 'worker 12345678-1234-1234-1234-123456789012 registered'],
    ['a traceparent with all-digit ids', '00-12345678901234567890123456789012-1234567890123456-01'],
    ['money and short numbers', 'paid 16800 rupiah for 2025-08, 3 months, 0.81234567 s'],
    ['an ISO timestamp', 'at 2025-08-12T10:20:30.123Z'],
    ['a region code and a period', 'region 5371 period 2025-08'],
    ['a NIK masked to its last four digits', 'nik ************0001'],
  ])('leaves %s alone', (_, input) => {
    expect(redactText(input)).toBe(input);
  });
});

describe('redactValue', () => {
  it('masks strings at any depth and 16-digit numbers, without mutating the input', () => {
    const input = { worker: { nik: 3171234567890123, phones: ['081234567890'], note: 'ok' }, amount: 16800 };
    const output = redactValue(input);
    expect(output).toEqual({ worker: { nik: '[NIK]', phones: ['[PHONE]'], note: 'ok' }, amount: 16800 });
    expect(input.worker.phones[0]).toBe('081234567890');
  });

  it('copes with cycles and errors', () => {
    const input: Record<string, unknown> = { message: 'nik 3171234567890123' };
    input.self = input;
    expect(redactValue(input)).toEqual({ message: 'nik [NIK]', self: '[Circular]' });
    const error = redactValue(new Error('duplicate 3171234567890123')) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('duplicate [NIK]');
    expect(error.stack).not.toContain('3171234567890123');
  });
});
