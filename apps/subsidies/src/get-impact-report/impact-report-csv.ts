import type { ImpactReportDto } from './get-impact-report.dto';

/**
 * The report as CSV, one figure per line (`metric,dimension,value`): a spreadsheet or a BI tool reads it
 * without knowing the JSON's nesting. Dimensions are `region:5371`, `occupation:WEAVER`, `JKM/DEATH`.
 */
export function impactReportCsv(report: ImpactReportDto): string {
  const rows: Array<[string, string, string | number]> = [
    ['programmeId', '', report.programmeId],
    ['programmeName', '', report.programmeName],
    ['funderType', '', report.funderType],
    ['asOf', '', report.asOf],
    ['budget', '', report.budget.budget],
    ['reserved', '', report.budget.reserved],
    ['spent', '', report.budget.spent],
    ['refunded', '', report.budget.refunded],
    ['remaining', '', report.budget.remaining],
    ['workersProtected', '', report.workersProtected],
    ...report.byRegion.map((r): [string, string, number] => ['workersProtected', `region:${r.regionCode}`, r.workers]),
    ...report.byOccupation.map((o): [string, string, number] => ['workersProtected', `occupation:${o.occupation}`, o.workers]),
    ['monthsPaid', '', report.monthsPaid],
    ['contributionsPaid', '', report.contributionsPaid],
    ['monthsRefunded', '', report.monthsRefunded],
    ['contributionsRefunded', '', report.contributionsRefunded],
    ['activeSponsorships', '', report.activeSponsorships],
    ['endedByDeregistration', '', report.endedByDeregistration],
    ['endedByDeath', '', report.endedByDeath],
    ['claimsPaid', '', report.claims.claims],
    ['benefitsPaid', '', report.claims.amount],
    ...report.claims.byKind.flatMap((c): Array<[string, string, number]> => [
      ['claimsPaid', `${c.type}/${c.kind}`, c.claims],
      ['benefitsPaid', `${c.type}/${c.kind}`, c.amount],
    ]),
    ['handedOver', '', report.retention.handedOver],
    ['keptPaying', '', report.retention.keptPaying],
    ['keptPayingPercent', '', report.retention.keptPayingPercent],
  ];
  return ['metric,dimension,value', ...rows.map((row) => row.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

/** RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet never runs a name as a formula. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
