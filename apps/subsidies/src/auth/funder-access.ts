import { UseCaseError } from '@jaring/domain';
import { hasRole, type Caller } from '@jaring/platform';

/** The problem type of a funder's key, or its staff, on another funder's resource. */
export const OTHER_FUNDER = 'other-funder';

/**
 * The back office (a programme officer, an auditor) acts for every funder; the route's policy already
 * keeps an auditor to reads. Anyone else, a funder's key or its staff above all, acts only for the funder
 * it belongs to.
 */
export function actsForEveryFunder(caller: Caller): boolean {
  return hasRole(caller, 'programme-officer', 'auditor');
}

/** Refuses (403 `other-funder`) unless the caller acts for this funder. */
export function assertActsFor(caller: Caller, funderId: string): void {
  if (actsForEveryFunder(caller) || (caller.funderId !== undefined && caller.funderId === funderId)) return;
  throw otherFunder();
}

/**
 * The funder a listing is narrowed to: the one asked for (if the caller acts for it), else the funder of a
 * funder's key or staff, or every funder (`undefined`) for the back office. A caller acting for no funder at
 * all (a token that says `funder` but names none) is refused rather than shown anything.
 */
export function funderFilterOf(caller: Caller, requested: string | undefined): string | undefined {
  if (requested !== undefined) {
    assertActsFor(caller, requested);
    return requested;
  }
  if (actsForEveryFunder(caller)) return undefined;
  if (caller.funderId !== undefined) return caller.funderId;
  throw otherFunder();
}

function otherFunder(): UseCaseError {
  return UseCaseError.forbidden("this is another funder's resource: a funder's API keys and staff see and change only their own funder's", {
    type: OTHER_FUNDER,
    title: "Another funder's resource",
  });
}
