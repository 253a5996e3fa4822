import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HeirRefV2 } from '@jaring/contracts';
import { rowsOf } from '@jaring/platform';
import { type HeirPersonalData, PersonalDataProtector, sealContext } from '../personal-data/personal-data-protector';
import type { ValidHeir } from '../validation/registration-validation';

/**
 * Replaces a worker's heirs in the caller's transaction. An heir keeps their id across replacements
 * (matched by the NIK's keyed hash), so claims can keep referring to them.
 */
@Injectable()
export class HeirWriter {
  constructor(private readonly protector: PersonalDataProtector) {}

  async replace(manager: EntityManager, workerId: string, heirs: readonly ValidHeir[]): Promise<HeirRefV2[]> {
    const existing = await rowsOf<{ id: string; nik_hash: string }>(
      manager,
      'DELETE FROM heirs WHERE worker_id = $1 RETURNING id, nik_hash',
      [workerId],
    );
    const idByHash = new Map(existing.map((row) => [row.nik_hash, row.id]));
    const rows = heirs.map((heir, position) => {
      const nikHash = this.protector.nikHash(heir.nik.value);
      return { id: idByHash.get(nikHash) ?? randomUUID(), position, nikHash, heir };
    });
    if (rows.length) {
      await manager.query(
        `INSERT INTO heirs (id, worker_id, position, relationship, nik_hash, personal_sealed, gender, birth_date)
         SELECT u.id, $1::uuid, u.position, u.relationship, u.nik_hash, u.personal_sealed, u.gender, u.birth_date
           FROM unnest($2::uuid[], $3::smallint[], $4::text[], $5::text[], $6::bytea[], $7::text[], $8::date[])
                AS u(id, position, relationship, nik_hash, personal_sealed, gender, birth_date)`,
        [
          workerId,
          rows.map((r) => r.id),
          rows.map((r) => r.position),
          rows.map((r) => r.heir.relationship),
          rows.map((r) => r.nikHash),
          rows.map((r) =>
            this.protector.sealJson(
              { nik: r.heir.nik.value, fullName: r.heir.fullName } satisfies HeirPersonalData,
              sealContext.heir(r.id),
            ),
          ),
          rows.map((r) => r.heir.nik.gender),
          rows.map((r) => r.heir.birthDate),
        ],
      );
    }
    return rows.map((r) => ({
      heirId: r.id,
      relationship: r.heir.relationship,
      nikHash: r.nikHash,
      sealedBirthDate: this.protector.sealedBirthDate(r.id, r.heir.birthDate),
    }));
  }
}
