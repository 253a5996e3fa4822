import { DomainError } from '../errors';
import { Period } from '../period';

/**
 * One income bracket: a declared monthly income from `from` to `to` (inclusive; `to` null = and above)
 * is charged on the bracket's `nominal` value (docs/rules.md, "Income brackets": JKK and JHT are computed on
 * the nominal value, not on the raw declared income).
 */
export interface IncomeBracket {
  readonly from: number;
  readonly to: number | null;
  readonly nominal: number;
}

/** A run of equal-width brackets, written the way docs/rules.md states them: "in steps of 500,000, from + 250,000". */
export interface SteppedBrackets {
  readonly from: number;
  /** Last declared income of the last step (inclusive). */
  readonly to: number;
  readonly step: number;
  /** Nominal value = the step's `from` + this. */
  readonly nominalOffset: number;
}

/** A bracket table with the period it applies from: a new regulation is a new entry, not a code change. */
export interface IncomeBracketTable {
  readonly effectiveFrom: string;
  readonly source: string;
  readonly rows: ReadonlyArray<IncomeBracket | SteppedBrackets>;
}

/**
 * PP 44/2015, Lampiran II, as docs/rules.md gives it (a 2017 registration system; the top rows are marked
 * "check" there). In force since PP 44/2015 took effect (1 July 2015).
 */
export const INCOME_BRACKET_TABLES: readonly IncomeBracketTable[] = Object.freeze([
  {
    effectiveFrom: '2015-07',
    source: 'PP 44/2015 Lampiran II',
    rows: [
      { from: 0, to: 1_099_999, nominal: 1_000_000 },
      { from: 1_100_000, to: 1_299_999, nominal: 1_200_000 },
      { from: 1_300_000, to: 1_499_999, nominal: 1_400_000 },
      { from: 1_500_000, to: 1_699_999, nominal: 1_600_000 },
      { from: 1_700_000, to: 1_899_999, nominal: 1_800_000 },
      { from: 1_900_000, to: 2_099_999, nominal: 2_000_000 },
      { from: 2_100_000, to: 2_299_999, nominal: 2_200_000 },
      { from: 2_300_000, to: 2_499_999, nominal: 2_400_000 },
      { from: 2_500_000, to: 2_699_999, nominal: 2_600_000 },
      { from: 2_700_000, to: 3_199_999, nominal: 2_950_000 },
      { from: 3_200_000, to: 8_199_999, step: 500_000, nominalOffset: 250_000 },
      { from: 8_200_000, to: 18_199_999, step: 1_000_000, nominalOffset: 500_000 },
      { from: 18_200_000, to: 19_199_999, nominal: 18_700_000 },
      { from: 19_200_000, to: 20_199_999, nominal: 19_700_000 },
      { from: 20_200_000, to: null, nominal: 20_700_000 },
    ],
  },
]);

function isStepped(row: IncomeBracket | SteppedBrackets): row is SteppedBrackets {
  return 'step' in row;
}

/**
 * The table's rows with the stepped ranges expanded into single brackets. Throws when the result is not
 * one contiguous run from 0 to "and above", so a mistyped row cannot leave an income without a bracket.
 */
export function expandBracketTable(table: IncomeBracketTable): IncomeBracket[] {
  const brackets: IncomeBracket[] = [];
  for (const row of table.rows) {
    if (!isStepped(row)) {
      brackets.push(Object.freeze({ ...row }));
      continue;
    }
    if ((row.to + 1 - row.from) % row.step !== 0) {
      throw new DomainError(
        'BRACKET_TABLE_INVALID',
        `${table.source}: ${row.from}-${row.to} is not a whole number of steps of ${row.step}`,
      );
    }
    for (let from = row.from; from <= row.to; from += row.step) {
      brackets.push(Object.freeze({ from, to: from + row.step - 1, nominal: from + row.nominalOffset }));
    }
  }
  brackets.forEach((bracket, i) => {
    const expectedFrom = i === 0 ? 0 : (brackets[i - 1].to ?? Number.NaN) + 1;
    const last = i === brackets.length - 1;
    if (bracket.from !== expectedFrom || (bracket.to === null) !== last || (bracket.to !== null && bracket.to < bracket.from)) {
      throw new DomainError('BRACKET_TABLE_INVALID', `${table.source}: bracket from ${bracket.from} does not continue the table`);
    }
  });
  return brackets;
}

const EXPANDED = INCOME_BRACKET_TABLES.map((table) => ({
  effectiveFrom: Period.parse(table.effectiveFrom),
  source: table.source,
  brackets: expandBracketTable(table),
}));

/** The bracket table in force for a period (the latest one that took effect on or before it). */
export function bracketTableFor(period: Period): { source: string; brackets: readonly IncomeBracket[] } {
  const table = [...EXPANDED].reverse().find((t) => !t.effectiveFrom.isAfter(period));
  if (!table) throw new DomainError('NO_RATE_IN_FORCE', `no income bracket table is in force for ${period.toString()}`, 'period');
  return table;
}

/** The bracket a declared monthly income falls into, for a period. */
export function incomeBracketOf(declaredMonthlyIncome: number, period: Period): IncomeBracket {
  if (!Number.isSafeInteger(declaredMonthlyIncome) || declaredMonthlyIncome < 0) {
    throw new DomainError(
      'INCOME_INVALID',
      `declared monthly income must be a whole, non-negative number of rupiah, got ${declaredMonthlyIncome}`,
      'declaredMonthlyIncome',
    );
  }
  const { brackets } = bracketTableFor(period);
  // Few dozen rows: a binary search would save nothing measurable.
  return brackets.find((b) => b.to === null || declaredMonthlyIncome <= b.to)!;
}
