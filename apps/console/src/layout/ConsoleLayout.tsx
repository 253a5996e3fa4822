// The frame of every page: react-admin's layout (app bar with the language menu and the user menu with
// "Keluar") and a menu of the screens the person's roles allow (auth/claims.ts).
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import CalculateIcon from '@mui/icons-material/Calculate';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import PaymentsIcon from '@mui/icons-material/Payments';
import GroupAddIcon from '@mui/icons-material/GroupAdd';
import PeopleIcon from '@mui/icons-material/People';
import VolunteerActivismIcon from '@mui/icons-material/VolunteerActivism';
import type { ReactElement, ReactNode } from 'react';
import { Layout, Menu, useCanAccess, useTranslate } from 'react-admin';
import type { Screen } from '../auth/claims';

/** The menu's screens, in order: each opens when authProvider.canAccess allows its resource (claims.ts). */
const SCREENS: Array<{ screen: Screen; to: string; label: string; icon: ReactElement }> = [
  { screen: 'workers', to: '/workers', label: 'jaring.menu.workers', icon: <PeopleIcon /> },
  { screen: 'programmes', to: '/programmes', label: 'jaring.menu.programmes', icon: <VolunteerActivismIcon /> },
  { screen: 'claims', to: '/claims', label: 'jaring.menu.claims', icon: <FactCheckIcon /> },
  { screen: 'payout-batches', to: '/payout-batches', label: 'jaring.menu.payout_batches', icon: <PaymentsIcon /> },
  { screen: 'payout-ledger', to: '/payout-ledger', label: 'jaring.menu.payout_ledger', icon: <AccountBalanceIcon /> },
  { screen: 'worker-imports', to: '/worker-imports', label: 'jaring.menu.worker_imports', icon: <GroupAddIcon /> },
];

function ScreenItem({ screen, to, label, icon }: (typeof SCREENS)[number]) {
  const translate = useTranslate();
  // the same check react-admin makes before it opens the list
  const { canAccess } = useCanAccess({ resource: screen, action: 'list' });
  return canAccess ? <Menu.Item to={to} primaryText={translate(label)} leftIcon={icon} /> : null;
}

function ConsoleMenu() {
  const translate = useTranslate();
  return (
    <Menu>
      <Menu.Item to="/calculator" primaryText={translate('jaring.menu.calculator')} leftIcon={<CalculateIcon />} />
      {SCREENS.map((item) => (
        <ScreenItem key={item.screen} {...item} />
      ))}
    </Menu>
  );
}

export function ConsoleLayout({ children }: { children: ReactNode }) {
  return <Layout menu={ConsoleMenu}>{children}</Layout>;
}
