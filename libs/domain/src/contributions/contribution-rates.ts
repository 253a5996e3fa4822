import type { ProgramCode } from '../programs';

/**
 * How a programme's monthly contribution is computed: a rate in basis points of the bracket's nominal
 * value, or a flat amount. Dated, so a new regulation is a new row (docs/rules.md, "Contributions").
 */
export type RateBasis =
  { readonly kind: 'PERCENT_OF_NOMINAL'; readonly basisPoints: number } | { readonly kind: 'FLAT'; readonly amount: number };

export interface ProgramRate {
  readonly program: ProgramCode;
  readonly effectiveFrom: string;
  readonly basis: RateBasis;
  readonly source: string;
}

export const PROGRAM_RATES: readonly ProgramRate[] = Object.freeze([
  {
    program: 'JKK',
    effectiveFrom: '2015-07',
    basis: { kind: 'PERCENT_OF_NOMINAL', basisPoints: 100 },
    source: 'PP 44/2015 (1% of the nominal income)',
  },
  { program: 'JKM', effectiveFrom: '2015-07', basis: { kind: 'FLAT', amount: 6_800 }, source: 'PP 44/2015 (Rp6,800 a month)' },
  {
    program: 'JHT',
    effectiveFrom: '2015-07',
    basis: { kind: 'PERCENT_OF_NOMINAL', basisPoints: 200 },
    source: 'PP 46/2015 (2% of the nominal income)',
  },
] as const satisfies readonly ProgramRate[]);
