import { IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { IsIsoDate, IsPeriods, IsProgramCodes } from './shared-fields';

export class CoverageChangedV1 {
  @IsUUID() workerId!: string;
  @IsArray() @IsProgramCodes() programs!: string[];
  /** The periods this change covers (the newly paid ones). */
  @IsArray() @IsPeriods() periods!: string[];
  @IsIsoDate() coveredFrom!: string;
  @IsIsoDate() coveredUntil!: string;
}

export class CoverageLapsedV1 {
  @IsUUID() workerId!: string;
  @IsIsoDate() lapsedOn!: string;
  @IsOptional() @IsIsoDate() lastCoveredDay?: string;
  @IsIn(['UNPAID_MONTHS', 'DEREGISTERED']) reason!: string;
}

export const CoverageActivated = defineEvent({
  type: 'contributions.coverage.activated',
  version: 1,
  topic: Topics.contributionsCoverage,
  summary: 'A worker became covered (first paid period, or again after a lapse).',
  dataClass: CoverageChangedV1,
});

export const CoverageExtended = defineEvent({
  type: 'contributions.coverage.extended',
  version: 1,
  topic: Topics.contributionsCoverage,
  summary: "A covered worker's coverage now reaches further (more periods paid).",
  dataClass: CoverageChangedV1,
});

export const CoverageLapsed = defineEvent({
  type: 'contributions.coverage.lapsed',
  version: 1,
  topic: Topics.contributionsCoverage,
  summary: 'A worker lost coverage: too many unpaid months, or deregistration.',
  dataClass: CoverageLapsedV1,
});
