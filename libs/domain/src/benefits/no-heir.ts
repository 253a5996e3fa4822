import { Money } from '../money';
import type { Benefit, BenefitComponent } from './calculate-benefit';

/** The funeral-costs component of each death benefit. */
const FUNERAL_CODES = new Set(['JKM_FUNERAL', 'JKK_DEATH_FUNERAL']);

/**
 * A JKM or JKK death with no heir on record (docs/rules.md, "no heir", check): the funeral costs go to whoever
 * arranged the burial, and the rest of the benefit is not paid: it stays in the fund. No scholarship: there is
 * no child heir. A benefit without a funeral component (not a death) pays nothing.
 */
export function noHeirBenefit(benefit: Benefit): Benefit {
  const components: BenefitComponent[] = benefit.components
    .filter((component) => FUNERAL_CODES.has(component.code))
    .map((component) => ({
      ...component,
      rule: `${component.rule}. No heir on record: the funeral costs are paid to whoever arranged the burial; the rest of the benefit stays in the fund`,
      check: true,
    }));
  return { total: Money.sum(components.map((c) => Money.of(c.amount))).amount, components };
}
