import { Nik, parseIsoDate } from '@jaring/domain';

/** A valid NIK (district 537101, Kota Kupang) for a birth date; the serial tells a test's people apart. */
export function kupangNik(birthDate: string, serial: number): string {
  const { year, month, day } = parseIsoDate(birthDate);
  const two = (n: number) => String(n).padStart(2, '0');
  const nik = `537101${two(day)}${two(month)}${two(year % 100)}${String(serial).padStart(4, '0')}`;
  if (!Nik.isValid(nik)) throw new Error(`test NIK ${nik} is invalid`);
  return nik;
}
