// Payout batches (finance; the auditor reads): the newest first, a page at a time from the claims service, each
// with its control total and how far the bank has answered. Finance makes a new batch from here.
import Stack from '@mui/material/Stack';
import { Datagrid, FunctionField, List, TopToolbar, useListContext, useTranslate } from 'react-admin';
import { calendarDate, rupiah } from '../i18n/format';
import { CodeField, useLocale } from '../layout/fields';
import { NextStep, ProblemPanel } from '../layout/ProblemPanel';
import { CreateBatchButton } from './CreateBatchButton';

interface BatchSummary {
  id: string;
  createdAt: string;
  lineCount: number;
  total: number;
  lines: { paid: number; failed: number; pending: number; returned: number };
}

function ListError() {
  const { error } = useListContext();
  return <ProblemPanel error={error} />;
}

function Actions() {
  return (
    <TopToolbar>
      <CreateBatchButton />
    </TopToolbar>
  );
}

/** No batch yet: what to do next, and the button to do it. */
function Empty() {
  return (
    <Stack sx={{ m: 2 }}>
      <NextStep message="jaring.payouts.empty" />
      <CreateBatchButton />
    </Stack>
  );
}

export function PayoutBatchList() {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <List
      actions={<Actions />}
      perPage={25}
      exporter={false}
      // the claims service lists the newest first and sorts by nothing else
      sort={{ field: 'createdAt', order: 'DESC' }}
      title="jaring.payouts.title"
      empty={<Empty />}
      error={<ListError />}
      queryOptions={{ onError: () => undefined }}
    >
      <Datagrid rowClick="show" bulkActionButtons={false} data-testid="payout-batches">
        <FunctionField
          source="id"
          label="resources.payout-batches.fields.reference"
          sortable={false}
          render={(batch: BatchSummary) => translate('jaring.payouts.reference', { reference: batch.id.slice(0, 8) })}
        />
        <FunctionField
          source="createdAt"
          sortable={false}
          render={(batch: BatchSummary) => `${calendarDate(batch.createdAt, locale)} ${batch.createdAt.slice(11, 16)} UTC`}
        />
        <CodeField source="status" codes="jaring.payouts.statuses" sortable={false} />
        <FunctionField source="lineCount" sortable={false} render={(batch: BatchSummary) => batch.lineCount} />
        <FunctionField source="total" sortable={false} render={(batch: BatchSummary) => rupiah(batch.total)} />
        <FunctionField source="lines" sortable={false} render={(batch: BatchSummary) => translate('jaring.payouts.counts', batch.lines)} />
      </Datagrid>
    </List>
  );
}
