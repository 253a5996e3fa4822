import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { IsIsoDate, IsPeriod, IsProgramCodes, IsRupiah, IsSealedField } from './shared-fields';

const HEIR_RELATIONSHIPS = ['SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'GRANDPARENT', 'SIBLING', 'PARENT_IN_LAW', 'WILL_BENEFICIARY'];

/** An heir as other services may know them: no name and no clear NIK, only its keyed hash. */
class HeirRefFields {
  @IsUUID() heirId!: string;
  @IsIn(HEIR_RELATIONSHIPS) relationship!: string;
  @IsString() @Length(64, 64) nikHash!: string;
}

/** Version 1 carried the heir's birth date in clear; still read, no longer produced. */
export class HeirRef extends HeirRefFields {
  @IsIsoDate() birthDate!: string;
}

/** The heir's birth date sealed for claims, the one consumer that needs it (heirs' ages decide who is paid). */
export class HeirRefV2 extends HeirRefFields {
  @IsSealedField() sealedBirthDate!: string;
}

/** What other services need of a worker: no name, no phone, no clear NIK (docs/design.md, personal data). */
class WorkerRegisteredFields {
  @IsUUID() workerId!: string;
  @Matches(/^\d{11}$/) membershipNumber!: string;
  @IsString() @Length(64, 64) nikHash!: string;
  @Matches(/^\d{4}$/) regionCode!: string;
  @IsString() occupation!: string;
  @IsRupiah() declaredMonthlyIncome!: number;
  @IsArray() @ArrayNotEmpty() @IsProgramCodes() programs!: string[];
  @IsIsoDate() registeredOn!: string;
}

/** Version 1 carried birth dates in clear to every consumer of the topic; still read, no longer produced. */
export class WorkerRegisteredV1 extends WorkerRegisteredFields {
  @IsIsoDate() birthDate!: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => HeirRef) heirs?: HeirRef[];
}

/**
 * Birth dates sealed (AES-256-GCM, the key EVENT_SEALING_KEY that enrollment and claims hold): claims needs the
 * worker's (age at the incident) and the heirs'; contributions and subsidies read the same topic and need neither.
 */
export class WorkerRegisteredV2 extends WorkerRegisteredFields {
  @IsSealedField() sealedBirthDate!: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => HeirRefV2) heirs?: HeirRefV2[];
}

class WorkerChangedFields {
  @IsUUID() workerId!: string;
  @IsRupiah() declaredMonthlyIncome!: number;
  @IsArray() @ArrayNotEmpty() @IsProgramCodes() programs!: string[];
  @IsPeriod() effectiveFrom!: string;
}

export class WorkerChangedV1 extends WorkerChangedFields {
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => HeirRef) heirs?: HeirRef[];
}

export class WorkerChangedV2 extends WorkerChangedFields {
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => HeirRefV2) heirs?: HeirRefV2[];
}

export class WorkerDeregisteredV1 {
  @IsUUID() workerId!: string;
  @IsIsoDate() deregisteredOn!: string;
  @IsString() reason!: string;
}

export const DEATH_SOURCES = ['DEATH_CLAIM', 'BACK_OFFICE'];

/**
 * A worker died: the membership ends on `diedOn` (status DECEASED, not the same as leaving). Contributions voids
 * and refunds the months after the month of death; subsidies ends the sponsorship and releases its reservation.
 */
export class WorkerDiedV1 {
  @IsUUID() workerId!: string;
  @IsIsoDate() diedOn!: string;
  @IsIsoDate() recordedOn!: string;
  @IsIn(DEATH_SOURCES) source!: string;
  /** The paid death claim that established the death, when it came from one. */
  @IsOptional() @IsUUID() claimId?: string;
}

export const WorkerRegistered = defineEvent({
  type: 'enrollment.worker.registered',
  version: 2,
  topic: Topics.enrollmentWorkers,
  summary: 'A worker enrolled as a non-wage member (BPU); their membership awaits the first payment. Birth dates sealed for claims.',
  dataClass: WorkerRegisteredV2,
});

export const WorkerChanged = defineEvent({
  type: 'enrollment.worker.changed',
  version: 2,
  topic: Topics.enrollmentWorkers,
  summary: "A worker's declared income, programmes or heirs changed, effective from a period. Heirs' birth dates sealed for claims.",
  dataClass: WorkerChangedV2,
});

/** Version 1 (birth dates in clear): consumers still read what is left of it on the topic; nobody produces it. */
export const WorkerRegisteredClearV1 = defineEvent({
  type: 'enrollment.worker.registered',
  version: 1,
  topic: Topics.enrollmentWorkers,
  summary: 'Superseded by version 2: the same, with birth dates in clear.',
  dataClass: WorkerRegisteredV1,
  superseded: true,
});

export const WorkerChangedClearV1 = defineEvent({
  type: 'enrollment.worker.changed',
  version: 1,
  topic: Topics.enrollmentWorkers,
  summary: "Superseded by version 2: the same, with heirs' birth dates in clear.",
  dataClass: WorkerChangedV1,
  superseded: true,
});

export const WorkerDeregistered = defineEvent({
  type: 'enrollment.worker.deregistered',
  version: 1,
  topic: Topics.enrollmentWorkers,
  summary: 'A worker left the programme; nothing more is billed from the next period.',
  dataClass: WorkerDeregisteredV1,
});

export const WorkerDied = defineEvent({
  type: 'enrollment.worker.died',
  version: 1,
  topic: Topics.enrollmentWorkers,
  summary: "A worker died (a paid death claim or the back office's record): the membership ends on the date of death.",
  dataClass: WorkerDiedV1,
});

/** A registration of either version, for consumers that read neither birth date (contributions, subsidies). */
export type AnyWorkerRegistered = WorkerRegisteredV1 | WorkerRegisteredV2;
/** A change of either version, for consumers that read no heir's birth date. */
export type AnyWorkerChanged = WorkerChangedV1 | WorkerChangedV2;
