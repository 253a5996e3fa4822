// Programmes: a page of the subsidies service's list at a time (`limit`/`offset` on the server), with their budget
// figures. The back office sees every funder's and may pick one; a funder's staff see their own funder's only
// (the service decides that, so the console offers them no funder to pick).
import { Datagrid, List, ReferenceField, ReferenceInput, SelectInput, TextField, usePermissions } from 'react-admin';
import type { Holder } from '../auth/claims';
import { CountField, MoneyField } from '../layout/fields';
import { ListProblem, NextStep } from '../layout/ProblemPanel';

/** The funders offered in the filter: the first page by name (funders are a few hundred at most). */
const FUNDERS_OFFERED = 500;

const funderFilter = [
  <ReferenceInput key="funderId" source="funderId" reference="funders" perPage={FUNDERS_OFFERED} alwaysOn>
    <SelectInput optionText="name" label="resources.programmes.fields.funderId" sx={{ minWidth: 320 }} />
  </ReferenceInput>,
];

/** The programme officer and auditors act for every funder; anyone else (a funder's staff) for their own. */
export function actsForEveryFunder(holder: Pick<Holder, 'roles'> | undefined): boolean {
  return Boolean(holder?.roles.some((role) => role === 'programme-officer' || role === 'auditor'));
}

export function ProgrammeList() {
  const { permissions } = usePermissions<Holder | undefined>();
  return (
    <List
      filters={actsForEveryFunder(permissions) ? funderFilter : undefined}
      perPage={25}
      exporter={false}
      // the subsidies service lists programmes oldest first and sorts by nothing else
      sort={{ field: 'createdAt', order: 'ASC' }}
      empty={<NextStep message="jaring.programmes.empty" />}
      error={<ListProblem />}
      // the panel above shows the error; no second notice
      queryOptions={{ onError: () => undefined }}
    >
      <Datagrid rowClick="show" bulkActionButtons={false} empty={<NextStep message="jaring.programmes.no_match" />}>
        <TextField source="name" sortable={false} />
        <ReferenceField source="funderId" reference="funders" link={false} sortable={false}>
          <TextField source="name" />
        </ReferenceField>
        <MoneyField source="budget" sortable={false} />
        <MoneyField source="reserved" sortable={false} />
        <MoneyField source="spent" sortable={false} />
        <MoneyField source="remaining" sortable={false} />
        <CountField source="sponsoredWorkers" sortable={false} />
      </Datagrid>
    </List>
  );
}
