/** PostgreSQL database names the platform creates: plain lower-case identifiers, no quoting surprises. */
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertDatabaseName(name: string): void {
  if (!DATABASE_NAME.test(name)) {
    throw new Error(`invalid database name "${name}": use lower-case letters, digits and _ (at most 63)`);
  }
}

/**
 * The URL of database `databaseName` on the server of `serverUrl` (whatever database that URL names, if
 * any): credentials, host, port and query parameters such as `sslmode` are kept.
 *
 *   databaseUrlFor('postgres://u:p@db:5432/postgres?sslmode=require', 'jaring_claims')
 *   → 'postgres://u:p@db:5432/jaring_claims?sslmode=require'
 */
export function databaseUrlFor(serverUrl: string, databaseName: string): string {
  assertDatabaseName(databaseName);
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}
