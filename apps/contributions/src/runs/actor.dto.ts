import { ApiProperty } from '@nestjs/swagger';
import type { Actor } from '@jaring/platform';

/** Who made a write: identifiers from the caller's credential, never a name. */
export class ActorDto implements Actor {
  @ApiProperty({
    example: 'operator',
    description: "The token's subject (a person's or a client's id at the identity provider), or `schedule` for the service's own runs",
  })
  subject!: string;

  @ApiProperty({ example: 'operator', description: 'The OAuth client the request came through (`contributions` for the schedule)' })
  clientId!: string;
}
