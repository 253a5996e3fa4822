/**
 * What a claim is for. `type` is the programme (JKM death, JKK work accident, JHT savings); `kind` is the
 * event within it. docs/api.md names the kinds of JKK and JKM; JHT's balance is paid out at the age of 56 or on
 * leaving Indonesia for good (`SAVINGS`), at death (`DEATH`, to the heirs) or at permanent total
 * disability (docs/rules.md, JHT).
 */
export const CLAIM_TYPES = ['JKM', 'JKK', 'JHT'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export const CLAIM_KINDS = [
  'DEATH',
  'MEDICAL',
  'TEMPORARY_INCAPACITY',
  'PERMANENT_PARTIAL_DISABILITY',
  'PERMANENT_TOTAL_DISABILITY',
  'SAVINGS',
  // one school year's scholarship for a child, claimed on a death (or total disability) claim: never submitted
  // as a claim of its own (KINDS_BY_TYPE has none), always through POST /v1/claims/{id}/scholarships
  'SCHOLARSHIP',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const KINDS_BY_TYPE: Readonly<Record<ClaimType, readonly ClaimKind[]>> = Object.freeze({
  JKM: ['DEATH'],
  JKK: ['DEATH', 'MEDICAL', 'TEMPORARY_INCAPACITY', 'PERMANENT_PARTIAL_DISABILITY', 'PERMANENT_TOTAL_DISABILITY'],
  JHT: ['SAVINGS', 'DEATH', 'PERMANENT_TOTAL_DISABILITY'],
});

export function isClaimType(value: unknown): value is ClaimType {
  return typeof value === 'string' && (CLAIM_TYPES as readonly string[]).includes(value);
}

export function isKindOf(type: ClaimType, kind: unknown): kind is ClaimKind {
  return typeof kind === 'string' && (KINDS_BY_TYPE[type] as readonly string[]).includes(kind);
}

/** A death claim is paid to the heirs; every other claim to the worker (`SELF`). */
export function isDeathClaim(kind: ClaimKind): boolean {
  return kind === 'DEATH';
}

/**
 * Benefits a worker can receive only once, by key. A member's death is paid once (docs/rules.md, firm): a JKM
 * death and a JKK work-accident death exclude each other. The JHT balance is paid out whole (docs/rules.md,
 * JHT), so any JHT claim is once too; it is the member's own savings, so it does not exclude a death benefit.
 */
export function oncePerWorkerKey(type: ClaimType, kind: ClaimKind): 'DEATH' | 'JHT_BALANCE' | undefined {
  if (type === 'JHT') return 'JHT_BALANCE';
  return kind === 'DEATH' ? 'DEATH' : undefined;
}
