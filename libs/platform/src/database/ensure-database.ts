import { Client } from 'pg';
import { assertDatabaseName, databaseUrlFor } from './database-url';

/** SQLSTATEs that mean "someone else created it first". */
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505'; // two CREATE DATABASE racing on pg_database's unique index
const INVALID_CATALOG_NAME = '3D000'; // the maintenance database does not exist

/**
 * Creates the service's database on the server if it is missing. Each service owns a database (docs/design.md)
 * and creates it at start-up, so that a fresh server (embedded in tests, a new environment) needs no
 * manual step. Safe when several services or instances start at once: losing the race is success.
 *
 * Connects to the server's maintenance database `postgres` (or `template1` where there is none); the
 * role needs CREATEDB, or the database must exist already (then nothing is created).
 */
export async function ensureDatabaseExists(serverUrl: string, databaseName: string): Promise<'created' | 'exists'> {
  assertDatabaseName(databaseName);
  let client: Client;
  try {
    client = await connect(databaseUrlFor(serverUrl, 'postgres'));
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_CATALOG_NAME) throw error;
    client = await connect(databaseUrlFor(serverUrl, 'template1'));
  }
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (existing.rowCount) return 'exists';
    try {
      // CREATE DATABASE takes no bind parameters; the name was checked to be a plain identifier.
      await client.query(`CREATE DATABASE "${databaseName}"`);
      return 'created';
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === DUPLICATE_DATABASE || code === UNIQUE_VIOLATION) return 'exists';
      throw error;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}
