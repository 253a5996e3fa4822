import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, Min, ValidateIf } from 'class-validator';
import { EVENT_CATALOG } from './event-catalog';
import type { DataClass } from './event-definition';
import { fastCheckOf } from './fast-validation';
import { flattenValidationErrors, validateEventData, type ValidationMode } from './validation';
import { validateSync } from 'class-validator';

const UUID = '0b8e2c1a-6a1e-4a51-9d0a-2f4c2b1e7d11';
const HASH = 'a'.repeat(64);
const heir = { heirId: UUID, relationship: 'SPOUSE', nikHash: HASH, birthDate: '1990-01-31' };
/** A birth date as version 2 carries it: sealed (base64url of version, IV, tag and ciphertext). */
const SEALED = 'AWJh3Xq8o2mN0pQrStUvWxYz1234567890abcdefghijklmnopqrstuvw';
const sealedHeir = { heirId: UUID, relationship: 'CHILD', nikHash: HASH, sealedBirthDate: SEALED };

/** One valid payload of every declared event's data class, written by hand from the contracts. */
const SAMPLES: Record<string, Record<string, unknown>> = {
  WorkerRegisteredV1: {
    workerId: UUID,
    membershipNumber: '12345678901',
    nikHash: HASH,
    regionCode: '5371',
    occupation: 'WEAVER',
    declaredMonthlyIncome: 1_000_000,
    programs: ['JKK', 'JKM'],
    birthDate: '1990-07-25',
    registeredOn: '2026-11-02',
    heirs: [heir],
  },
  WorkerChangedV1: {
    workerId: UUID,
    declaredMonthlyIncome: 1_500_000,
    programs: ['JKK', 'JKM', 'JHT'],
    effectiveFrom: '2026-12',
    heirs: [heir],
  },
  WorkerRegisteredV2: {
    workerId: UUID,
    membershipNumber: '12345678901',
    nikHash: HASH,
    regionCode: '5371',
    occupation: 'WEAVER',
    declaredMonthlyIncome: 1_000_000,
    programs: ['JKK', 'JKM'],
    sealedBirthDate: SEALED,
    registeredOn: '2026-11-02',
    heirs: [sealedHeir],
  },
  WorkerChangedV2: {
    workerId: UUID,
    declaredMonthlyIncome: 1_500_000,
    programs: ['JKK', 'JKM', 'JHT'],
    effectiveFrom: '2026-12',
    heirs: [sealedHeir],
  },
  WorkerDeregisteredV1: { workerId: UUID, deregisteredOn: '2026-11-02', reason: 'DECEASED' },
  WorkerDiedV1: { workerId: UUID, diedOn: '2027-04-06', recordedOn: '2027-04-13', source: 'DEATH_CLAIM', claimId: UUID },
  InvoiceIssuedV1: {
    invoiceId: UUID,
    workerId: UUID,
    period: '2026-11',
    amount: 16_800,
    payer: 'APBD',
    dueDate: '2026-12-15',
    lines: [
      { program: 'JKK', amount: 10_000 },
      { program: 'JKM', amount: 6_800 },
    ],
    sponsorshipId: UUID,
    sponsoredAmount: 16_800,
  },
  InvoicePaidV1: { invoiceId: UUID, workerId: UUID, period: '2026-11', amount: 16_800, paymentId: UUID, paidBy: 'SELF' },
  ContributionRefundedV1: {
    refundId: UUID,
    invoiceId: UUID,
    workerId: UUID,
    period: '2027-05',
    payer: 'CSR',
    amount: 16_800,
    reason: 'WORKER_DIED',
    sponsorshipId: UUID,
    authorisationId: UUID,
  },
  InvoiceOverdueV1: { invoiceId: UUID, workerId: UUID, period: '2026-11', amount: 16_800, dueDate: '2026-12-15' },
  CoverageChangedV1: {
    workerId: UUID,
    programs: ['JKK', 'JKM'],
    periods: ['2026-11', '2026-12'],
    coveredFrom: '2026-11-01',
    coveredUntil: '2026-12-31',
  },
  CoverageLapsedV1: { workerId: UUID, lapsedOn: '2027-03-01', lastCoveredDay: '2026-12-31', reason: 'UNPAID_MONTHS' },
  SponsorshipGrantedV1: {
    sponsorshipId: UUID,
    programmeId: UUID,
    funderId: UUID,
    funderType: 'CSR',
    workerId: UUID,
    months: 3,
    programs: ['JKK', 'JKM'],
    reservedAmount: 25_200,
    firstPeriod: '2026-11',
  },
  SponsorshipEndedV1: {
    sponsorshipId: UUID,
    programmeId: UUID,
    workerId: UUID,
    reason: 'MONTHS_USED',
    monthsPaid: 3,
    releasedAmount: 0,
    lastPeriod: '2027-01',
  },
  SubsidyPaymentAuthorisedV1: {
    authorisationId: UUID,
    sponsorshipId: UUID,
    programmeId: UUID,
    funderType: 'APBD_REGENCY',
    workerId: UUID,
    invoiceId: UUID,
    period: '2026-11',
    amount: 16_800,
  },
  BudgetExhaustedV1: {
    programmeId: UUID,
    funderId: UUID,
    budget: 1_000_000,
    remaining: 100,
    exhaustedOn: '2026-11-02',
    reason: 'BUDGET_EXHAUSTED',
  },
  ClaimSubmittedV1: {
    claimId: UUID,
    workerId: UUID,
    type: 'JKM',
    kind: 'DEATH',
    incidentDate: '2027-04-06',
    claimantRelationship: 'SPOUSE',
    eligible: true,
    reasonCodes: [],
    benefitTotal: 42_000_000,
  },
  ClaimAssessedV1: {
    claimId: UUID,
    workerId: UUID,
    type: 'JKM',
    kind: 'DEATH',
    assessedOn: '2027-04-07',
    trigger: 'FACTS_ARRIVED',
    status: 'SUBMITTED',
    eligible: true,
    reasonCodes: [],
    previousReasonCodes: ['NO_HEIRS_ON_RECORD'],
    awaitingFacts: [],
    benefitTotal: 42_000_000,
  },
  ClaimDecidedV1: {
    claimId: UUID,
    workerId: UUID,
    type: 'JKM',
    decidedOn: '2027-04-10',
    reason: 'documents complete',
    benefitTotal: 42_000_000,
  },
  ClaimBankAccountCorrectedV1: { claimId: UUID, workerId: UUID, correctedOn: '2027-04-11', status: 'SUBMITTED' },
  ClaimPaymentReturnedV1: {
    claimId: UUID,
    workerId: UUID,
    type: 'JKM',
    kind: 'DEATH',
    amount: 42_000_000,
    paidOn: '2027-04-12',
    returnedOn: '2027-04-14',
    reason: 'ACCOUNT_CLOSED',
  },
  ClaimPaidV1: {
    claimId: UUID,
    workerId: UUID,
    type: 'JKM',
    kind: 'DEATH',
    amount: 42_000_000,
    latePenalty: 0,
    paidOn: '2027-04-12',
    components: [{ name: 'lump sum', amount: 42_000_000 }],
  },
  PayoutScheduledV1: {
    payoutId: UUID,
    batchId: UUID,
    claimId: UUID,
    workerId: UUID,
    amount: 42_000_000,
    latePenalty: 0,
    dueOn: '2027-04-20',
  },
  PayoutResultV1: { payoutId: UUID, batchId: UUID, claimId: UUID, workerId: UUID, amount: 42_000_000, failureReason: 'account closed' },
  PayoutReturnedV1: { payoutId: UUID, batchId: UUID, claimId: UUID, workerId: UUID, amount: 42_000_000, returnReason: 'NAME_MISMATCH' },
};

/** Values that break one rule or another: wrong types, empty, out of range, not JSON at all. */
const ODD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'not-a-uuid',
  UUID.toUpperCase(),
  '2026-13',
  '2026-11-31',
  '12345',
  0,
  -1,
  1.5,
  2 ** 53,
  Number.NaN,
  true,
  false,
  [],
  ['x'],
  [null],
  [UUID],
  ['JKK', 'JKX'],
  {},
  { a: 1 },
  [{}],
  [{ ...heir, extra: 1 }],
  [{ program: 'JKK', amount: -1 }],
  new Date(0),
  new Set(['JKK']),
];

/** What class-validator alone says (the reference the fast check must never contradict when it accepts). */
function classValidatorReasons(dataClass: DataClass<object>, data: object, mode: ValidationMode): string[] {
  const instance = plainToInstance<object, object>(dataClass, data);
  return flattenValidationErrors(
    validateSync(instance, { whitelist: mode === 'produce', forbidNonWhitelisted: mode === 'produce', forbidUnknownValues: true }),
    'data',
  );
}

function mutationsOf(sample: Record<string, unknown>): Array<Record<string, unknown>> {
  const variants: Array<Record<string, unknown>> = [
    { ...sample, unexpected: 'field' },
    { ...sample, constructor: 'x' },
    JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(sample).slice(1)}`),
  ];
  for (const key of Object.keys(sample)) {
    const { [key]: _removed, ...without } = sample;
    variants.push(without);
    for (const odd of ODD_VALUES) variants.push({ ...sample, [key]: odd });
    const value = sample[key];
    if (Array.isArray(value) && value.length && typeof value[0] === 'object') {
      // Nested objects: each of their fields broken in turn, and an unknown one added.
      const element = value[0] as Record<string, unknown>;
      variants.push({ ...sample, [key]: [{ ...element, unexpected: 1 }] });
      for (const field of Object.keys(element))
        for (const odd of ODD_VALUES) variants.push({ ...sample, [key]: [{ ...element, [field]: odd }] });
    }
  }
  return variants;
}

function leftToClassValidator(variant: Record<string, unknown>): boolean {
  return (
    Object.hasOwn(variant, 'constructor') ||
    Object.hasOwn(variant, '__proto__') ||
    Object.values(variant).some((value) => value instanceof Date || value instanceof Set)
  );
}

describe('the compiled event check', () => {
  const definitions = EVENT_CATALOG.definitions();

  it('has a sample for every event data class, and every one compiles', () => {
    for (const definition of definitions) {
      expect(SAMPLES[definition.dataClass.name]).toBeDefined();
      expect(fastCheckOf(definition.dataClass)).not.toBeNull();
    }
  });

  it.each(definitions.map((d) => [d.type, d] as const))(
    '%s: accepts exactly what class-validator accepts, in both modes',
    (_type, definition) => {
      const check = fastCheckOf(definition.dataClass)!;
      const sample = SAMPLES[definition.dataClass.name];
      let refused = 0;
      for (const mode of ['produce', 'consume'] as const) {
        expect(check(sample, mode)).toBe(true);
        for (const variant of mutationsOf(sample)) {
          const reference = classValidatorReasons(definition.dataClass, variant, mode);
          const accepted = check(variant, mode);
          if (accepted) expect({ variant, reference }).toEqual({ variant, reference: [] });
          // Where it refuses, class-validator must have a reason too, except what the check leaves to it on
          // purpose: values JSON cannot carry (a Date, a Set) and the keys `constructor` and `__proto__`.
          if (!accepted && reference.length === 0) expect(leftToClassValidator(variant)).toBe(true);
          if (!accepted) refused++;
          // And validateEventData gives class-validator's answer either way.
          expect(validateEventData(definition, variant, mode)).toEqual(reference);
        }
      }
      expect(refused).toBeGreaterThan(10);
    },
  );

  it('leaves to class-validator what it cannot mirror: a field initialiser, a converted field, an unknown kind of rule', () => {
    class WithDefault {
      @IsInt() @Min(0) amount: number = 5;
    }
    class WithValidateIf {
      @ValidateIf((o: { kind?: string }) => o.kind === 'A') @IsInt() amount?: number;
      @IsOptional() kind?: string;
    }
    class WithConversion {
      @Type(() => Number) @IsInt() amount!: number;
    }
    expect(fastCheckOf(WithDefault)).toBeNull();
    // "5" is converted to 5 before class-validator sees it: the payload as sent is not what is validated.
    expect(fastCheckOf(WithConversion)).toBeNull();
    expect(fastCheckOf(WithValidateIf)).not.toBeNull();
    const check = fastCheckOf(WithValidateIf)!;
    expect(check({ kind: 'B', amount: 'x' }, 'consume')).toBe(true);
    expect(check({ kind: 'A', amount: 'x' }, 'consume')).toBe(false);
    expect(classValidatorReasons(WithValidateIf, { kind: 'B', amount: 'x' }, 'consume')).toEqual([]);
  });
});
