import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { stringify } from 'yaml';
import type { EventCatalog } from '../catalog';
import { EventHeaders } from '../envelope';
import type { EventDefinition } from '../event-definition';
import { ALL_TOPICS, deadLetterTopic } from '../topics';

type Schema = Record<string, unknown>;

// class-transformer keeps the @Type() metadata (needed for nested schemas) in a storage it does not type.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: never };

const ENVELOPE_FIELDS: Record<string, Schema> = {
  id: { type: 'string', format: 'uuid', description: 'Unique event id; consumers deduplicate on it.' },
  type: { type: 'string', description: '<service>.<entity>.<verb>' },
  version: { type: 'integer', minimum: 1, description: 'Version of `data`; a breaking change is a new version.' },
  occurredAt: { type: 'string', format: 'date-time' },
  source: { type: 'string', description: 'The service that produced the event.' },
  subject: { type: 'string', description: 'The worker id; also the Kafka message key.' },
  correlationId: { type: 'string', description: 'Shared by everything one request or schedule caused.' },
  causationId: { type: ['string', 'null'], description: 'Id of the event that caused this one, if any.' },
};

const channelId = (topic: string) => topic.replace(/\.v\d+$/, '').replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase());
const messageId = (definition: EventDefinition) => `${definition.type}.v${definition.version}`;

/** The JSON schemas of the data classes, and of the classes nested in them: nothing else that happens to be loaded. */
function dataSchemas(definitions: EventDefinition[]): Record<string, Schema> {
  const all = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, Schema>;
  const picked: Record<string, Schema> = {};
  const visit = (name: string) => {
    if (picked[name] || !all[name]) return;
    picked[name] = all[name];
    const refs = JSON.stringify(all[name]).matchAll(/#\/components\/schemas\/([A-Za-z0-9_]+)/g);
    for (const [, ref] of refs) visit(ref);
  };
  for (const definition of definitions) visit(definition.dataClass.name);
  return Object.fromEntries(
    Object.keys(picked)
      .sort()
      .map((name) => [name, picked[name]]),
  );
}

/**
 * The AsyncAPI 3.0 document of every topic and event, built from the declared contracts so that the
 * published description cannot drift from what the services actually validate.
 */
export function buildAsyncApiDocument(catalog: EventCatalog, appVersion: string): Schema {
  const definitions = catalog.definitions().sort((a, b) => messageId(a).localeCompare(messageId(b)));
  const messages: Record<string, Schema> = {};
  for (const definition of definitions) {
    messages[messageId(definition)] = {
      name: definition.type,
      title: `${definition.type} v${definition.version}`,
      summary: definition.summary,
      contentType: 'application/json',
      headers: {
        type: 'object',
        properties: {
          [EventHeaders.type]: { type: 'string', const: definition.type },
          [EventHeaders.version]: { type: 'string', const: String(definition.version) },
          [EventHeaders.traceparent]: { type: 'string', description: 'W3C trace context' },
          [EventHeaders.correlationId]: { type: 'string' },
        },
      },
      payload: {
        type: 'object',
        required: [...Object.keys(ENVELOPE_FIELDS), 'data'],
        properties: {
          ...ENVELOPE_FIELDS,
          type: { type: 'string', const: definition.type },
          version: { type: 'integer', const: definition.version },
          data: { $ref: `#/components/schemas/${definition.dataClass.name}` },
        },
      },
      bindings: { kafka: { key: { type: 'string', description: 'worker id' }, bindingVersion: '0.5.0' } },
    };
  }

  const channels: Record<string, Schema> = {};
  const operations: Record<string, Schema> = {};
  for (const topic of ALL_TOPICS) {
    const onTopic = definitions.filter((d) => d.topic === topic);
    const id = channelId(topic);
    channels[id] = {
      address: topic,
      description: `Events of ${topic}. Failed messages go to ${deadLetterTopic(topic)} with the reason in headers.`,
      messages: Object.fromEntries(onTopic.map((d) => [messageId(d), { $ref: `#/components/messages/${messageId(d)}` }])),
    };
    operations[`publish${id[0].toUpperCase()}${id.slice(1)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: `The ${topic.split('.')[0]} service publishes these events through its transactional outbox.`,
      messages: onTopic.map((d) => ({ $ref: `#/channels/${id}/messages/${messageId(d)}` })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Jaring events',
      version: appVersion,
      description:
        'Every Kafka topic and event of Jaring. Generated from libs/contracts; do not edit by hand. ' +
        'Key = worker id, value = the JSON envelope, delivered at least once: consumers deduplicate on `id`.',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The broker `npm start` runs.' } },
    channels,
    operations,
    components: { messages, schemas: dataSchemas(definitions) },
  };
}

export function renderAsyncApiYaml(catalog: EventCatalog, appVersion: string): string {
  return (
    '# Generated by `npm run asyncapi` from libs/contracts. Do not edit.\n' +
    stringify(buildAsyncApiDocument(catalog, appVersion), { lineWidth: 0 })
  );
}
