import { IsIn, IsInt, Matches, Min } from 'class-validator';

/** Field rules that several events share, so one worker reads the same everywhere. */
export const PROGRAM_CODES = ['JKK', 'JKM', 'JHT'] as const;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export const IsRupiah = () => (target: object, key: string) => {
  IsInt()(target, key);
  Min(0)(target, key);
};
export const IsIsoDate = () => Matches(ISO_DATE, { message: '$property must be a date YYYY-MM-DD' });
export const IsPeriod = () => Matches(PERIOD, { message: '$property must be a period YYYY-MM' });
export const IsPeriods = () => Matches(PERIOD, { each: true, message: 'each of $property must be a period YYYY-MM' });
export const IsProgramCode = () => IsIn(PROGRAM_CODES);
export const IsProgramCodes = () => IsIn(PROGRAM_CODES, { each: true });
/** A value sealed for the consumers that hold the key (base64url of version, IV, tag and ciphertext). */
export const IsSealedField = () => Matches(/^[A-Za-z0-9_-]{40,400}$/, { message: '$property must be a sealed value (base64url)' });
