// Workers: a page of the enrollment service's search at a time (`limit`/`offset` on the server), found by
// name, membership number or NIK and filtered by region and status. An agent sees the workers of its own
// regions only: the service decides that.
import { Datagrid, List, SelectInput, TextField, TextInput, useTranslate } from 'react-admin';
import { CalendarDateField, CodeField } from '../layout/fields';
import { ListProblem, NextStep } from '../layout/ProblemPanel';
import { WORKER_STATUSES } from './statuses';

function StatusFilter(props: { source: string; alwaysOn?: boolean }) {
  const translate = useTranslate();
  const choices = WORKER_STATUSES.map((status) => ({ id: status, name: translate(`jaring.statuses.${status}`) }));
  return <SelectInput {...props} choices={choices} label="resources.workers.fields.status" />;
}

const filters = [
  // the service tells a membership number (11 digits) and a NIK (16) from words of a name; under 2 characters is its 400
  <TextInput key="q" source="q" label="jaring.workers.search" alwaysOn sx={{ minWidth: '22rem' }} />,
  // 4 digits (Kemendagri regency code); the service answers an empty page for a region the agent does not serve
  <TextInput key="regionCode" source="regionCode" label="resources.workers.fields.regionCode" alwaysOn />,
  <StatusFilter key="status" source="status" alwaysOn />,
];

export function WorkerList() {
  return (
    <List
      filters={filters}
      perPage={25}
      exporter={false}
      // the enrollment service lists workers in registration order and sorts by nothing else
      sort={{ field: 'registeredOn', order: 'ASC' }}
      empty={<NextStep message="jaring.workers.empty" />}
      error={<ListProblem />}
      // the panel above shows the error; no second notice
      queryOptions={{ onError: () => undefined }}
    >
      <Datagrid rowClick="show" bulkActionButtons={false} empty={<NextStep message="jaring.workers.no_match" />}>
        <TextField source="membershipNumber" sortable={false} />
        <TextField source="fullName" sortable={false} />
        <TextField source="nik" sortable={false} />
        <TextField source="regionCode" sortable={false} />
        <CodeField source="status" codes="jaring.statuses" sortable={false} />
        <CodeField source="occupation" codes="jaring.occupations" sortable={false} />
        <CalendarDateField source="registeredOn" sortable={false} />
      </Datagrid>
    </List>
  );
}
