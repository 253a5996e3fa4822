import type { OccupationSector } from '../occupations';
import { OCCUPATION_SECTORS } from '../occupations';
import type { ProgramCode } from '../programs';
import type { Payer } from './payers';

/**
 * A temporary reduction of some programmes' contributions for the periods `from`..`to` (inclusive), for
 * some occupation sectors and payers. Dated rows, so the next decree is new data (docs/rules.md, PP 50/2025).
 * The period of the invoice decides, not the day it is paid: arrears from before the window are paid at
 * the full rate (docs/rules.md, "check").
 */
export interface ContributionDiscount {
  readonly id: string;
  readonly regulation: string;
  readonly description: string;
  readonly from: string;
  readonly to: string;
  readonly sectors: readonly OccupationSector[];
  readonly payers: readonly Payer[];
  readonly programs: readonly ProgramCode[];
  /** Share taken off, in basis points (5,000 = 50%). */
  readonly percentOffBasisPoints: number;
}

const NON_TRANSPORT = OCCUPATION_SECTORS.filter((sector) => sector !== 'transport');

/**
 * PP 50/2025: JKK and JKM at 50% (JHT never discounted) for self-paying members; members whose JKK/JKM a
 * government budget pays (APBD, APBN) are excluded; CSR-funded members appear to qualify ("check").
 */
export const CONTRIBUTION_DISCOUNTS: readonly ContributionDiscount[] = Object.freeze([
  {
    id: 'PP50_2025_TRANSPORT',
    regulation: 'PP 50/2025',
    description: 'JKK and JKM at 50% for transport workers (ojek, drivers, couriers), January 2026 to March 2027',
    from: '2026-01',
    to: '2027-03',
    sectors: ['transport'],
    payers: ['SELF', 'CSR'],
    programs: ['JKK', 'JKM'],
    percentOffBasisPoints: 5_000,
  },
  {
    id: 'PP50_2025_GENERAL',
    regulation: 'PP 50/2025',
    description: 'JKK and JKM at 50% for non-wage members outside transport, April 2026 to December 2026',
    from: '2026-04',
    to: '2026-12',
    sectors: NON_TRANSPORT,
    payers: ['SELF', 'CSR'],
    programs: ['JKK', 'JKM'],
    percentOffBasisPoints: 5_000,
  },
] as const satisfies readonly ContributionDiscount[]);
