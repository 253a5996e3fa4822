import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerInterface } from 'typeorm';

/**
 * TypeORM's log through the app's logger (JSON, redacted), instead of TypeORM's own console output.
 * Errors, slow queries, migrations and warnings only; never a query's parameters (personal data).
 */
export class TypeOrmLogger implements TypeOrmLoggerInterface {
  private readonly logger = new Logger('TypeORM');

  logQuery(): void {
    // Every query would be noise, and the parameters personal data.
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.error(`query failed: ${typeof error === 'string' ? error : error.message}`, { query: truncate(query) });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query: ${time} ms`, { query: truncate(query) });
  }

  // TypeORM 1.x reports migration progress here ("Migration X has been executed successfully.").
  logSchemaBuild(message: string): void {
    if (/^Migration .* executed successfully/.test(message)) this.logger.log(message);
    else this.logger.debug(message);
  }

  // ...and migration failures here.
  logMigration(message: string): void {
    if (/failed/i.test(message)) this.logger.error(message);
    else this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}

function truncate(query: string): string {
  return query.length > 2000 ? `${query.slice(0, 2000)}...` : query;
}
