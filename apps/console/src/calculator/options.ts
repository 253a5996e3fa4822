// The calculator's choices: the API's codes (docs/rules.md), shown in words by the messages.
export const OCCUPATIONS = [
  'OJEK_DRIVER',
  'ONLINE_DRIVER',
  'COURIER',
  'MAKEUP_ARTIST',
  'WEAVER',
  'CREATIVE_WORKER',
  'MARKET_TRADER',
  'FISHERMAN',
  'FARMER',
  'DOMESTIC_WORKER',
  'OTHER',
] as const;

export const PAYERS = ['SELF', 'CSR', 'APBD', 'APBN'] as const;

/** JKK and JKM are always part of a membership; JHT is the worker's choice. */
export const MANDATORY_PROGRAMS = ['JKK', 'JKM'] as const;

/** The estimates the calculator offers, and the inputs each needs (GET /v1/benefit-estimates). */
export const ESTIMATES = {
  JKM_DEATH: { type: 'JKM', kind: 'DEATH', needs: ['membershipMonths'] },
  JKK_DEATH: { type: 'JKK', kind: 'DEATH', needs: ['declaredMonthlyIncome'] },
  JKK_TEMPORARY_INCAPACITY: { type: 'JKK', kind: 'TEMPORARY_INCAPACITY', needs: ['declaredMonthlyIncome', 'daysUnableToWork'] },
} as const;

export type EstimateChoice = keyof typeof ESTIMATES;
