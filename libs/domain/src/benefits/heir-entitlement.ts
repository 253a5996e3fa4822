import { HEIR_RELATIONSHIPS, heirTier, type HeirRelationship } from '../heirs';

/**
 * Who receives a benefit among the heirs (ahli waris): the tiers themselves are `../heirs` (shared with
 * enrollment, which records the heirs); the first tier that exists receives (docs/rules.md, Claims, firm).
 */

/**
 * Who arranged the burial of a member with no heir on record (a neighbour, the village, an employer): they
 * are paid the funeral costs of a JKK or JKM death, with the document that shows it (docs/rules.md, "no heir").
 */
export const BURIAL_ARRANGER = 'BURIAL_ARRANGER';

/** Who claims: the worker (`SELF`, their own JKK or JHT), an heir, or for a death with no heir whoever arranged the burial. */
export const CLAIMANT_RELATIONSHIPS = ['SELF', ...HEIR_RELATIONSHIPS, BURIAL_ARRANGER] as const;
export type ClaimantRelationship = (typeof CLAIMANT_RELATIONSHIPS)[number];

export const HEIR_TIER_NAMES: Readonly<Record<number, string>> = Object.freeze({
  1: 'the spouse and children',
  2: 'parents, grandchildren and grandparents',
  3: 'siblings',
  4: 'parents-in-law',
  5: 'the beneficiary of a will',
});

/** An heir as the worker registered them; the NIK only as its keyed hash. */
export interface HeirRecord {
  relationship: HeirRelationship;
  nikHash: string;
}

/** The tier that receives: the first one with an heir; undefined when no heir is recorded. */
export function entitledTier(heirs: readonly HeirRecord[]): number | undefined {
  const tiers = heirs.map((heir) => heirTier(heir.relationship));
  return tiers.length ? Math.min(...tiers) : undefined;
}

export type HeirCheck =
  | { ok: true; tier: number }
  | {
      ok: false;
      code: 'NO_HEIRS_ON_RECORD' | 'CLAIMANT_NOT_HEIR' | 'CLAIMANT_RELATIONSHIP_MISMATCH' | 'HEIR_NOT_FIRST_TIER';
      message: string;
    };

/**
 * Whether the claimant (by their NIK's keyed hash and the relationship they state) is an heir of the tier
 * that receives. The hash is compared, never the NIK: this code never sees one.
 */
export function checkHeir(heirs: readonly HeirRecord[], claimant: { nikHash: string; relationship: string }): HeirCheck {
  const tier = entitledTier(heirs);
  if (tier === undefined) {
    return {
      ok: false,
      code: 'NO_HEIRS_ON_RECORD',
      message: 'The worker has no heirs on record; register them with the heir certificate first',
    };
  }
  const matches = heirs.filter((heir) => heir.nikHash === claimant.nikHash);
  if (!matches.length)
    return { ok: false, code: 'CLAIMANT_NOT_HEIR', message: "The claimant's NIK is not among the worker's registered heirs" };
  const stated = matches.find((heir) => heir.relationship === claimant.relationship);
  if (!stated) {
    return {
      ok: false,
      code: 'CLAIMANT_RELATIONSHIP_MISMATCH',
      message: `The claimant is registered as ${matches.map((h) => h.relationship).join('/')}, not ${claimant.relationship}`,
    };
  }
  const claimantTier = heirTier(stated.relationship);
  if (claimantTier > tier) {
    return {
      ok: false,
      code: 'HEIR_NOT_FIRST_TIER',
      message: `Heirs of tier ${tier} (${HEIR_TIER_NAMES[tier]}) exist and receive before tier ${claimantTier} (${HEIR_TIER_NAMES[claimantTier]})`,
    };
  }
  return { ok: true, tier };
}
