import type { Manifest } from './kustomize';

/**
 * The shape of a Barman Cloud plugin `ObjectStore` (barmancloud.cnpg.io/v1), checked by hand: no
 * kubernetes-models package has its schema. What it checks is the plugin's CRD for the fields this project
 * uses: the keys each object may have (a misspelt key is an error, as the API server's strict validation would
 * say), the required ones, the enums of compression and encryption, the retention pattern, and that
 * `serverName` is left to the Cluster (the plugin refuses it here). Returns the problems, none when it is right.
 */
const SHAPE: Record<string, readonly string[]> = {
  spec: ['configuration', 'instanceSidecarConfiguration', 'retentionPolicy'],
  'spec.configuration': [
    'azureCredentials',
    'data',
    'destinationPath',
    'endpointCA',
    'endpointURL',
    'googleCredentials',
    'historyTags',
    's3Credentials',
    'tags',
    'wal',
  ],
  'spec.configuration.s3Credentials': ['accessKeyId', 'inheritFromIAMRole', 'region', 'secretAccessKey', 'sessionToken'],
  'spec.configuration.wal': ['archiveAdditionalCommandArgs', 'compression', 'encryption', 'maxParallel', 'restoreAdditionalCommandArgs'],
  'spec.configuration.data': [
    'additionalCommandArgs',
    'compression',
    'encryption',
    'immediateCheckpoint',
    'jobs',
    'restoreAdditionalCommandArgs',
  ],
};
const ENUMS: Record<string, readonly string[]> = {
  'spec.configuration.wal.compression': ['bzip2', 'gzip', 'lz4', 'snappy', 'xz', 'zstd'],
  'spec.configuration.data.compression': ['bzip2', 'gzip', 'lz4', 'snappy'],
  'spec.configuration.wal.encryption': ['AES256', 'aws:kms'],
  'spec.configuration.data.encryption': ['AES256', 'aws:kms'],
};
const POSITIVE = ['spec.configuration.wal.maxParallel', 'spec.configuration.data.jobs'];

const at = (object: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], object);
const isSecretKeyRef = (value: unknown) =>
  typeof value === 'object' && value !== null && typeof at(value, 'name') === 'string' && typeof at(value, 'key') === 'string';

export function objectStoreProblems(store: Manifest): string[] {
  const problems: string[] = [];
  if (store.apiVersion !== 'barmancloud.cnpg.io/v1' || store.kind !== 'ObjectStore')
    problems.push(`not an ObjectStore: ${store.apiVersion} ${store.kind}`);
  for (const [path, keys] of Object.entries(SHAPE)) {
    const object = at(store, path);
    if (object === undefined) continue;
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      problems.push(`${path} must be an object`);
      continue;
    }
    for (const key of Object.keys(object)) if (!keys.includes(key)) problems.push(`${path}.${key} is not a field of ObjectStore`);
  }
  const destination = at(store, 'spec.configuration.destinationPath');
  if (typeof destination !== 'string' || !/^(s3|gs|https?):\/\/[^/]+/.test(destination))
    problems.push('spec.configuration.destinationPath must be an s3://, gs:// or https:// URL');
  const retention = at(store, 'spec.retentionPolicy');
  if (retention !== undefined && (typeof retention !== 'string' || !/^[1-9][0-9]*[dwm]$/.test(retention))) {
    problems.push('spec.retentionPolicy must be like 30d, 4w or 3m');
  }
  for (const [path, values] of Object.entries(ENUMS)) {
    const value = at(store, path);
    if (value !== undefined && !values.includes(value as string)) problems.push(`${path} must be one of ${values.join(', ')}`);
  }
  for (const path of POSITIVE) {
    const value = at(store, path);
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 1)) problems.push(`${path} must be an integer from 1`);
  }
  const credentials = at(store, 'spec.configuration.s3Credentials');
  if (credentials !== undefined && at(credentials, 'inheritFromIAMRole') !== true) {
    for (const key of ['accessKeyId', 'secretAccessKey']) {
      if (!isSecretKeyRef(at(credentials, key))) problems.push(`spec.configuration.s3Credentials.${key} must name a secret and its key`);
    }
  }
  return problems;
}
