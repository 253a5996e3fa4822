// Whether the signed-in person holds a role (the access token's, as auth-provider.ts's getPermissions reads it),
// to show a screen's writes only to those the service lets write. The service decides anyway.
import { usePermissions } from 'react-admin';
import type { Holder, Role } from './claims';

export function useHasRole(role: Role): boolean {
  const { permissions } = usePermissions<Holder | undefined>();
  return permissions?.roles.includes(role) ?? false;
}

/** The signed-in person's subject (the token's `sub`), as the services compare people (four eyes). */
export function useSubject(): string | undefined {
  const { permissions } = usePermissions<Holder | undefined>();
  return permissions?.subject;
}
