import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const SELECTIONS = ['AUTOMATIC', 'NOMINATED'] as const;
export type Selection = (typeof SELECTIONS)[number];

export class EligibilityViewDto {
  @ApiPropertyOptional({ type: [String] }) regions?: string[];
  @ApiPropertyOptional({ type: [String] }) occupations?: string[];
  @ApiPropertyOptional() incomeCeiling?: number;
}

export class ProgrammeDto {
  @ApiProperty() id!: string;
  @ApiProperty() funderId!: string;
  @ApiProperty() funderType!: string;
  @ApiProperty() name!: string;
  @ApiProperty() budget!: number;
  @ApiProperty() coverageMonths!: number;
  @ApiProperty({ type: [String] }) programs!: string[];
  @ApiProperty({ type: EligibilityViewDto }) eligibility!: EligibilityViewDto;
  @ApiPropertyOptional({ nullable: true }) quota!: number | null;
  @ApiProperty() startsOn!: string;
  @ApiProperty() endsOn!: string;
  @ApiProperty({ enum: SELECTIONS }) selection!: Selection;
  @ApiProperty({ description: 'Promised to granted sponsorships, not yet spent' }) reserved!: number;
  @ApiProperty({ description: 'Authorised to pay invoices, net of refunds' }) spent!: number;
  @ApiProperty({
    description: "Paid for months after a worker's death and refunded by contributions, back in the budget (already out of spent)",
  })
  refunded!: number;
  @ApiProperty({ description: 'budget - reserved - spent' }) remaining!: number;
  @ApiProperty({ description: 'Workers granted a sponsorship (counts against the quota)' }) sponsoredWorkers!: number;
  @ApiPropertyOptional({ nullable: true, description: 'When a grant was first refused for want of budget or quota' }) exhaustedOn!:
    string | null;
  @ApiProperty() createdAt!: string;
}
