import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The shape of every error answer, for the OpenAPI document (`@ApiResponse({ status: 409, type: ProblemDetailsDto })`). */
export class FieldErrorDto {
  @ApiProperty({ example: 'heirs.0.nik' }) field!: string;
  @ApiProperty({ example: 'nik must be 16 digits' }) reason!: string;
}

export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://jaring.id/problems/validation-error', description: 'URI naming the kind of problem, or about:blank' })
  type!: string;
  @ApiProperty({ example: 'Invalid request' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'invalid field: heirs.0.nik' }) detail!: string;
  @ApiProperty({ example: '/v1/workers', description: 'the request path' }) instance!: string;
  @ApiPropertyOptional({ example: '0b7c2f5e-3c1a-4a51-9a3e-8f0f6d1e2a4b' }) correlationId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}
