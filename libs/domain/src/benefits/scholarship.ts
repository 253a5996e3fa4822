import { ageOn, compareIsoDates, isoDateOf, parseIsoDate, type IsoDate } from '../iso-date';
import { Money } from '../money';
import { benefitRulesOn, scholarshipMaximumPerChild, type BenefitRuleSet, type ScholarshipLevel } from './benefit-rules';
import type { BenefitComponent } from './calculate-benefit';

export type SchoolLevel = ScholarshipLevel['level'];
export const SCHOOL_LEVELS: readonly SchoolLevel[] = Object.freeze([
  'KINDERGARTEN',
  'PRIMARY',
  'JUNIOR_SECONDARY',
  'SENIOR_SECONDARY',
  'HIGHER_EDUCATION',
]);

/**
 * The Indonesian school year (tahun ajaran) runs from July to June: school year 2026 is 2026/2027 and starts on
 * 1 July 2026. A child's age is taken on that day (under 23), and the year's amounts are those in force then.
 */
export const SCHOOL_YEAR_START_MONTH = 7;

export function schoolYearStart(schoolYear: number): IsoDate {
  return isoDateOf(schoolYear, SCHOOL_YEAR_START_MONTH, 1);
}

/** The school year a day falls in (30 June 2026 is in 2025/2026, 1 July 2026 in 2026/2027). */
export function schoolYearOf(day: IsoDate): number {
  const { year, month } = parseIsoDate(day);
  return month >= SCHOOL_YEAR_START_MONTH ? year : year - 1;
}

/** A scholarship year already claimed (and not rejected) for one of the member's children. */
export interface ScholarshipYearClaimed {
  childId: string;
  level: SchoolLevel;
  schoolYear: number;
  amount: number;
}

export interface ScholarshipRequest {
  /** The right, as the death (or total disability) claim's benefit holds it. */
  entitled: boolean;
  /** The day of the death or accident that gave the right. */
  incidentDate: IsoDate;
  /** Today: a school year is claimed once it has started. */
  today: IsoDate;
  /** The heir of record the scholarship is for; undefined when the NIK is not among the heirs. */
  child?: { id: string; relationship: string; birthDate: IsoDate };
  level: SchoolLevel;
  schoolYear: number;
  /** The scholarship years claimed before for this member's children (any child). */
  claimed: readonly ScholarshipYearClaimed[];
}

export interface ScholarshipRefusal {
  code: string;
  /** The request field the refusal is about. */
  field: 'deathClaimId' | 'child.nik' | 'level' | 'schoolYear';
  message: string;
}

export type ScholarshipAssessment = { ok: true; amount: number; component: BenefitComponent } | { ok: false; refusal: ScholarshipRefusal };

const rp = (amount: number) => Money.of(amount).format();
const yearName = (schoolYear: number) => `${schoolYear}/${schoolYear + 1}`;
const levelName = (level: SchoolLevel) => level.toLowerCase().replace(/_/g, ' ');

/**
 * One school year's scholarship (beasiswa) for one child (docs/rules.md, JKM and JKK): the member's death (or
 * total disability) gave the right; up to `maxChildren` children who are heirs of relationship CHILD, under
 * `childAgeBelow` when the school year starts; per child per year the level's amount, for at most the level's
 * years, and at most the per-child maximum over all. The first refusal found, naming the field, or the amount.
 */
export function assessScholarship(request: ScholarshipRequest, rules?: BenefitRuleSet): ScholarshipAssessment {
  const refuse = (code: string, field: ScholarshipRefusal['field'], message: string): ScholarshipAssessment => ({
    ok: false,
    refusal: { code, field, message },
  });
  const { schoolYear, level, child } = request;
  const start = schoolYearStart(schoolYear);
  if (!request.entitled) {
    return refuse(
      'NO_SCHOLARSHIP_RIGHT',
      'deathClaimId',
      'The claim gives no scholarship right (a JKM death needs 3 years of contributions)',
    );
  }
  if (schoolYear < schoolYearOf(request.incidentDate)) {
    return refuse(
      'SCHOOL_YEAR_BEFORE_INCIDENT',
      'schoolYear',
      `School year ${yearName(schoolYear)} ended before the incident on ${request.incidentDate}`,
    );
  }
  if (compareIsoDates(start, request.today) > 0) {
    return refuse(
      'SCHOOL_YEAR_NOT_STARTED',
      'schoolYear',
      `School year ${yearName(schoolYear)} starts on ${start}: it is claimed once it has started`,
    );
  }
  const set = rules ?? benefitRulesOn(start);
  const { maxChildren, childAgeBelow } = set.scholarship;
  if (!child || child.relationship !== 'CHILD') {
    return refuse('CHILD_NOT_HEIR', 'child.nik', "The child is not among the member's heirs of record as CHILD");
  }
  const age = ageOn(child.birthDate, start);
  if (age >= childAgeBelow) {
    return refuse(
      'CHILD_TOO_OLD',
      'child.nik',
      `The child is ${age} when school year ${yearName(schoolYear)} starts: scholarships are for children under ${childAgeBelow}`,
    );
  }
  const others = new Set(request.claimed.filter((c) => c.childId !== child.id).map((c) => c.childId));
  if (others.size >= maxChildren) {
    return refuse(
      'SCHOLARSHIP_CHILDREN_LIMIT',
      'child.nik',
      `Scholarships are paid for at most ${maxChildren} children; ${others.size} already have one`,
    );
  }
  const own = request.claimed.filter((c) => c.childId === child.id);
  if (own.some((c) => c.schoolYear === schoolYear)) {
    return refuse('SCHOOL_YEAR_ALREADY_CLAIMED', 'schoolYear', `School year ${yearName(schoolYear)} is already claimed for this child`);
  }
  const table = set.scholarship.levels.find((l) => l.level === level);
  if (!table) return refuse('SCHOOL_LEVEL_UNKNOWN', 'level', `No scholarship for level ${level}`);
  const atLevel = own.filter((c) => c.level === level).length;
  if (atLevel >= table.years) {
    return refuse(
      'SCHOOL_LEVEL_YEARS_EXHAUSTED',
      'level',
      `The ${levelName(level)} scholarship is paid for ${table.years} years; this child had ${atLevel}`,
    );
  }
  const maximum = scholarshipMaximumPerChild(set);
  const received = own.reduce((sum, c) => sum + c.amount, 0);
  if (received + table.perYear > maximum) {
    return refuse(
      'SCHOLARSHIP_CHILD_LIMIT',
      'level',
      `A child receives at most ${rp(maximum)} in scholarships; this child had ${rp(received)}`,
    );
  }
  return {
    ok: true,
    amount: table.perYear,
    component: {
      code: `SCHOLARSHIP_${level}`,
      name: `Scholarship (beasiswa), ${levelName(level)}, school year ${yearName(schoolYear)}`,
      amount: table.perYear,
      rule: `${rp(table.perYear)} a year for ${table.years} years at this level (year ${atLevel + 1}); at most ${rp(maximum)} a child, ${maxChildren} children`,
    },
  };
}
