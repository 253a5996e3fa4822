import { compareIsoDates, HEIR_GENERATION, type IsoDate, isHeirRelationship, isIsoDate } from '@jaring/domain';

export interface FieldProblem {
  field: string;
  reason: string;
}

export interface HeirFacts {
  nik: string;
  relationship: string;
  birthDate: IsoDate;
}

/**
 * What is wrong with a list of heirs beyond each field on its own (those are checked by the field rules):
 * an heir born in the future, a child older than the worker or a parent younger, the worker named as
 * their own heir, one person listed twice. `worker` is absent when the worker's own data is invalid.
 */
export function heirListProblems(
  heirs: readonly HeirFacts[],
  worker: { nik?: string; birthDate?: IsoDate },
  today: IsoDate,
  path = 'heirs',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  heirs.forEach((heir, i) => {
    if (heir === null || typeof heir !== 'object') return;
    const at = (field: string) => `${path}.${i}.${field}`;
    if (typeof heir.nik === 'string') {
      if (heir.nik === worker.nik)
        problems.push({ field: at('nik'), reason: "nik is the worker's own NIK: a worker cannot be their own heir" });
      const first = seen.get(heir.nik);
      if (first !== undefined) problems.push({ field: at('nik'), reason: `nik is listed twice (also heir ${first})` });
      else seen.set(heir.nik, i);
    }
    if (!isIsoDate(heir.birthDate)) return;
    if (compareIsoDates(heir.birthDate, today) > 0) {
      problems.push({ field: at('birthDate'), reason: 'birthDate is in the future' });
      return;
    }
    const generation = isHeirRelationship(heir.relationship) ? HEIR_GENERATION[heir.relationship] : undefined;
    if (!generation || !isIsoDate(worker.birthDate)) return;
    const order = compareIsoDates(heir.birthDate, worker.birthDate);
    if (generation === 'younger' && order <= 0)
      problems.push({ field: at('birthDate'), reason: `a ${heir.relationship.toLowerCase()} must be born after the worker` });
    if (generation === 'older' && order >= 0)
      problems.push({ field: at('birthDate'), reason: `a ${heir.relationship.toLowerCase()} must be born before the worker` });
  });
  return problems;
}
