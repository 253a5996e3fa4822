import { Sealer } from './sealer';

/**
 * Personal facts an event carries for the one consumer that needs them (docs/design.md, Personal data): sealed
 * with AES-256-GCM under `EVENT_SEALING_KEY`, which only the producer and that consumer hold, and bound to the
 * person they describe (the worker's or the heir's id), so a sealed date copied onto another person does not open.
 * Everyone else reading the topic sees a string they cannot read. Today: birth dates, from enrollment to claims.
 */
export class EventSealer {
  private readonly sealer: Sealer;

  constructor(key: Buffer) {
    this.sealer = new Sealer(key);
  }

  sealBirthDate(personId: string, birthDate: string): string {
    return this.sealer.seal(birthDate, birthDateContext(personId)).toString('base64url');
  }

  openBirthDate(personId: string, sealed: string): string {
    return this.sealer.open(Buffer.from(sealed, 'base64url'), birthDateContext(personId));
  }
}

const birthDateContext = (personId: string) => `birth-date:${personId}`;
