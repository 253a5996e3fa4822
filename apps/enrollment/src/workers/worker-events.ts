import { EVENTS, type WorkerChangedV1, type WorkerDeregisteredV1, type WorkerRegisteredV1 } from '@jaring/contracts';
import type { PendingEvent } from '@jaring/messaging';

// What other services learn of a worker (PROTOCOL: enrollment.worker.*): never a name, a phone number or
// a clear NIK; the NIK travels as its keyed hash.

export function workerRegistered(data: WorkerRegisteredV1): PendingEvent<WorkerRegisteredV1> {
  return { definition: EVENTS.WorkerRegistered, subject: data.workerId, data };
}

export function workerChanged(data: WorkerChangedV1): PendingEvent<WorkerChangedV1> {
  return { definition: EVENTS.WorkerChanged, subject: data.workerId, data };
}

export function workerDeregistered(data: WorkerDeregisteredV1): PendingEvent<WorkerDeregisteredV1> {
  return { definition: EVENTS.WorkerDeregistered, subject: data.workerId, data };
}
