import type { ProgramCode } from '../programs';

/**
 * What each programme pays, in plain words from docs/rules.md ("Benefits"), for the contribution calculator
 * that field agents show workers who have never been insured.
 */
export const PROGRAM_BENEFITS: Readonly<Record<ProgramCode, { name: string; covers: string; required: boolean }>> = Object.freeze({
  JKK: {
    name: 'Jaminan Kecelakaan Kerja (work accident)',
    covers:
      'Accidents at work and on the way to or from work: medical care as needed with no cap, transport of the injured, ' +
      'your income while you cannot work (100% for the first 12 months, then 50%), a payment for permanent disability ' +
      '(up to 56 times your monthly income), and for a death from a work accident 48 times your monthly income ' +
      '(at least Rp20,000,000) plus Rp12,000,000 periodic benefit, Rp10,000,000 funeral costs and a scholarship for up to 2 children.',
    required: true,
  },
  JKM: {
    name: 'Jaminan Kematian (death)',
    covers:
      'Death not from a work accident: your family receives Rp42,000,000 (Rp20,000,000 lump sum, Rp12,000,000 periodic ' +
      'benefit paid at once, Rp10,000,000 funeral costs), and a scholarship for up to 2 children after 3 years of contributions.',
    required: true,
  },
  JHT: {
    name: 'Jaminan Hari Tua (old-age savings)',
    covers:
      'Savings: everything you pay in plus the yearly return, paid out whole at age 56, at permanent total disability, ' +
      'on leaving Indonesia for good, or to your heirs at your death. Optional.',
    required: false,
  },
});
