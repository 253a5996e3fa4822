import { Client } from 'pg';

/** The servers the global setup started (or that the environment named). */
export function testInfrastructure(): { databaseUrl: string; kafkaBrokers: string[]; oidcIssuer: string } {
  const databaseUrl = process.env.DATABASE_URL;
  const kafka = process.env.KAFKA_BROKERS;
  const oidcIssuer = process.env.OIDC_ISSUER;
  if (!databaseUrl || !kafka || !oidcIssuer) {
    throw new Error('DATABASE_URL, KAFKA_BROKERS and OIDC_ISSUER must be set (the jest global setup sets them)');
  }
  return { databaseUrl, kafkaBrokers: kafka.split(','), oidcIssuer };
}

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A new, empty database for one test file, so test files never see each other's rows. */
export async function freshDatabase(name: string, databaseUrl = testInfrastructure().databaseUrl): Promise<string> {
  const client = new Client({ connectionString: databaseUrlFor(databaseUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return databaseUrlFor(databaseUrl, name);
}
