import { BURIAL_ARRANGER, type ClaimKind, type ClaimType } from '@jaring/domain';

/**
 * The documents a claim needs before it can be verified and its service-level clock starts (docs/rules.md,
 * Claims, "documents", firm): for a death, the membership card, the IDs of the deceased and of the heir,
 * the death certificate, the family card, the heir certificate, the marriage book for a spouse and the
 * heir's bank account; for an accident, the accident report (made within 2 × 24 hours) and the doctor's
 * statement. JHT savings: the card, the ID and the bank account (and proof of leaving Indonesia). Whoever
 * arranged the burial of a member with no heir shows it (`BURIAL_PROOF`: the village's or the cemetery's
 * letter naming them) instead of the family card and heir certificate they cannot have. A school year's
 * scholarship: the family card (the child) and the school's proof of the child's enrolment that year.
 */
export const DOCUMENT_CODES = [
  'MEMBERSHIP_CARD',
  'DECEASED_ID',
  'CLAIMANT_ID',
  'DEATH_CERTIFICATE',
  'FAMILY_CARD',
  'HEIR_CERTIFICATE',
  'MARRIAGE_BOOK',
  'BANK_ACCOUNT_BOOK',
  'ACCIDENT_REPORT',
  'DOCTOR_STATEMENT',
  'EMIGRATION_PROOF',
  'BURIAL_PROOF',
  'SCHOOL_PROOF',
] as const;
export type DocumentCode = (typeof DOCUMENT_CODES)[number];

export function requiredDocuments(
  type: ClaimType,
  kind: ClaimKind,
  claimant: { relationship: string; leavingIndonesia?: boolean },
): DocumentCode[] {
  const documents: DocumentCode[] = ['MEMBERSHIP_CARD', 'CLAIMANT_ID', 'BANK_ACCOUNT_BOOK'];
  if (kind === 'SCHOLARSHIP') return [...documents, 'FAMILY_CARD', 'SCHOOL_PROOF'];
  if (kind === 'DEATH' && claimant.relationship === BURIAL_ARRANGER) {
    documents.push('DECEASED_ID', 'DEATH_CERTIFICATE', 'BURIAL_PROOF');
  } else if (kind === 'DEATH') {
    documents.push('DECEASED_ID', 'DEATH_CERTIFICATE', 'FAMILY_CARD', 'HEIR_CERTIFICATE');
    if (claimant.relationship === 'SPOUSE') documents.push('MARRIAGE_BOOK');
  }
  if (type === 'JKK') documents.push('ACCIDENT_REPORT', 'DOCTOR_STATEMENT');
  if (type === 'JHT' && kind === 'PERMANENT_TOTAL_DISABILITY') documents.push('DOCTOR_STATEMENT');
  if (type === 'JHT' && kind === 'SAVINGS' && claimant.leavingIndonesia) documents.push('EMIGRATION_PROOF');
  return documents;
}

export function missingDocuments(required: readonly DocumentCode[], received: readonly string[]): DocumentCode[] {
  return required.filter((code) => !received.includes(code));
}
