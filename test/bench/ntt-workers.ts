import { addDays, officialAreaCodes, parseIsoDate, systemClock, todayOf } from '@jaring/domain';

export const WORKER_CSV_HEADER = 'nik,fullName,birthDate,phone,regionCode,occupation,declaredMonthlyIncome,programs';
export const BENCH_OCCUPATIONS = ['OJEK_DRIVER', 'COURIER', 'WEAVER', 'MARKET_TRADER', 'FISHERMAN', 'FARMER', 'MAKEUP_ARTIST'];

export interface GeneratedWorker {
  nik: string;
  /** The worker's row of a worker-import CSV (columns of WORKER_CSV_HEADER). */
  line: string;
  regionCode: string;
}

export interface GeneratedWorkersOptions {
  /** The regencies the workers live in (Kemendagri codes); every regency of NTT (province 53) by default. */
  regencies?: string[];
  /** Everyone declares Rp1,000,000 and JKK+JKM, so that every worker owes the same (the rates are tested elsewhere). */
  uniform?: boolean;
  /** Where the row numbering (names, phones) starts, so that two generated groups do not share them. */
  firstRow?: number;
}

/** Valid NTT workers for the benches: real districts, ages 20 to 60, unique NIKs. */
export function nttWorkers(count: number, options: GeneratedWorkersOptions = {}): GeneratedWorker[] {
  const areas = officialAreaCodes();
  const regencies = options.regencies ?? areas.regenciesOf('53');
  const districts = regencies.flatMap((regency) => areas.districtsOf(regency));
  const today = todayOf(systemClock);
  const niks = new Set<string>();
  const workers: GeneratedWorker[] = [];
  const first = options.firstRow ?? 0;
  for (let i = 0; workers.length < count; i++) {
    const district = districts[i % districts.length];
    const birthDate = addDays(today, -(20 * 366 + ((i * 7919) % (40 * 365))));
    const { year, month, day } = parseIsoDate(birthDate);
    const woman = i % 2 === 1;
    const serial = String((Math.floor(i / districts.length) % 9999) + 1).padStart(4, '0');
    const nik = `${district}${pad(woman ? day + 40 : day)}${pad(month)}${pad(year % 100)}${serial}`;
    if (niks.has(nik)) continue;
    niks.add(nik);
    const row = first + workers.length;
    const income = options.uniform ? 1_000_000 : 1_000_000 + ((i * 37) % 40) * 100_000;
    const programs = !options.uniform && i % 3 === 0 ? 'JKK;JKM;JHT' : 'JKK;JKM';
    const phone = `0812${String(10_000_000 + row).slice(-8)}`;
    const regionCode = district.slice(0, 4);
    workers.push({
      nik,
      regionCode,
      line: [
        nik,
        `Pekerja NTT ${letters(row)}`,
        birthDate,
        phone,
        regionCode,
        BENCH_OCCUPATIONS[i % BENCH_OCCUPATIONS.length],
        income,
        programs,
      ].join(','),
    });
  }
  return workers;
}

/** Names have no digits: a row number spelt in letters. */
function letters(n: number): string {
  let text = '';
  do {
    text = String.fromCharCode(97 + (n % 26)) + text;
    n = Math.floor(n / 26);
  } while (n > 0);
  return text;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
