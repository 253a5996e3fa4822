// The two open endpoints the calculator uses, the same ones field agents call: no sign-in needed.
import type { ConsoleConfig } from '../config';
import { getJson, queryString } from './http';

export interface QuoteRequest {
  declaredMonthlyIncome: number;
  programs: string[];
  occupation: string;
  payer: string;
}

export interface Quote {
  period: string;
  declaredMonthlyIncome: number;
  occupation: string;
  payer: string;
  bracket: { from: number; to: number | null; nominal: number };
  lines: Array<{ program: string; name: string; amount: number; fullAmount: number; discount: number; covers: string }>;
  total: number;
  fullTotal: number;
  discount: { id: string; regulation: string; description: string; percentOff: number } | null;
}

export interface EstimateRequest {
  type: string;
  kind: string;
  declaredMonthlyIncome?: number;
  membershipMonths?: number;
  daysUnableToWork?: number;
}

export interface Estimate {
  type: string;
  kind: string;
  on: string;
  declaredMonthlyIncome: number | null;
  incomeNominal: number | null;
  benefit: { total: number; components: Array<{ code: string; name: string; amount: number; rule: string }> };
}

export async function contributionQuote(config: ConsoleConfig, request: QuoteRequest): Promise<Quote> {
  const query = queryString({ ...request, programs: request.programs.join(',') });
  return (await getJson<Quote>(`${config.apis.contributions}/v1/contribution-quotes${query}`)).body;
}

export async function benefitEstimate(config: ConsoleConfig, request: EstimateRequest): Promise<Estimate> {
  const query = queryString({
    type: request.type,
    kind: request.kind,
    declaredMonthlyIncome: request.declaredMonthlyIncome,
    membershipMonths: request.membershipMonths,
    daysUnableToWork: request.daysUnableToWork,
  });
  return (await getJson<Estimate>(`${config.apis.claims}/v1/benefit-estimates${query}`)).body;
}
