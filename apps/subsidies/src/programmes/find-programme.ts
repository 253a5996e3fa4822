import type { EntityManager } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { rowsOf } from '@jaring/platform';
import { PROGRAMME_COLUMNS, type ProgrammeRow } from './programme-row';

/** The programme, or a 404. Callers check who may see it. */
export async function findProgramme(manager: EntityManager, id: string): Promise<ProgrammeRow> {
  const [row] = await rowsOf<ProgrammeRow>(manager, `SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE id = $1`, [id]);
  if (!row) throw UseCaseError.notFound(`no programme ${id}`);
  return row;
}
