import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEATH_SOURCES } from '@jaring/contracts';
import { HEIR_RELATIONSHIPS, OCCUPATION_CODES, PROGRAM_CODES } from '@jaring/domain';
import { WORKER_STATUSES } from './worker.entity';

export class ScheduledChangeView {
  @ApiProperty({ example: 2_000_000 }) declaredMonthlyIncome!: number;
  @ApiProperty({ enum: PROGRAM_CODES, isArray: true }) programs!: string[];
  @ApiProperty({ example: '2026-09', description: 'the first period the new terms apply to' }) effectiveFrom!: string;
}

export class HeirView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ example: '************0002', description: 'masked: the clear NIK is never sent back' }) nik!: string;
  @ApiProperty({ enum: HEIR_RELATIONSHIPS }) relationship!: string;
  @ApiProperty({ example: 1, description: 'the tier of the relationship (docs/rules.md): the first tier with someone in it receives' })
  tier!: number;
  @ApiProperty({ example: '1995-06-15' }) birthDate!: string;
}

/** How a death was established: never the death certificate number, which stays sealed. */
export class DeathView {
  @ApiProperty({ example: '2027-04-06' }) diedOn!: string;
  @ApiProperty({ example: '2027-04-13', description: 'the day Jaring recorded it' }) recordedOn!: string;
  @ApiProperty({ enum: DEATH_SOURCES, description: 'a paid death claim, or the back office' }) source!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the paid death claim, when one established it' })
  claimId!: string | null;
}

/** A worker as search lists them (no heirs). */
export class WorkerSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '10000000013', description: '11 digits, the last an ISO 7064 MOD 11,10 check digit' }) membershipNumber!: string;
  @ApiProperty({ enum: WORKER_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-09-30', description: 'last covered day, from the contributions service' })
  coverageEnd!: string | null;
  @ApiProperty({ example: '************0001', description: 'masked' }) nik!: string;
  @ApiProperty({ enum: ['F', 'M'], description: 'from the NIK (day + 40 for women)' }) gender!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ example: '1990-07-25' }) birthDate!: string;
  @ApiProperty({ example: '+6281234567890' }) phone!: string;
  @ApiProperty({ example: '5371' }) regionCode!: string;
  @ApiProperty({ enum: OCCUPATION_CODES }) occupation!: string;
  @ApiProperty({ example: 1_500_000, description: 'in force in the current period' }) declaredMonthlyIncome!: number;
  @ApiProperty({ enum: PROGRAM_CODES, isArray: true, description: 'in force in the current period' }) programs!: string[];
  @ApiProperty({ type: ScheduledChangeView, nullable: true, description: 'income and programmes from a later period (PATCH)' })
  scheduledChange!: ScheduledChangeView | null;
  @ApiProperty({ example: '2026-07-01' }) registeredOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) deregisteredOn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2027-04-06', description: 'the date of death (status DECEASED), or null' })
  diedOn!: string | null;
  @ApiProperty({ type: DeathView, nullable: true, description: 'how the death was established (status DECEASED), or null' })
  death!: DeathView | null;
}

/** `GET /v1/workers/{id}`: the worker with membership status, coverage end and heirs. */
export class WorkerView extends WorkerSummaryView {
  @ApiProperty({ type: [HeirView] }) heirs!: HeirView[];
}
