// The claims queue: the open claims a page at a time from the claims service, by due date (the service's order),
// each with its service level in working days; filtered by programme, status and region.
import Chip from '@mui/material/Chip';
import { Datagrid, FunctionField, List, SelectInput, TextInput, useListContext, useTranslate } from 'react-admin';
import { CalendarDateField, CodeField, MoneyField } from '../layout/fields';
import { NextStep, ProblemPanel } from '../layout/ProblemPanel';
import { ServiceLevelField } from './ServiceLevelField';

const TYPES = ['JKM', 'JKK', 'JHT'] as const;
const OPEN_STATUSES = ['PENDING_FACTS', 'SUBMITTED', 'VERIFIED', 'APPROVED'] as const;

function CodeFilter(props: { source: string; codes: string; values: readonly string[]; label: string; alwaysOn?: boolean }) {
  const translate = useTranslate();
  const { codes, values, ...input } = props;
  return <SelectInput {...input} choices={values.map((value) => ({ id: value, name: translate(`${codes}.${value}`) }))} />;
}

const filters = [
  <CodeFilter key="type" source="type" codes="jaring.claims.types" values={TYPES} label="resources.claims.fields.type" alwaysOn />,
  <CodeFilter
    key="status"
    source="status"
    codes="jaring.claims.statuses"
    values={OPEN_STATUSES}
    label="resources.claims.fields.status"
    alwaysOn
  />,
  // 4 digits (Kemendagri regency code): the service names a malformed one in its answer
  <TextInput key="regionCode" source="regionCode" label="resources.claims.fields.regionCode" alwaysOn />,
];

function ListError() {
  const { error } = useListContext();
  return <ProblemPanel error={error} />;
}

/** `Klaim 1a2b3c4d`: the start of the claim's id, to tell claims apart without personal data. */
function Reference() {
  const translate = useTranslate();
  return (
    <FunctionField
      source="id"
      label="resources.claims.fields.reference"
      sortable={false}
      render={(claim: { id: string; payoutHold: string | null }) => (
        <>
          {translate('jaring.claims.reference', { reference: claim.id.slice(0, 8) })}
          {claim.payoutHold ? (
            <Chip
              size="small"
              color="warning"
              sx={{ ml: 1 }}
              // a returned payment and a refused transfer are both held until the account is corrected
              label={translate(`jaring.claims.events.${claim.payoutHold === 'PAYMENT_RETURNED' ? 'PAYMENT_RETURNED' : 'PAYOUT_FAILED'}`)}
            />
          ) : null}
        </>
      )}
    />
  );
}

export function ClaimList() {
  return (
    <List
      filters={filters}
      perPage={25}
      exporter={false}
      // the claims service sorts by due date, the earliest first, and by nothing else
      sort={{ field: 'dueOn', order: 'ASC' }}
      title="jaring.claims.title"
      empty={<NextStep message="jaring.claims.empty" />}
      error={<ListError />}
      // the panel above shows the error; no second notice
      queryOptions={{ onError: () => undefined }}
    >
      <Datagrid rowClick="show" bulkActionButtons={false} empty={<NextStep message="jaring.claims.no_match" />} data-testid="claims-queue">
        <Reference />
        <CodeField source="type" codes="jaring.claims.types" sortable={false} />
        <CodeField source="kind" codes="jaring.claims.kinds" sortable={false} />
        <CodeField source="status" codes="jaring.claims.statuses" sortable={false} />
        <FunctionField source="regionCode" sortable={false} render={(claim: { regionCode: string | null }) => claim.regionCode ?? '–'} />
        <CalendarDateField source="submittedOn" sortable={false} />
        <CalendarDateField source="dueOn" sortable={false} />
        <ServiceLevelField label="resources.claims.fields.standing" sortable={false} />
        <MoneyField source="benefitTotal" sortable={false} />
      </Datagrid>
    </List>
  );
}
