import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { IsIsoDate, IsPeriod, IsProgramCodes, IsRupiah } from './shared-fields';

const HEIR_RELATIONSHIPS = ['SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'GRANDPARENT', 'SIBLING', 'PARENT_IN_LAW', 'WILL_BENEFICIARY'];

/** An heir as other services may know them: no name and no clear NIK, only its keyed hash. */
export class HeirRef {
  @IsUUID() heirId!: string;
  @IsIn(HEIR_RELATIONSHIPS) relationship!: string;
  @IsString() @Length(64, 64) nikHash!: string;
  @IsIsoDate() birthDate!: string;
}

/** What other services need of a worker: no name, no phone, no clear NIK (docs/design.md, personal data). */
export class WorkerRegisteredV1 {
  @IsUUID() workerId!: string;
  @Matches(/^\d{11}$/) membershipNumber!: string;
  @IsString() @Length(64, 64) nikHash!: string;
  @Matches(/^\d{4}$/) regionCode!: string;
  @IsString() occupation!: string;
  @IsRupiah() declaredMonthlyIncome!: number;
  @IsArray() @ArrayNotEmpty() @IsProgramCodes() programs!: string[];
  @IsIsoDate() birthDate!: string;
  @IsIsoDate() registeredOn!: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => HeirRef) heirs?: HeirRef[];
}

export class WorkerChangedV1 {
  @IsUUID() workerId!: string;
  @IsRupiah() declaredMonthlyIncome!: number;
  @IsArray() @ArrayNotEmpty() @IsProgramCodes() programs!: string[];
  @IsPeriod() effectiveFrom!: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => HeirRef) heirs?: HeirRef[];
}

export class WorkerDeregisteredV1 {
  @IsUUID() workerId!: string;
  @IsIsoDate() deregisteredOn!: string;
  @IsString() reason!: string;
}

export const WorkerRegistered = defineEvent({
  type: 'enrollment.worker.registered',
  version: 1,
  topic: Topics.enrollmentWorkers,
  summary: 'A worker enrolled as a non-wage member (BPU); their membership awaits the first payment.',
  dataClass: WorkerRegisteredV1,
});

export const WorkerChanged = defineEvent({
  type: 'enrollment.worker.changed',
  version: 1,
  topic: Topics.enrollmentWorkers,
  summary: "A worker's declared income, programmes or heirs changed, effective from a period.",
  dataClass: WorkerChangedV1,
});

export const WorkerDeregistered = defineEvent({
  type: 'enrollment.worker.deregistered',
  version: 1,
  topic: Topics.enrollmentWorkers,
  summary: 'A worker left the programme; nothing more is billed from the next period.',
  dataClass: WorkerDeregisteredV1,
});
