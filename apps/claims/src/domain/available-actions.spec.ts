import { availableActions, type ActionFacts } from './available-actions';

const submitted: ActionFacts = { status: 'SUBMITTED', eligible: true, documentsComplete: true, verifiedBy: null, payoutHold: null };
const verifier = { subject: 'petugas-a', roles: ['verifier'] };
const approver = { subject: 'petugas-b', roles: ['approver'] };
const officerA = { subject: 'petugas-a', roles: ['verifier', 'approver'] };

describe('the decisions a caller is offered on a claim', () => {
  it('offers a verifier documents, verification and rejection of a submitted claim that is eligible and complete', () => {
    expect(availableActions(submitted, verifier)).toEqual(['record-documents', 'verify', 'reject']);
  });

  it('offers no verification while documents are missing, nor of an ineligible claim: only documents and rejection', () => {
    expect(availableActions({ ...submitted, documentsComplete: false }, verifier)).toEqual(['record-documents', 'reject']);
    expect(availableActions({ ...submitted, eligible: false }, verifier)).toEqual(['record-documents', 'reject', 'reassess']);
  });

  it('offers a verifier the reassessment of a claim recorded ineligible, and only rejection of a claim waiting for its facts', () => {
    expect(availableActions({ ...submitted, eligible: false }, approver)).toEqual(['reject']);
    expect(availableActions({ ...submitted, status: 'PENDING_FACTS', eligible: false }, officerA)).toEqual(['reject']);
  });

  it('offers an approver approval and rejection of a verified claim', () => {
    const verified = { ...submitted, status: 'VERIFIED', verifiedBy: 'petugas-a' };
    expect(availableActions(verified, approver)).toEqual(['approve', 'reject']);
    expect(availableActions(submitted, approver)).toEqual(['reject']);
  });

  it('does not offer approval to the person who verified, whatever roles they hold (maker-checker)', () => {
    const verifiedByA = { ...submitted, status: 'VERIFIED', verifiedBy: 'petugas-a' };
    expect(availableActions(verifiedByA, officerA)).toEqual(['reject']);
    expect(availableActions(verifiedByA, { ...officerA, subject: 'petugas-b' })).toEqual(['approve', 'reject']);
  });

  it('offers neither verification nor approval to the person who changed the bank account (four eyes)', () => {
    const changedByA = { ...submitted, bankAccountChangedBy: 'petugas-a' };
    expect(availableActions(changedByA, officerA)).toEqual(['record-documents', 'reject']);
    expect(availableActions(changedByA, { ...officerA, subject: 'petugas-b' })).toEqual(['record-documents', 'verify', 'reject']);
    const verifiedByB = { ...changedByA, status: 'VERIFIED', verifiedBy: 'petugas-b' };
    expect(availableActions(verifiedByB, officerA)).toEqual(['reject']);
    expect(availableActions(verifiedByB, { ...officerA, subject: 'petugas-c' })).toEqual(['approve', 'reject']);
  });

  it('offers the second approval of a large claim to a third person only: not the verifier, not the first approver', () => {
    const firstApproved = { ...submitted, status: 'VERIFIED', verifiedBy: 'petugas-a', firstApprovedBy: 'petugas-b' };
    expect(availableActions(firstApproved, officerA)).toEqual(['reject']);
    expect(availableActions(firstApproved, { ...officerA, subject: 'petugas-b' })).toEqual(['reject']);
    expect(availableActions(firstApproved, { ...officerA, subject: 'petugas-c' })).toEqual(['approve', 'reject']);
  });

  it('offers the correction of the bank account once the bank refused or returned the transfer', () => {
    const approved = { ...submitted, status: 'APPROVED', verifiedBy: 'petugas-a' };
    expect(availableActions(approved, officerA)).toEqual([]);
    expect(availableActions({ ...approved, payoutHold: 'BANK_ACCOUNT_REJECTED' }, verifier)).toEqual(['correct-bank-account']);
    expect(availableActions({ ...approved, payoutHold: 'BANK_ACCOUNT_REJECTED' }, approver)).toEqual([]);
    expect(availableActions({ ...approved, payoutHold: 'PAYMENT_RETURNED' }, verifier)).toEqual(['correct-bank-account']);
  });

  it('offers nothing on a paid or rejected claim, nor to a role that decides nothing', () => {
    expect(availableActions({ ...submitted, status: 'PAID' }, officerA)).toEqual([]);
    expect(availableActions({ ...submitted, status: 'REJECTED' }, officerA)).toEqual([]);
    for (const roles of [['finance'], ['auditor'], ['agent']]) expect(availableActions(submitted, { subject: 'x', roles })).toEqual([]);
  });
});
