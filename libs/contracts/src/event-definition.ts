// Decorated payload classes (class-validator, class-transformer) need the metadata polyfill loaded first.
import 'reflect-metadata';
import type { TopicName } from './topics';

export type DataClass<T> = new () => T;

/** Any class (abstract or not, whatever its constructor takes): what reads a class's decorator metadata works on. */
export type AnyClass = abstract new (...args: never[]) => unknown;

/**
 * One event type at one version: the single declaration that the producer, the consumers, the runtime
 * validation and the AsyncAPI document all read. A breaking change of `data` is a new definition with a
 * higher version; the old one stays for as long as it may still be on a topic.
 */
export interface EventDefinition<TData extends object = object> {
  readonly type: string;
  readonly version: number;
  readonly topic: TopicName;
  readonly summary: string;
  readonly dataClass: DataClass<TData>;
  /** A version replaced by a newer one: still read (it may be on a topic), never produced again. */
  readonly superseded?: true;
}

const EVENT_TYPE = /^[a-z]+\.[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/;

export function defineEvent<TData extends object>(definition: EventDefinition<TData>): EventDefinition<TData> {
  if (!EVENT_TYPE.test(definition.type)) {
    throw new Error(`event type "${definition.type}" is not <service>.<entity>.<verb>`);
  }
  if (!Number.isInteger(definition.version) || definition.version < 1) {
    throw new Error(`event ${definition.type} has an invalid version ${definition.version}`);
  }
  if (!definition.type.startsWith(definition.topic.split('.')[0] + '.')) {
    throw new Error(`event ${definition.type} belongs to another service than topic ${definition.topic}`);
  }
  return Object.freeze({ ...definition });
}

/** Type of the payload a definition declares. */
export type EventData<D> = D extends EventDefinition<infer T> ? T : never;
