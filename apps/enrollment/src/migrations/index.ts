/** The service's own enrollment database's migrations, in order. They run when the service starts, after
 * the messaging tables (outbox, inbox) that every service has. */
export const ENROLLMENT_MIGRATIONS: Function[] = [];
