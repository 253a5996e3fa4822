/** The service's own subsidies database's migrations, in order. They run when the service starts, after
 * the messaging tables (outbox, inbox) that every service has. */
export const SUBSIDIES_MIGRATIONS: Function[] = [];
