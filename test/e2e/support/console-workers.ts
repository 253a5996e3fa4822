import { Nik, parseIsoDate } from '@jaring/domain';
import { call, expectStatus } from '../../support/http-call';
import { as } from '../../support/identity';
import type { Platform } from './platform-processes';

/** A valid NIK (district 537101) for a birth date; the serial tells a test's workers apart. */
export function nikOf(birthDate: string, serial: number): string {
  const { year, month, day } = parseIsoDate(birthDate);
  const two = (n: number) => String(n).padStart(2, '0');
  const nik = `537101${two(day)}${two(month)}${two(year % 100)}${String(serial).padStart(4, '0')}`;
  if (!Nik.isValid(nik)) throw new Error(`test NIK ${nik} is invalid`);
  return nik;
}

export interface TestWorker {
  /** Tells the file's workers apart: the NIK's serial and the phone's last digits. */
  serial: number;
  fullName: string;
  regionCode: string;
  occupation: string;
  declaredMonthlyIncome: number;
}

/** Registers a worker born on 25 July 1990 through enrollment's API as a development client (e.g. `agent-5371`); the worker answer. */
export async function registerWorker(platform: Platform, client: string, worker: TestWorker): Promise<any> {
  return expectStatus(
    await call(platform.url('enrollment'), 'POST', '/v1/workers', {
      headers: await as(client),
      body: {
        nik: nikOf('1990-07-25', worker.serial),
        fullName: worker.fullName,
        birthDate: '1990-07-25',
        phone: `0812345678${String(worker.serial).padStart(2, '0')}`,
        regionCode: worker.regionCode,
        occupation: worker.occupation,
        declaredMonthlyIncome: worker.declaredMonthlyIncome,
        programs: ['JKK', 'JKM'],
      },
    }),
    201,
    `registration of worker ${worker.serial} in ${worker.regionCode}`,
  ).body;
}
