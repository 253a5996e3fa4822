import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Allow, type Caller, CurrentCaller, ProblemDetailsDto } from '@jaring/platform';
import { HeirView } from '../workers/worker.view';
import { ReplaceHeirsDto } from './replace-heirs.dto';
import { ReplaceHeirsHandler } from './replace-heirs.handler';

class HeirsView {
  @ApiProperty({ type: [HeirView] }) heirs!: HeirView[];
}

@ApiTags('workers')
@Controller('v1/workers')
export class ReplaceHeirsHttpController {
  constructor(private readonly handler: ReplaceHeirsHandler) {}

  /** The body is `unknown` for the pipe: the handler validates it with ReplaceHeirsDto and against the worker. */
  @Put(':id/heirs')
  @Allow('agent', 'enrollment-officer')
  @ApiOperation({
    summary: "Replace the worker's heirs (ahli waris)",
    description:
      'Validated like the worker: NIK structure, area and birth date; relationships from the tiers of docs/rules.md. Announces enrollment.worker.changed. ' +
      "An agent replaces the heirs of its own regions' workers only: another region's worker answers 404. The worker's audit trail names the caller.",
  })
  @ApiBody({ type: ReplaceHeirsDto })
  @ApiOkResponse({ type: HeirsView })
  @ApiBadRequestResponse({ type: ProblemDetailsDto })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  replace(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown, @CurrentCaller() caller: Caller): Promise<HeirsView> {
    return this.handler.replace(id, body, caller);
  }
}
