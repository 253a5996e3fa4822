import { ValidationPipe } from '@nestjs/common';
import { fastCheckOf } from '@jaring/contracts';
import { createValidationPipe, VALIDATION_PIPE_OPTIONS } from '@jaring/platform';
import { CreatePaymentDto } from './record-payment.dto';

const VALID = {
  workerId: '0b8e2c1a-6a1e-4a51-9d0a-2f4c2b1e7d11',
  amount: 16_800,
  channel: 'BANK_NTT',
  externalReference: 'TRX-1',
  months: 3,
};
const ODD_VALUES: unknown[] = [undefined, null, '', 'x', '3', 'BANK NTT', 'a'.repeat(129), 0, -1, 1.5, 2, 2 ** 53, true, [], {}, [1]];

/** The valid body, and each of its fields missing, broken, or joined by an unknown one. */
function variantsOf(valid: Record<string, unknown>): unknown[] {
  const variants: unknown[] = [valid, { ...valid, unexpected: 1 }, undefined, null, [], 'x', {}];
  for (const key of Object.keys(valid)) {
    const { [key]: _removed, ...without } = valid;
    variants.push(without);
    for (const odd of ODD_VALUES) variants.push({ ...valid, [key]: odd });
  }
  return variants;
}

async function answerOf(pipe: ValidationPipe, body: unknown): Promise<unknown> {
  try {
    const dto: unknown = await pipe.transform(body, { type: 'body', metatype: CreatePaymentDto });
    return { dto, instance: dto instanceof CreatePaymentDto };
  } catch (error) {
    return { error: (error as { toDocument(): unknown }).toDocument() };
  }
}

describe('POST /v1/payments body validation', () => {
  it('takes the compiled check (the quick road for a valid body)', () => {
    expect(fastCheckOf(CreatePaymentDto)?.(VALID, 'produce')).toBe(true);
  });

  it('answers every body as class-validator alone does: the same DTO, or the same 400 naming the same fields', async () => {
    const platform = createValidationPipe();
    const classValidatorOnly = new ValidationPipe(VALIDATION_PIPE_OPTIONS);
    let refused = 0;
    for (const body of variantsOf(VALID)) {
      const reference = await answerOf(classValidatorOnly, body);
      expect({ body, answer: await answerOf(platform, body) }).toEqual({ body, answer: reference });
      if ('error' in (reference as object)) refused++;
    }
    expect(refused).toBeGreaterThan(40);
  });
});
