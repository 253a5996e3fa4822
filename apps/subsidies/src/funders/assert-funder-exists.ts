import type { EntityManager } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { rowsOf } from '@jaring/platform';

/** A funder's keys and webhooks are asked for under its id: an unknown funder is a 404. */
export async function assertFunderExists(manager: Pick<EntityManager, 'query'>, funderId: string): Promise<void> {
  const rows = await rowsOf(manager, 'SELECT 1 FROM funders WHERE id = $1', [funderId]);
  if (!rows.length) throw UseCaseError.notFound(`no funder ${funderId}`);
}
