import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { membershipNumberFor } from '../domain/membership-number';
import { PersonalDataProtector, sealContext } from '../personal-data/personal-data-protector';
import type { ValidRegistration } from '../validation/registration-validation';
import { HeirWriter } from './heir-writer';
import { workerRegistered } from './worker-events';

export type EnrolmentOutcome = { enrolled: true; workerId: string; membershipNumber: string } | { enrolled: false; duplicate: true };

/** A registration ready to be written: its id, the NIK's keyed hash, the sealed personal data and the name's blind index. */
export interface PreparedEnrolment {
  id: string;
  nikHash: string;
  personalSealed: Buffer;
  nameIndex: Buffer[];
  registration: ValidRegistration;
}

/**
 * Writes valid registrations, one or thousands, in the caller's transaction: a membership number each
 * from the sequence, one multi-row insert (unnest) whose ON CONFLICT on the NIK's keyed hash skips NIKs
 * already registered (by an earlier request, an earlier upload, a concurrent request, or an earlier row
 * of the same batch), their heirs, and one `enrollment.worker.registered` per enrolled worker through the
 * outbox, in the same transaction.
 *
 * `prepare` (hashing, sealing: CPU only) is separate from `write` (the database), so that an import can
 * prepare its next batch while the database writes the current one.
 */
@Injectable()
export class WorkerEnrolment {
  constructor(
    private readonly protector: PersonalDataProtector,
    private readonly outbox: Outbox,
    private readonly heirs: HeirWriter,
  ) {}

  async enrol(
    manager: EntityManager,
    registrations: readonly ValidRegistration[],
    options: { registeredOn: IsoDate; importId?: string },
  ): Promise<EnrolmentOutcome[]> {
    return this.write(manager, this.prepare(registrations), options);
  }

  prepare(registrations: readonly ValidRegistration[]): PreparedEnrolment[] {
    return registrations.map((registration) => {
      const id = randomUUID();
      const { nik, fullName, phone } = registration;
      return {
        id,
        registration,
        nikHash: this.protector.nikHash(nik.value),
        personalSealed: this.protector.sealJson({ nik: nik.value, fullName, phone }, sealContext.worker(id)),
        nameIndex: this.protector.nameIndex(fullName),
      };
    });
  }

  async write(
    manager: EntityManager,
    prepared: readonly PreparedEnrolment[],
    options: { registeredOn: IsoDate; importId?: string },
  ): Promise<EnrolmentOutcome[]> {
    if (!prepared.length) return [];
    const serials = await manager.query<Array<{ serial: string }>>(
      "SELECT nextval('membership_serial')::text AS serial FROM generate_series(1, $1)",
      [prepared.length],
    );
    const rows = prepared.map((p, i) => ({ ...p, membershipNumber: membershipNumberFor(Number(serials[i].serial)) }));
    const inserted = await manager.query<Array<{ id: string }>>(
      `INSERT INTO workers (id, membership_number, nik_hash, personal_sealed, name_index, gender, birth_date,
                            region_code, occupation, declared_monthly_income, programs, status, registered_on, import_id)
       SELECT u.id, u.membership_number, u.nik_hash, u.personal_sealed, ${NAME_INDEX_OF_HEX_LIST('u.name_index')}, u.gender, u.birth_date,
              u.region_code, u.occupation, u.income, string_to_array(u.programs, ','), 'PENDING_PAYMENT', $11::date, $12::uuid
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bytea[], $5::text[], $6::date[], $7::text[], $8::text[], $9::bigint[], $10::text[], $13::text[])
              AS u(id, membership_number, nik_hash, personal_sealed, gender, birth_date, region_code, occupation, income, programs, name_index)
       ON CONFLICT (nik_hash) DO NOTHING
       RETURNING id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.membershipNumber),
        rows.map((r) => r.nikHash),
        rows.map((r) => r.personalSealed),
        rows.map((r) => r.registration.nik.gender),
        rows.map((r) => r.registration.birthDate),
        rows.map((r) => r.registration.regionCode),
        rows.map((r) => r.registration.occupation),
        rows.map((r) => String(r.registration.declaredMonthlyIncome)),
        rows.map((r) => r.registration.programs.join(',')),
        options.registeredOn,
        options.importId ?? null,
        rows.map((r) => hexList(r.nameIndex)),
      ],
    );
    const enrolled = new Set(inserted.map((row) => row.id));
    const events = [];
    for (const row of rows) {
      if (!enrolled.has(row.id)) continue;
      const heirs = row.registration.heirs.length ? await this.heirs.replace(manager, row.id, row.registration.heirs) : [];
      events.push(
        workerRegistered({
          workerId: row.id,
          membershipNumber: row.membershipNumber,
          nikHash: row.nikHash,
          regionCode: row.registration.regionCode,
          occupation: row.registration.occupation,
          declaredMonthlyIncome: row.registration.declaredMonthlyIncome,
          programs: row.registration.programs,
          sealedBirthDate: this.protector.sealedBirthDate(row.id, row.registration.birthDate),
          registeredOn: options.registeredOn,
          heirs,
        }),
      );
    }
    await this.outbox.publishAll(manager, events);
    return rows.map((row) =>
      enrolled.has(row.id)
        ? { enrolled: true, workerId: row.id, membershipNumber: row.membershipNumber }
        : { enrolled: false, duplicate: true },
    );
  }
}

/**
 * A name index travels to PostgreSQL as one text per worker, its hashes in hex separated by commas, and
 * becomes a `bytea[]` there: `unnest` of one parameter per column cannot carry an array per row (PostgreSQL's
 * arrays of arrays must be rectangular).
 */
export function hexList(nameIndex: readonly Buffer[]): string {
  return nameIndex.map((hash) => hash.toString('hex')).join(',');
}

/** The SQL expression turning a `hexList` column back into the `bytea[]` of `workers.name_index`. */
export const NAME_INDEX_OF_HEX_LIST = (column: string) =>
  `ARRAY(SELECT decode(word, 'hex') FROM unnest(string_to_array(${column}, ',')) AS word)`;
