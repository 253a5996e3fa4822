// The frame of every page: react-admin's layout (app bar with the language menu and the user menu with
// "Keluar") and a menu of the screens the person's roles allow (auth/claims.ts).
import CalculateIcon from '@mui/icons-material/Calculate';
import PeopleIcon from '@mui/icons-material/People';
import type { ReactNode } from 'react';
import { Layout, Menu, useCanAccess, useTranslate } from 'react-admin';

function ConsoleMenu() {
  const translate = useTranslate();
  // the same check react-admin makes before it opens the list (authProvider.canAccess)
  const workers = useCanAccess({ resource: 'workers', action: 'list' });
  return (
    <Menu>
      <Menu.Item to="/calculator" primaryText={translate('jaring.menu.calculator')} leftIcon={<CalculateIcon />} />
      {workers.canAccess ? <Menu.Item to="/workers" primaryText={translate('jaring.menu.workers')} leftIcon={<PeopleIcon />} /> : null}
    </Menu>
  );
}

export function ConsoleLayout({ children }: { children: ReactNode }) {
  return <Layout menu={ConsoleMenu}>{children}</Layout>;
}
