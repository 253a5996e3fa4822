import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@jaring/platform';
import { EstimateBenefitDto } from './estimate-benefit.dto';
import { EstimateBenefitQuery, type BenefitEstimate } from './estimate-benefit.query';

@ApiTags('benefit estimates')
@Controller('v1/benefit-estimates')
export class EstimateBenefitHttpController {
  constructor(private readonly query: EstimateBenefitQuery) {}

  @Get()
  // workers and families look up what they would receive before anyone signs in
  @Public()
  @ApiOperation({ summary: 'Estimate a benefit by claim type and kind, with the same breakdown as a claim (no sign-in)' })
  @ApiOkResponse({ description: 'The benefit breakdown' })
  estimate(@Query() query: EstimateBenefitDto): BenefitEstimate {
    return this.query.estimate(query);
  }
}
