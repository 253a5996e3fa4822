import { EVENTS, type WorkerChangedV2, type WorkerDeregisteredV1, type WorkerDiedV1, type WorkerRegisteredV2 } from '@jaring/contracts';
import type { PendingEvent } from '@jaring/messaging';

// What other services learn of a worker (PROTOCOL: enrollment.worker.*): never a name, a phone number or
// a clear NIK; the NIK travels as its keyed hash, birth dates sealed for claims.

export function workerRegistered(data: WorkerRegisteredV2): PendingEvent<WorkerRegisteredV2> {
  return { definition: EVENTS.WorkerRegistered, subject: data.workerId, data };
}

export function workerChanged(data: WorkerChangedV2): PendingEvent<WorkerChangedV2> {
  return { definition: EVENTS.WorkerChanged, subject: data.workerId, data };
}

export function workerDeregistered(data: WorkerDeregisteredV1): PendingEvent<WorkerDeregisteredV1> {
  return { definition: EVENTS.WorkerDeregistered, subject: data.workerId, data };
}

export function workerDied(data: WorkerDiedV1): PendingEvent<WorkerDiedV1> {
  return { definition: EVENTS.WorkerDied, subject: data.workerId, data };
}
