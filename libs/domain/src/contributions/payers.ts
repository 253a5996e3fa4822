import { DomainError } from '../errors';

/**
 * Who pays a worker's contribution: the worker (SELF), a company's CSR programme, a regional budget
 * (APBD) or the national budget (APBN). It matters because government budgets are excluded from the
 * PP 50/2025 discount.
 */
export const PAYERS = ['SELF', 'CSR', 'APBD', 'APBN'] as const;
export type Payer = (typeof PAYERS)[number];

export function isPayer(value: unknown): value is Payer {
  return typeof value === 'string' && (PAYERS as readonly string[]).includes(value);
}

export function parsePayer(value: unknown, field = 'payer'): Payer {
  if (!isPayer(value))
    throw new DomainError(
      'PAYER_UNKNOWN',
      `unknown payer ${JSON.stringify(value) ?? String(value)}; expected one of ${PAYERS.join(', ')}`,
      field,
    );
  return value;
}

/** Funder types (subsidies) as payers: both APBD levels are a regional budget. */
export const PAYER_OF_FUNDER_TYPE: Readonly<Record<string, Payer>> = Object.freeze({
  APBN: 'APBN',
  APBD_PROVINCE: 'APBD',
  APBD_REGENCY: 'APBD',
  CSR: 'CSR',
});

export function payerOfFunderType(funderType: string): Payer {
  const payer = PAYER_OF_FUNDER_TYPE[funderType];
  if (!payer) throw new DomainError('FUNDER_TYPE_UNKNOWN', `unknown funder type ${JSON.stringify(funderType)}`, 'funderType');
  return payer;
}
