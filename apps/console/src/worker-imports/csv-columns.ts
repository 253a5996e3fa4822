// The columns of a worker import (docs/api.md, "Worker import"), in the order the template has them.
export const IMPORT_COLUMNS = [
  'nik',
  'fullName',
  'birthDate',
  'phone',
  'regionCode',
  'occupation',
  'declaredMonthlyIncome',
  'programs',
] as const;

/** The template to fill in: the header line alone (an example row could be uploaded by mistake and enrol nobody real). */
export const TEMPLATE_CSV = `${IMPORT_COLUMNS.join(',')}\n`;
