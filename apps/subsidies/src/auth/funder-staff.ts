import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Problem, problemType, rowsOf, type Caller, type TokenHolderResolver } from '@jaring/platform';
import { actsForEveryFunder } from './funder-access';

/** The problem type of a funder's staff token whose funder claim is missing or names no funder. */
export const FUNDER_UNKNOWN = 'funder-unknown';

/** How long a funder's code is remembered: codes do not change, so a short while spares a query per request. */
const CODE_KEPT_MS = 60_000;
/** At most this many codes remembered (each funder has one): a bound, not a tuning knob. */
const CODES_KEPT = 10_000;

/**
 * A funder's staff sign in at the identity provider: their token holds the role `funder` and names their funder by
 * its code (the funder claim, `OIDC_FUNDER_CLAIM`). The access guard hands each such caller here once the route's
 * roles let it in; the code becomes the caller's `funderId`, exactly the funder an API key of that funder
 * acts for, so staff may do on their own funder whatever its keys may. A code that names no funder (or none at
 * all) is a 403 `funder-unknown`, before anything is read. Codes found are remembered for a minute; a code not
 * found is asked again next time (its funder may be registered meanwhile).
 */
@Injectable()
export class FunderStaff implements TokenHolderResolver {
  private readonly funderIdByCode = new Map<string, { funderId: string; until: number }>();

  constructor(private readonly dataSource: DataSource) {}

  async resolve(caller: Caller): Promise<Caller> {
    if (!caller.roles.includes('funder') || actsForEveryFunder(caller)) return caller;
    const funderId = caller.funderCode === undefined ? undefined : await this.funderOf(caller.funderCode);
    if (funderId === undefined) throw funderUnknown(caller.funderCode === undefined);
    return { ...caller, funderId };
  }

  private async funderOf(code: string): Promise<string | undefined> {
    const now = Date.now();
    const kept = this.funderIdByCode.get(code);
    if (kept && kept.until > now) return kept.funderId;
    const [row] = await rowsOf<{ id: string }>(this.dataSource.manager, 'SELECT id FROM funders WHERE code = $1', [code]);
    if (!row) return undefined;
    if (this.funderIdByCode.size >= CODES_KEPT) this.funderIdByCode.clear();
    this.funderIdByCode.set(code, { funderId: row.id, until: now + CODE_KEPT_MS });
    return row.id;
  }
}

function funderUnknown(claimMissing: boolean): Problem {
  const detail = claimMissing
    ? "your sign-in holds the funder role but names no funder: ask your identity provider's administrator to set your funder's code"
    : "your sign-in names a funder code no funder has: ask the programme officer for your funder's code, and your identity provider's administrator to set it";
  return Problem.forbidden(detail, { type: problemType(FUNDER_UNKNOWN), title: 'Funder unknown' });
}
