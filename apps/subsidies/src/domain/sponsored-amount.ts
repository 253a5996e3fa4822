/** What `sponsoredAmountOf` reads of an invoice (contributions' invoice.issued). */
export interface SponsoredInvoice {
  /** The lines the sponsor pays, priced by contributions; absent from an older producer. */
  sponsoredAmount?: number;
  lines: ReadonlyArray<{ program: string; amount: number }>;
}

/** The invoice's `sponsoredAmount`; from an older producer without it, the lines of the programmes the sponsorship pays. */
export function sponsoredAmountOf(invoice: SponsoredInvoice, sponsoredPrograms: readonly string[]): number {
  if (invoice.sponsoredAmount !== undefined) return invoice.sponsoredAmount;
  return invoice.lines.filter((line) => sponsoredPrograms.includes(line.program)).reduce((sum, line) => sum + line.amount, 0);
}
