import { ApiProperty } from '@nestjs/swagger';

export class WorkersByRegionDto {
  @ApiProperty({ example: '5371' }) regionCode!: string;
  @ApiProperty() workers!: number;
}

export class WorkersByOccupationDto {
  @ApiProperty({ example: 'WEAVER' }) occupation!: string;
  @ApiProperty() workers!: number;
}

export class ClaimsByKindDto {
  @ApiProperty({ example: 'JKM' }) type!: string;
  @ApiProperty({ example: 'DEATH' }) kind!: string;
  @ApiProperty() claims!: number;
  @ApiProperty({ description: 'Rupiah paid' }) amount!: number;
}

export class ClaimsSummaryDto {
  @ApiProperty({ description: 'Claims paid to sponsored workers or their families since their sponsorship was granted' }) claims!: number;
  @ApiProperty({ description: 'Benefits paid, rupiah' }) amount!: number;
  @ApiProperty({ type: [ClaimsByKindDto] }) byKind!: ClaimsByKindDto[];
}

export class BudgetSummaryDto {
  @ApiProperty() budget!: number;
  @ApiProperty() reserved!: number;
  @ApiProperty({ description: 'Authorised to pay invoices, net of refunds' }) spent!: number;
  @ApiProperty({ description: "Refunded after workers' deaths and back in the budget" }) refunded!: number;
  @ApiProperty() remaining!: number;
}

export class RetentionDto {
  @ApiProperty({ description: 'Sponsorships whose months were used up: workers handed over to paying alone' }) handedOver!: number;
  @ApiProperty({ description: 'Of those, workers who paid a contribution themselves for a period after their sponsorship' })
  keptPaying!: number;
  @ApiProperty({ description: 'keptPaying / handedOver, in percent (0 when nobody was handed over yet)', example: 42.5 })
  keptPayingPercent!: number;
}

export class ImpactReportDto {
  @ApiProperty() programmeId!: string;
  @ApiProperty() programmeName!: string;
  @ApiProperty() funderId!: string;
  @ApiProperty() funderType!: string;
  @ApiProperty({ description: 'The date the figures were taken' }) asOf!: string;
  @ApiProperty({ type: BudgetSummaryDto }) budget!: BudgetSummaryDto;
  @ApiProperty({ description: 'Workers granted a sponsorship' }) workersProtected!: number;
  @ApiProperty({ type: [WorkersByRegionDto] }) byRegion!: WorkersByRegionDto[];
  @ApiProperty({ type: [WorkersByOccupationDto] }) byOccupation!: WorkersByOccupationDto[];
  @ApiProperty({ description: 'Sponsored months paid (authorised), less the months refunded' }) monthsPaid!: number;
  @ApiProperty({ description: 'Contributions paid, rupiah, net of refunds (= budget.spent)' }) contributionsPaid!: number;
  @ApiProperty({ description: "Months paid for periods after a worker's death, refunded to the budget" }) monthsRefunded!: number;
  @ApiProperty({ description: 'What those refunds brought back, rupiah (= budget.refunded)' }) contributionsRefunded!: number;
  @ApiProperty({ description: 'Sponsorships still running' }) activeSponsorships!: number;
  @ApiProperty({ description: 'Sponsorships ended because the worker deregistered' }) endedByDeregistration!: number;
  @ApiProperty({ description: 'Sponsorships ended because the worker died' }) endedByDeath!: number;
  @ApiProperty({ type: ClaimsSummaryDto }) claims!: ClaimsSummaryDto;
  @ApiProperty({ type: RetentionDto }) retention!: RetentionDto;
}
