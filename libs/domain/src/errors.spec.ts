import { DomainError } from './errors';

describe('DomainError', () => {
  it('carries a code, a message and the field at fault', () => {
    const error = new DomainError('NIK_FORMAT', 'a NIK is exactly 16 digits', 'nik');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('NIK_FORMAT');
    expect(error.message).toBe('a NIK is exactly 16 digits');
    expect(error.field).toBe('nik');
    expect(error.toJSON()).toEqual({ code: 'NIK_FORMAT', message: 'a NIK is exactly 16 digits', field: 'nik' });
  });

  it('leaves the field out of JSON when there is none', () => {
    expect(new DomainError('X', 'y').toJSON()).toEqual({ code: 'X', message: 'y' });
  });

  it('recognises domain errors, and only them', () => {
    expect(DomainError.is(new DomainError('X', 'y'))).toBe(true);
    expect(DomainError.is(new Error('y'))).toBe(false);
    expect(DomainError.is({ name: 'DomainError', code: 'X' })).toBe(false);
    // a copy of the class from another module registry still counts
    const foreign = Object.assign(new Error('y'), { name: 'DomainError', code: 'X' });
    expect(DomainError.is(foreign)).toBe(true);
  });
});
