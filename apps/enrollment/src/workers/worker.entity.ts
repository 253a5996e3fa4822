import { Column, Entity, PrimaryColumn } from 'typeorm';

/** DECEASED is not leaving (DEREGISTERED): the membership ended on the date of death, and never reopens. */
export const WORKER_STATUSES = ['PENDING_PAYMENT', 'ACTIVE', 'LAPSED', 'DEREGISTERED', 'DECEASED'] as const;
export type WorkerStatus = (typeof WORKER_STATUSES)[number];

/** A registered worker (table `workers`, see the migration for the why of each column). */
@Entity({ name: 'workers' })
export class WorkerEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'membership_number', type: 'char', length: 11 }) membershipNumber!: string;
  @Column({ name: 'nik_hash', type: 'char', length: 64 }) nikHash!: string;
  /** NIK, name and phone number, sealed (see PersonalDataProtector). */
  @Column({ name: 'personal_sealed', type: 'bytea' }) personalSealed!: Buffer;
  /** The name's blind index: keyed hashes of its words (PersonalDataProtector.nameIndex); not read back. */
  @Column({ name: 'name_index', type: 'bytea', array: true, nullable: true, select: false }) nameIndex!: Buffer[] | null;
  @Column({ type: 'char', length: 1 }) gender!: 'F' | 'M';
  @Column({ name: 'birth_date', type: 'date' }) birthDate!: string;
  @Column({ name: 'region_code', type: 'char', length: 4 }) regionCode!: string;
  @Column({ type: 'text' }) occupation!: string;
  /** bigint: node-pg hands it over as a string. */
  @Column({ name: 'declared_monthly_income', type: 'bigint' }) declaredMonthlyIncome!: string;
  @Column({ type: 'text', array: true }) programs!: string[];
  @Column({ name: 'next_declared_monthly_income', type: 'bigint', nullable: true }) nextDeclaredMonthlyIncome!: string | null;
  @Column({ name: 'next_programs', type: 'text', array: true, nullable: true }) nextPrograms!: string[] | null;
  @Column({ name: 'next_terms_from', type: 'char', length: 7, nullable: true }) nextTermsFrom!: string | null;
  @Column({ type: 'text' }) status!: WorkerStatus;
  @Column({ name: 'coverage_end', type: 'date', nullable: true }) coverageEnd!: string | null;
  @Column({ name: 'registered_on', type: 'date' }) registeredOn!: string;
  @Column({ name: 'deregistered_on', type: 'date', nullable: true }) deregisteredOn!: string | null;
  @Column({ name: 'deregistration_reason', type: 'text', nullable: true }) deregistrationReason!: string | null;
  @Column({ name: 'import_id', type: 'uuid', nullable: true }) importId!: string | null;
  @Column({ name: 'died_on', type: 'date', nullable: true }) diedOn!: string | null;
  @Column({ name: 'death_recorded_on', type: 'date', nullable: true }) deathRecordedOn!: string | null;
  /** DEATH_CLAIM or BACK_OFFICE (the contract's DEATH_SOURCES). */
  @Column({ name: 'death_source', type: 'text', nullable: true }) deathSource!: string | null;
  @Column({ name: 'death_claim_id', type: 'uuid', nullable: true }) deathClaimId!: string | null;
  /** The death certificate number the back office recorded, sealed; not read back by the API. */
  @Column({ name: 'death_certificate_sealed', type: 'bytea', nullable: true, select: false }) deathCertificateSealed!: Buffer | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** An heir (ahli waris) of a worker. */
@Entity({ name: 'heirs' })
export class HeirEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'worker_id', type: 'uuid' }) workerId!: string;
  @Column({ type: 'smallint' }) position!: number;
  @Column({ type: 'text' }) relationship!: string;
  @Column({ name: 'nik_hash', type: 'char', length: 64 }) nikHash!: string;
  /** NIK and name, sealed. */
  @Column({ name: 'personal_sealed', type: 'bytea' }) personalSealed!: Buffer;
  @Column({ type: 'char', length: 1 }) gender!: 'F' | 'M';
  @Column({ name: 'birth_date', type: 'date' }) birthDate!: string;
}
