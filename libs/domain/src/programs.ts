import { DomainError } from './errors';

/**
 * BPJS Ketenagakerjaan programmes open to non-wage (BPU) members. JKP (job-loss) and JP (pension) are
 * for wage earners only, so they are not codes here.
 */
export const PROGRAM_CODES = ['JKK', 'JKM', 'JHT'] as const;
export type ProgramCode = (typeof PROGRAM_CODES)[number];

export const PROGRAM_NAMES: Readonly<Record<ProgramCode, string>> = Object.freeze({
  JKK: 'Jaminan Kecelakaan Kerja (work accident)',
  JKM: 'Jaminan Kematian (death)',
  JHT: 'Jaminan Hari Tua (old-age savings)',
});

/** docs/rules.md, "Who may join": JKK and JKM are the minimum for every BPU member; JHT is optional (firm). */
export const REQUIRED_PROGRAMS: readonly ProgramCode[] = Object.freeze(['JKK', 'JKM'] as const);
export const OPTIONAL_PROGRAMS: readonly ProgramCode[] = Object.freeze(['JHT'] as const);

export function isProgramCode(value: unknown): value is ProgramCode {
  return typeof value === 'string' && (PROGRAM_CODES as readonly string[]).includes(value);
}

/**
 * Checks a member's programme choice and returns it in the canonical order (JKK, JKM, JHT), so stored
 * selections compare equal however the client ordered them. Throws DomainError:
 * PROGRAMS_INVALID (not a list), PROGRAM_UNKNOWN (a code other than JKK/JKM/JHT, case-sensitive),
 * PROGRAM_DUPLICATE, PROGRAM_REQUIRED (JKK or JKM missing).
 */
export function validateProgramSelection(programs: unknown, field = 'programs'): ProgramCode[] {
  if (!Array.isArray(programs)) {
    throw new DomainError('PROGRAMS_INVALID', 'programmes must be a list of codes', field);
  }
  const seen = new Set<ProgramCode>();
  for (const code of programs as unknown[]) {
    if (!isProgramCode(code)) {
      throw new DomainError(
        'PROGRAM_UNKNOWN',
        `unknown programme ${JSON.stringify(code)}; expected one of ${PROGRAM_CODES.join(', ')}`,
        field,
      );
    }
    if (seen.has(code)) {
      throw new DomainError('PROGRAM_DUPLICATE', `programme ${code} is listed twice`, field);
    }
    seen.add(code);
  }
  const missing = REQUIRED_PROGRAMS.filter((code) => !seen.has(code));
  if (missing.length > 0) {
    throw new DomainError(
      'PROGRAM_REQUIRED',
      `${missing.join(' and ')} must be included: JKK and JKM are the minimum for every member`,
      field,
    );
  }
  return PROGRAM_CODES.filter((code) => seen.has(code));
}
