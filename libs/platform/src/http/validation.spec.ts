import { Type } from 'class-transformer';
import { IsString, Length, Matches, ValidateNested } from 'class-validator';
import { createValidationPipe, flattenValidationErrors } from './validation';
import { ValidationProblem } from './problem';

class HeirDto {
  @IsString() fullName!: string;
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' }) nik!: string;
}

class HeirsDto {
  @ValidateNested({ each: true })
  @Type(() => HeirDto)
  heirs!: HeirDto[];

  @Length(4, 4) regionCode!: string;
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const validate = (value: unknown) => pipe.transform(value, { type: 'body', metatype: HeirsDto });

  it('flattens nested errors into dotted fields and names unknown fields', async () => {
    const error = await validate({
      heirs: [
        { fullName: 'Siti', nik: '3171234567890123' },
        { fullName: 7, nik: '12', relation: 'x' },
      ],
      regionCode: '53',
      extra: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationProblem);
    const document = (error as ValidationProblem).toDocument();
    expect(document.status).toBe(400);
    expect(document.type).toBe('https://jaring.id/problems/validation-error');
    expect(document.errors).toEqual(
      expect.arrayContaining([
        { field: 'heirs.1.fullName', reason: 'fullName must be a string' },
        { field: 'heirs.1.nik', reason: 'nik must be 16 digits' },
        { field: 'heirs.1.relation', reason: 'property relation should not exist' },
        { field: 'regionCode', reason: 'regionCode must be longer than or equal to 4 characters' },
        { field: 'extra', reason: 'property extra should not exist' },
      ]),
    );
    expect(document.errors).toHaveLength(5);
    expect(document.detail).toMatch(/^invalid fields: /);
    for (const field of ['heirs.1.fullName', 'heirs.1.nik', 'heirs.1.relation', 'regionCode', 'extra']) {
      expect(document.detail).toContain(field);
    }
    // The offending values (personal data) are not echoed.
    expect(JSON.stringify(document)).not.toContain('"12"');
  });

  it('returns a DTO instance when the input is valid', async () => {
    const dto = await validate({ heirs: [{ fullName: 'Siti', nik: '3171234567890123' }], regionCode: '5371' });
    expect(dto).toBeInstanceOf(HeirsDto);
    expect(dto.heirs[0]).toBeInstanceOf(HeirDto);
  });
});

describe('flattenValidationErrors', () => {
  it('caps the list', () => {
    const errors = Array.from({ length: 300 }, (_, i) => ({ property: `f${i}`, constraints: { a: 'bad' }, children: [] }));
    expect(flattenValidationErrors(errors)).toHaveLength(100);
  });
});
