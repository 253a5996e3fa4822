// Enrolment campaigns: the imports newest first, a page at a time from the server (an agent sees its own: the
// service decides). "Upload CSV" for those who may start one (auth/claims.ts, ACTION_ROLES).
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Stack from '@mui/material/Stack';
import { CreateButton, Datagrid, List, NumberField, TopToolbar } from 'react-admin';
import { CalendarDateField, CodeField } from '../layout/fields';
import { ListProblem, NextStep } from '../layout/ProblemPanel';

export function UploadButton({ label = 'jaring.worker_imports.upload_button' }: { label?: string }) {
  // hidden by react-admin where authProvider.canAccess refuses `create` (the auditor)
  return <CreateButton resource="worker-imports" label={label} icon={<UploadFileIcon />} />;
}

function Actions() {
  return (
    <TopToolbar>
      <UploadButton />
    </TopToolbar>
  );
}

function Empty() {
  return (
    <Stack alignItems="flex-start" sx={{ m: 2 }}>
      <NextStep message="jaring.worker_imports.empty" />
      <UploadButton />
    </Stack>
  );
}

export function WorkerImportList() {
  return (
    <List
      actions={<Actions />}
      perPage={25}
      exporter={false}
      // the service lists imports newest first and sorts by nothing else
      sort={{ field: 'receivedAt', order: 'DESC' }}
      empty={<Empty />}
      error={<ListProblem />}
      queryOptions={{ onError: () => undefined }}
    >
      <Datagrid rowClick="show" bulkActionButtons={false} data-testid="imports">
        <CalendarDateField source="receivedAt" sortable={false} />
        <CodeField source="status" codes="jaring.worker_imports.statuses" sortable={false} />
        <NumberField source="total" sortable={false} />
        <NumberField source="enrolled" sortable={false} />
        <NumberField source="duplicates" sortable={false} />
        <NumberField source="failed" sortable={false} />
        <CalendarDateField source="finishedAt" sortable={false} />
      </Datagrid>
    </List>
  );
}
