import { HEIR_GENERATION, HEIR_RELATIONSHIPS, heirTier, isHeirRelationship } from './heir-relationships';

describe('heir relationships (docs/rules.md, Claims: heirs in tiers)', () => {
  it('are the eight relationships of docs/api.md', () => {
    expect([...HEIR_RELATIONSHIPS].sort()).toEqual([
      'CHILD',
      'GRANDCHILD',
      'GRANDPARENT',
      'PARENT',
      'PARENT_IN_LAW',
      'SIBLING',
      'SPOUSE',
      'WILL_BENEFICIARY',
    ]);
    expect(isHeirRelationship('SPOUSE')).toBe(true);
    expect(isHeirRelationship('spouse')).toBe(false);
    expect(isHeirRelationship('COUSIN')).toBe(false);
  });

  it('are tiered: 1 spouse and children, 2 parents, grandchildren, grandparents, 3 siblings, 4 parents-in-law, 5 a will', () => {
    expect(heirTier('SPOUSE')).toBe(1);
    expect(heirTier('CHILD')).toBe(1);
    expect(heirTier('PARENT')).toBe(2);
    expect(heirTier('GRANDCHILD')).toBe(2);
    expect(heirTier('GRANDPARENT')).toBe(2);
    expect(heirTier('SIBLING')).toBe(3);
    expect(heirTier('PARENT_IN_LAW')).toBe(4);
    expect(heirTier('WILL_BENEFICIARY')).toBe(5);
    expect(heirTier('SIBLING', '2026-08-01')).toBe(3);
    expect(() => heirTier('SIBLING', '2000-01-01')).toThrow(/no heir tier table/);
  });

  it('knows which heirs are a generation younger or older', () => {
    expect(HEIR_GENERATION.CHILD).toBe('younger');
    expect(HEIR_GENERATION.PARENT).toBe('older');
    expect(HEIR_GENERATION.SPOUSE).toBeUndefined();
  });
});
