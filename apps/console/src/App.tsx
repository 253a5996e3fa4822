// The console: react-admin over the four services' APIs, signed in through the OpenID provider.
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import PaymentsIcon from '@mui/icons-material/Payments';
import GroupAddIcon from '@mui/icons-material/GroupAdd';
import PeopleIcon from '@mui/icons-material/People';
import VolunteerActivismIcon from '@mui/icons-material/VolunteerActivism';
import type { UserManager } from 'oidc-client-ts';
import { useMemo } from 'react';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { accessTokenOf, createAuthProvider } from './auth/auth-provider';
import { LoginPage } from './auth/LoginPage';
import { CalculatorPage } from './calculator/CalculatorPage';
import { ClaimList } from './claims/ClaimList';
import { ClaimShow } from './claims/ClaimShow';
import type { ConsoleConfig } from './config';
import { ConfigContext } from './config-context';
import { createDataProvider } from './data/data-provider';
import { i18nProvider } from './i18n/i18n-provider';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { ProgrammeList } from './programmes/ProgrammeList';
import { ProgrammeShow } from './programmes/ProgrammeShow';
import { PayoutBatchList } from './payouts/PayoutBatchList';
import { PayoutBatchShow } from './payouts/PayoutBatchShow';
import { PayoutLedgerPage } from './payouts/PayoutLedgerPage';
import { WorkerImportList } from './worker-imports/WorkerImportList';
import { WorkerImportShow } from './worker-imports/WorkerImportShow';
import { WorkerImportUpload } from './worker-imports/WorkerImportUpload';
import { WorkerList } from './workers/WorkerList';
import { WorkerShow } from './workers/WorkerShow';

export function App({ config, userManager }: { config: ConsoleConfig; userManager: UserManager }) {
  const authProvider = useMemo(() => createAuthProvider(userManager), [userManager]);
  const dataProvider = useMemo(() => createDataProvider(config, () => accessTokenOf(userManager)), [config, userManager]);
  return (
    <ConfigContext.Provider value={config}>
      <Admin
        title="Jaring"
        authProvider={authProvider}
        dataProvider={dataProvider}
        i18nProvider={i18nProvider}
        loginPage={LoginPage}
        layout={ConsoleLayout}
        disableTelemetry
      >
        <Resource name="workers" list={WorkerList} show={WorkerShow} icon={PeopleIcon} recordRepresentation="membershipNumber" />
        <Resource name="programmes" list={ProgrammeList} show={ProgrammeShow} icon={VolunteerActivismIcon} recordRepresentation="name" />
        {/* read by the programmes' pages (a programme's funder), never opened as a screen */}
        <Resource name="funders" recordRepresentation="name" />
        <Resource name="claims" list={ClaimList} show={ClaimShow} icon={FactCheckIcon} />
        <Resource name="payout-batches" list={PayoutBatchList} show={PayoutBatchShow} icon={PaymentsIcon} />
        <Resource name="payout-ledger" list={PayoutLedgerPage} icon={AccountBalanceIcon} />
        <Resource
          name="worker-imports"
          list={WorkerImportList}
          create={WorkerImportUpload}
          show={WorkerImportShow}
          icon={GroupAddIcon}
          recordRepresentation="receivedAt"
        />
        <CustomRoutes>
          <Route path="/calculator" element={<CalculatorPage />} />
        </CustomRoutes>
      </Admin>
    </ConfigContext.Provider>
  );
}
