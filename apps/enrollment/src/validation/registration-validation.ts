import { type IsoDate, isIsoDate, Nik, type OccupationCode, type ProgramCode, validateProgramSelection } from '@jaring/domain';
import { normalizePhone, registrationAgeProblem } from '../domain/enrollment-rules';
import { heirListProblems } from '../domain/heir-rules';
import { RegisterWorkerDto } from '../register-worker/register-worker.dto';
import { ReplaceHeirsDto } from '../replace-heirs/replace-heirs.dto';
import type { HeirDto } from '../workers/heir.dto';
import { type Validated, validateDto } from './validate-input';

/** A heir that passed every rule, in the form it is stored in. */
export interface ValidHeir {
  fullName: string;
  nik: Nik;
  relationship: HeirDto['relationship'];
  birthDate: IsoDate;
}

/** A registration that passed every rule: the NIK parsed, the phone normalised, programmes in canonical order. */
export interface ValidRegistration {
  nik: Nik;
  fullName: string;
  birthDate: IsoDate;
  phone: string;
  regionCode: string;
  occupation: OccupationCode;
  declaredMonthlyIncome: number;
  programs: ProgramCode[];
  heirs: ValidHeir[];
}

/**
 * Every rule of a registration (POST /v1/workers and each import row) in one pass: the DTO's field rules,
 * the age limits on the registration date, the heirs against the worker.
 */
export function validateRegistration(input: unknown, registeredOn: IsoDate): Validated<ValidRegistration> {
  const { dto, errors } = validateDto(RegisterWorkerDto, input);
  if (!dto) return { ok: false, errors };
  if (isIsoDate(dto.birthDate)) {
    const ageProblem = registrationAgeProblem(dto.birthDate, registeredOn);
    if (ageProblem) errors.push({ field: 'birthDate', reason: ageProblem });
  }
  if (Array.isArray(dto.heirs)) errors.push(...heirListProblems(dto.heirs, { nik: dto.nik, birthDate: dto.birthDate }, registeredOn));
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      nik: Nik.parse(dto.nik),
      fullName: dto.fullName.trim(),
      birthDate: dto.birthDate,
      phone: normalizePhone(dto.phone)!,
      regionCode: dto.regionCode,
      occupation: dto.occupation as OccupationCode,
      declaredMonthlyIncome: dto.declaredMonthlyIncome,
      programs: validateProgramSelection(dto.programs),
      heirs: (dto.heirs ?? []).map(toValidHeir),
    },
  };
}

/** `PUT /v1/workers/{id}/heirs`: the heirs' own rules, then against the worker they inherit from. */
export function validateHeirs(input: unknown, worker: { nik: string; birthDate: IsoDate }, today: IsoDate): Validated<ValidHeir[]> {
  const { dto, errors } = validateDto(ReplaceHeirsDto, input);
  if (!dto) return { ok: false, errors };
  if (Array.isArray(dto.heirs)) errors.push(...heirListProblems(dto.heirs, worker, today));
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: dto.heirs.map(toValidHeir) };
}

function toValidHeir(heir: HeirDto): ValidHeir {
  return { fullName: heir.fullName.trim(), nik: Nik.parse(heir.nik), relationship: heir.relationship, birthDate: heir.birthDate };
}
