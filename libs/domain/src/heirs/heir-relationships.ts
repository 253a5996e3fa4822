import { DomainError } from '../errors';

/**
 * Who inherits a member's benefits (ahli waris), in tiers (docs/rules.md, Claims, firm): the first tier that
 * has someone receives the benefit. Enrollment records heirs with these relationships; claims decides
 * with the tiers who is paid. Kept as dated data: a new regulation is a new table, not new logic.
 */
export const HEIR_RELATIONSHIPS = [
  'SPOUSE',
  'CHILD',
  'PARENT',
  'GRANDCHILD',
  'GRANDPARENT',
  'SIBLING',
  'PARENT_IN_LAW',
  'WILL_BENEFICIARY',
] as const;
export type HeirRelationship = (typeof HEIR_RELATIONSHIPS)[number];

export interface HeirTierTable {
  /** First day the table applies (PP 44/2015 as amended by PP 82/2019; Permenaker 5/2021). */
  readonly effectiveFrom: string;
  readonly tiers: Readonly<Record<HeirRelationship, number>>;
}

export const HEIR_TIER_TABLES: readonly HeirTierTable[] = Object.freeze([
  {
    effectiveFrom: '2021-02-02',
    tiers: Object.freeze({
      // 1: widow or widower and children, together
      SPOUSE: 1,
      CHILD: 1,
      // 2: parents, grandchildren, grandparents
      PARENT: 2,
      GRANDCHILD: 2,
      GRANDPARENT: 2,
      // 3: siblings; 4: parents-in-law; 5: the person named in a notarial will or a court's heir determination
      SIBLING: 3,
      PARENT_IN_LAW: 4,
      WILL_BENEFICIARY: 5,
    }),
  },
]);

export function isHeirRelationship(value: unknown): value is HeirRelationship {
  return typeof value === 'string' && (HEIR_RELATIONSHIPS as readonly string[]).includes(value);
}

/** The tier of a relationship under the table in force on `on` (YYYY-MM-DD; default: the latest table). */
export function heirTier(relationship: HeirRelationship, on?: string): number {
  const table =
    on === undefined ? HEIR_TIER_TABLES[HEIR_TIER_TABLES.length - 1] : [...HEIR_TIER_TABLES].reverse().find((t) => t.effectiveFrom <= on);
  if (!table) throw new DomainError('HEIR_TIERS_NOT_IN_FORCE', `no heir tier table in force on ${on}`);
  return table.tiers[relationship];
}

/**
 * Relationships whose heir is necessarily younger (a child, a grandchild) or older (a parent, a
 * grandparent) than the member: a birth date on the wrong side is a typing mistake worth refusing.
 * Parents-in-law, spouses, siblings and will beneficiaries can be of any age.
 */
export const HEIR_GENERATION: Readonly<Partial<Record<HeirRelationship, 'younger' | 'older'>>> = Object.freeze({
  CHILD: 'younger',
  GRANDCHILD: 'younger',
  PARENT: 'older',
  GRANDPARENT: 'older',
});
