import { missingDocuments, requiredDocuments } from './required-documents';

describe('required documents (docs/rules.md, Claims, "documents")', () => {
  it('asks a death claim for the certificates, and a spouse for the marriage book', () => {
    const common = [
      'MEMBERSHIP_CARD',
      'CLAIMANT_ID',
      'BANK_ACCOUNT_BOOK',
      'DECEASED_ID',
      'DEATH_CERTIFICATE',
      'FAMILY_CARD',
      'HEIR_CERTIFICATE',
    ];
    expect(requiredDocuments('JKM', 'DEATH', { relationship: 'CHILD' })).toEqual(common);
    expect(requiredDocuments('JKM', 'DEATH', { relationship: 'SPOUSE' })).toEqual([...common, 'MARRIAGE_BOOK']);
  });

  it('asks whoever arranged the burial for the proof of it instead of the family card and heir certificate', () => {
    expect(requiredDocuments('JKM', 'DEATH', { relationship: 'BURIAL_ARRANGER' })).toEqual([
      'MEMBERSHIP_CARD',
      'CLAIMANT_ID',
      'BANK_ACCOUNT_BOOK',
      'DECEASED_ID',
      'DEATH_CERTIFICATE',
      'BURIAL_PROOF',
    ]);
  });

  it("asks a school year's scholarship for the family card and the school's proof", () => {
    expect(requiredDocuments('JKK', 'SCHOLARSHIP', { relationship: 'SPOUSE' })).toEqual([
      'MEMBERSHIP_CARD',
      'CLAIMANT_ID',
      'BANK_ACCOUNT_BOOK',
      'FAMILY_CARD',
      'SCHOOL_PROOF',
    ]);
  });

  it('asks an accident for its report and the doctor; a death by accident for both sets', () => {
    expect(requiredDocuments('JKK', 'MEDICAL', { relationship: 'SELF' })).toEqual([
      'MEMBERSHIP_CARD',
      'CLAIMANT_ID',
      'BANK_ACCOUNT_BOOK',
      'ACCIDENT_REPORT',
      'DOCTOR_STATEMENT',
    ]);
    expect(requiredDocuments('JKK', 'DEATH', { relationship: 'SPOUSE' })).toEqual(
      expect.arrayContaining(['DEATH_CERTIFICATE', 'MARRIAGE_BOOK', 'ACCIDENT_REPORT', 'DOCTOR_STATEMENT']),
    );
  });

  it('asks a JHT balance for proof of emigration only when the member leaves Indonesia', () => {
    const base = ['MEMBERSHIP_CARD', 'CLAIMANT_ID', 'BANK_ACCOUNT_BOOK'];
    expect(requiredDocuments('JHT', 'SAVINGS', { relationship: 'SELF' })).toEqual(base);
    expect(requiredDocuments('JHT', 'SAVINGS', { relationship: 'SELF', leavingIndonesia: true })).toEqual([...base, 'EMIGRATION_PROOF']);
    expect(requiredDocuments('JHT', 'PERMANENT_TOTAL_DISABILITY', { relationship: 'SELF' })).toEqual([...base, 'DOCTOR_STATEMENT']);
  });

  it('lists what is still missing, in the order required', () => {
    const required = requiredDocuments('JKK', 'MEDICAL', { relationship: 'SELF' });
    expect(missingDocuments(required, ['DOCTOR_STATEMENT', 'MEMBERSHIP_CARD', 'PASSPORT'])).toEqual([
      'CLAIMANT_ID',
      'BANK_ACCOUNT_BOOK',
      'ACCIDENT_REPORT',
    ]);
    expect(missingDocuments(required, required)).toEqual([]);
  });
});
