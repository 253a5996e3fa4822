import { approvalRefusal, approvalsRequired, resultsImportRefusal, statusAfterBankAccountChange, verificationRefusal } from './four-eyes';

describe('four eyes wherever money can be redirected', () => {
  it('asks two approvals strictly above the threshold, one up to it', () => {
    expect(approvalsRequired(100_000_000, 100_000_000)).toBe(1);
    expect(approvalsRequired(100_000_001, 100_000_000)).toBe(2);
    expect(approvalsRequired(42_000_000, 100_000_000)).toBe(1);
    expect(approvalsRequired(42_000_000, 40_000_000)).toBe(2);
  });

  it('refuses verification to the person who changed the bank account, and to nobody else', () => {
    expect(verificationRefusal({ verifiedBy: null, bankAccountChangedBy: 'a' }, 'a')?.type).toBe('maker-checker-bank-account');
    expect(verificationRefusal({ verifiedBy: null, bankAccountChangedBy: 'a' }, 'b')).toBeNull();
    expect(verificationRefusal({ verifiedBy: null }, 'a')).toBeNull();
  });

  it('refuses an approval to the verifier, the bank account changer, and the first approver, in that order', () => {
    const claim = { verifiedBy: 'v', bankAccountChangedBy: 'c', firstApprovedBy: 'f' };
    expect(approvalRefusal(claim, 'v')?.type).toBe('maker-checker');
    expect(approvalRefusal(claim, 'c')?.type).toBe('maker-checker-bank-account');
    expect(approvalRefusal(claim, 'f')?.type).toBe('maker-checker-second-approval');
    expect(approvalRefusal(claim, 'someone-else')).toBeNull();
    expect(approvalRefusal({ ...claim, verifiedBy: 'x' }, 'v')).toBeNull();
    expect(approvalRefusal({ verifiedBy: 'v', bankAccountChangedBy: 'v' }, 'v')?.type).toBe('maker-checker');
  });

  it("refuses a batch's results to its maker", () => {
    expect(resultsImportRefusal('maker', 'maker')?.type).toBe('maker-checker-batch');
    expect(resultsImportRefusal('maker', 'checker')).toBeNull();
  });

  it('sends a verified or approved claim back to verification when its bank account changes', () => {
    expect(statusAfterBankAccountChange('APPROVED')).toBe('SUBMITTED');
    expect(statusAfterBankAccountChange('VERIFIED')).toBe('SUBMITTED');
    expect(statusAfterBankAccountChange('SUBMITTED')).toBe('SUBMITTED');
  });
});
