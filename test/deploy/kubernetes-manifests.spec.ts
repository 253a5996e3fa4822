import { execFileSync, spawnSync } from 'node:child_process';
import { ALL_TOPICS, deadLetterTopic } from '@jaring/contracts';
import { BaseServiceConfig, DatabaseSettings, FILE_SUFFIX, settingNames } from '@jaring/platform';
import { ClaimsConfig } from '../../apps/claims/src/claims.config';
import { ContributionsConfig } from '../../apps/contributions/src/contributions.config';
import { EnrollmentConfig } from '../../apps/enrollment/src/enrollment.config';
import { SubsidiesConfig } from '../../apps/subsidies/src/subsidies.config';
import { eventFlowsOf } from './event-flows';
import { kustomizeDir, parseManifests, readManifests, render, type Manifest } from './kustomize';
import { objectStoreProblems } from './object-store-shape';

/** Where kubernetes-models keeps each kind this project uses (ES modules only: loaded with import()). */
const MODEL_MODULES: Record<string, string> = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'policy/v1': 'kubernetes-models/policy/v1',
  'kafka.strimzi.io/v1': '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1',
  'postgresql.cnpg.io/v1': '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};

/** Each manifest against its kind's schema; the Barman Cloud plugin's ObjectStore, which has none published, by hand. */
async function validate(manifest: Manifest): Promise<void> {
  if (manifest.apiVersion === 'barmancloud.cnpg.io/v1') {
    const problems = objectStoreProblems(manifest);
    if (problems.length) throw new Error(`${manifest.kind}/${manifest.metadata.name}: ${problems.join('; ')}`);
    return;
  }
  const module = MODEL_MODULES[manifest.apiVersion];
  if (!module) throw new Error(`${manifest.kind}/${manifest.metadata.name}: no schema known for ${manifest.apiVersion}`);
  const models = (await import(module)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[manifest.kind];
  if (!Model) throw new Error(`${manifest.kind}/${manifest.metadata.name}: ${manifest.apiVersion} has no ${manifest.kind}`);
  new Model(manifest).validate();
}

const SERVICES = ['enrollment', 'contributions', 'subsidies', 'claims'];
const CONFIGS: Record<string, new () => BaseServiceConfig> = {
  enrollment: EnrollmentConfig,
  contributions: ContributionsConfig,
  subsidies: SubsidiesConfig,
  claims: ClaimsConfig,
};
/** Connections a database keeps besides the services' pools: people (psql), the metrics exporter, backups. */
const RESERVED_FOR_TOOLS = 15;

type Env = Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: Env;
  envFrom?: Array<{ configMapRef?: { name: string } }>;
  ports?: Array<{ name: string; containerPort: number }>;
  volumeMounts?: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
  securityContext?: Record<string, unknown>;
  [key: string]: unknown;
}
interface Volume {
  name: string;
  secret?: { secretName: string; items?: Array<{ key: string; path: string }> };
  emptyDir?: unknown;
}

const get = <T>(value: unknown, path: string): T =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], value) as T;
const ofKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);
const named = (manifests: Manifest[], kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const containersOf = (workload: Manifest) => get<Container[]>(workload, 'spec.template.spec.containers');
const initContainersOf = (workload: Manifest) => get<Container[] | undefined>(workload, 'spec.template.spec.initContainers') ?? [];
const volumesOf = (workload: Manifest) => get<Volume[] | undefined>(workload, 'spec.template.spec.volumes') ?? [];
const envValue = (container: Container, name: string) => container.env?.find((e) => e.name === name)?.value;

/** The secret and key a container's file setting (`<NAME>_FILE`) is read from, through its mounts and the pod's volumes. */
function secretBehindFile(workload: Manifest, container: Container, path: string): { secret: string; key: string } | undefined {
  const mount = container.volumeMounts?.find((m) => path.startsWith(`${m.mountPath}/`));
  if (!mount || mount.readOnly !== true) return undefined;
  const volume = volumesOf(workload).find((v) => v.name === mount.name);
  const item = volume?.secret?.items?.find((i) => `${mount.mountPath}/${i.path}` === path);
  return volume?.secret && item ? { secret: volume.secret.secretName, key: item.key } : undefined;
}

/** Every image of the manifests: containers', init containers', a CloudNativePG cluster's, a Strimzi component's. */
function imagesOf(manifests: Manifest[]): Array<{ where: string; image: string }> {
  const found: Array<{ where: string; image: string }> = [];
  const walk = (node: unknown, where: string, key?: string) => {
    if (typeof node === 'string' && (key === 'image' || key === 'imageName')) found.push({ where, image: node });
    else if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${where}[${i}]`));
    else if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) walk(v, `${where}.${k}`, k);
  };
  for (const manifest of manifests) walk(manifest, `${manifest.kind}/${manifest.metadata.name}`);
  return found;
}
const DIGEST = /^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)+@sha256:[0-9a-f]{64}$/;
const unpinned = (manifests: Manifest[]) => imagesOf(manifests).filter(({ image }) => !DIGEST.test(image));

/** The restore drill's recovery Cluster for a service, as its script prints it. */
function recoveryCluster(service: string, target: string): Manifest {
  const output = execFileSync('bash', [kustomizeDir('restore', 'restore-drill.sh'), '--print', service, target], { encoding: 'utf8' });
  const [cluster, ...rest] = parseManifests(output, 'restore-drill.sh --print');
  expect(rest).toEqual([]);
  return cluster;
}

describe.each([
  ['base', kustomizeDir('base')],
  ['production', kustomizeDir('overlays', 'production')],
])('Kubernetes manifests rendered by kustomize: %s', (_name, dir) => {
  const manifests = render(dir);
  const deploymentOf = (service: string) => named(manifests, 'Deployment', `jaring-${service}`);
  const serviceContainer = (service: string) => containersOf(deploymentOf(service))[0];
  const clusterOf = (service: string) => named(manifests, 'Cluster', `jaring-${service}-db`);

  it('are each valid against the Kubernetes, Strimzi, CloudNativePG and Prometheus Operator schemas (the ObjectStore by hand)', async () => {
    const errors: string[] = [];
    for (const manifest of manifests) await validate(manifest).catch((e: Error) => errors.push(e.message));
    expect(errors).toEqual([]);
    expect(manifests.length).toBeGreaterThan(40);
  });

  it('probe each service: started when it listens, ready when its database answers, alive while the process runs', () => {
    for (const service of SERVICES) {
      const container = serviceContainer(service);
      expect([
        service,
        get(container, 'startupProbe.httpGet.path'),
        get(container, 'readinessProbe.httpGet.path'),
        get(container, 'livenessProbe.httpGet.path'),
      ]).toEqual([service, '/health/live', '/health/ready', '/health/live']);
      // the start may wait for the topics: the startup probe gives it minutes, the liveness probe takes over after
      expect(
        get<number>(container, 'startupProbe.periodSeconds') * get<number>(container, 'startupProbe.failureThreshold'),
      ).toBeGreaterThanOrEqual(300);
      expect(envValue(container, 'RUN_MIGRATIONS')).toBe('false');
    }
  });

  it('migrate before each pod starts, in an init container that is given the database settings and nothing else', () => {
    const databaseSettings = settingNames(DatabaseSettings);
    for (const service of SERVICES) {
      const deployment = deploymentOf(service);
      const [migrate, ...others] = initContainersOf(deployment);
      expect(others).toEqual([]);
      expect(migrate.image).toBe(serviceContainer(service).image);
      expect(migrate.command).toEqual(['node', `dist/apps/${service}/src/migrate.js`]);
      expect(migrate.envFrom).toBeUndefined();
      for (const { name } of migrate.env ?? []) {
        expect([name, databaseSettings.includes(name) || databaseSettings.includes(name.slice(0, -FILE_SUFFIX.length))]).toEqual([
          name,
          true,
        ]);
      }
      const mounted = (migrate.volumeMounts ?? []).map(
        (mount) => volumesOf(deployment).find((v) => v.name === mount.name)?.secret?.secretName,
      );
      expect(mounted.sort()).toEqual([`jaring-${service}-db-app`, `jaring-${service}-db-ca`]);
    }
  });

  it('read every secret from a file of a mounted secret (<NAME>_FILE), each service only the keys its configuration reads', () => {
    const documented = Object.keys(
      get<Record<string, string>>(readManifests(kustomizeDir('base', 'secrets.example.yaml'))[0], 'stringData'),
    );
    const ownSettings = new Set(settingNames(BaseServiceConfig));
    for (const service of SERVICES) {
      const deployment = deploymentOf(service);
      for (const container of [...initContainersOf(deployment), ...containersOf(deployment)]) {
        expect((container.env ?? []).filter((e) => e.valueFrom)).toEqual([]);
        for (const { name, value } of (container.env ?? []).filter((e) => e.name.endsWith(FILE_SUFFIX) && e.name !== 'KAFKA_TLS_CA_FILE')) {
          expect([name, secretBehindFile(deployment, container, value!)]).toEqual([
            name,
            expect.objectContaining({ secret: expect.any(String) }),
          ]);
        }
      }
      const container = serviceContainer(service);
      const fromSharedSecret = (container.env ?? [])
        .map((e) => ({
          name: e.name.replace(new RegExp(`${FILE_SUFFIX}$`), ''),
          source: e.value && secretBehindFile(deployment, container, e.value),
        }))
        .filter((e) => e.source && e.source.secret === 'jaring-secrets');
      for (const { name, source } of fromSharedSecret) expect([name, source && source.key]).toEqual([name, name]);
      const keysItReads = settingNames(CONFIGS[service]).filter((name) => !ownSettings.has(name) && name.endsWith('_KEY'));
      expect([service, fromSharedSecret.map((e) => e.name).sort()]).toEqual([service, keysItReads.sort()]);
      for (const { name } of fromSharedSecret) expect(documented).toContain(name);
      // the database: the operator's secret and CA, verified (DATABASE_CA_FILE)
      expect(secretBehindFile(deployment, container, envValue(container, 'DATABASE_URL_FILE')!)).toEqual({
        secret: `jaring-${service}-db-app`,
        key: 'uri',
      });
      expect(secretBehindFile(deployment, container, envValue(container, 'DATABASE_CA_FILE')!)).toEqual({
        secret: `jaring-${service}-db-ca`,
        key: 'ca.crt',
      });
      expect(get(clusterOf(service), 'spec.bootstrap.initdb.database')).toBe(envValue(container, 'DATABASE_NAME'));
    }
  });

  it('run pods locked down: no service account token, seccomp, no capabilities, non-root, read-only, spread over zones', () => {
    for (const service of SERVICES) {
      const deployment = deploymentOf(service);
      const pod = get<Record<string, unknown>>(deployment, 'spec.template.spec');
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const container of [...initContainersOf(deployment), ...containersOf(deployment)]) {
        expect([service, container.name, container.securityContext]).toEqual([
          service,
          container.name,
          {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          },
        ]);
      }
      const spread = get<Array<{ topologyKey: string; labelSelector: { matchLabels: Record<string, string> } }>>(
        pod,
        'topologySpreadConstraints',
      );
      expect(spread.find((c) => c.topologyKey === 'topology.kubernetes.io/zone')?.labelSelector.matchLabels).toEqual(
        get(deployment, 'spec.selector.matchLabels'),
      );
    }
  });

  it('leave the replica count to the autoscaler, which scales down slowly, and let one pod at a time be disrupted', () => {
    for (const service of SERVICES) {
      const deployment = deploymentOf(service);
      const hpa = named(manifests, 'HorizontalPodAutoscaler', `jaring-${service}`);
      expect(get(hpa, 'spec.scaleTargetRef')).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
      expect(get(deployment, 'spec.replicas')).toBeUndefined();
      expect(get<number>(hpa, 'spec.behavior.scaleDown.stabilizationWindowSeconds')).toBeGreaterThanOrEqual(300);
      const pdb = named(manifests, 'PodDisruptionBudget', `jaring-${service}`);
      expect(get(pdb, 'spec')).toEqual({ maxUnavailable: 1, selector: { matchLabels: get(deployment, 'spec.selector.matchLabels') } });
    }
  });

  it('fit every pool into its database: (HPA maxReplicas + maxSurge) x DATABASE_POOL_SIZE + reserved <= max_connections', () => {
    for (const service of SERVICES) {
      const deployment = deploymentOf(service);
      const maxReplicas = get<number>(named(manifests, 'HorizontalPodAutoscaler', `jaring-${service}`), 'spec.maxReplicas');
      const maxSurge = get<number>(deployment, 'spec.strategy.rollingUpdate.maxSurge');
      expect(typeof maxSurge).toBe('number'); // a percentage would make the count depend on the replicas
      const pool = Number(envValue(serviceContainer(service), 'DATABASE_POOL_SIZE'));
      const parameters = get<Record<string, string>>(clusterOf(service), 'spec.postgresql.parameters');
      const needed = (maxReplicas + maxSurge) * pool + Number(parameters.superuser_reserved_connections) + RESERVED_FOR_TOOLS;
      expect([service, needed <= Number(parameters.max_connections)]).toEqual([service, true]);
      expect(pool).toBeGreaterThanOrEqual(2);
    }
  });

  it('run each database as three instances, synchronously replicated, Guaranteed, on its storage class, pinned, monitored', () => {
    const monitored = get<Array<{ key: string; values: string[] }>>(
      named(manifests, 'PodMonitor', 'jaring-databases'),
      'spec.selector.matchExpressions',
    );
    for (const service of SERVICES) {
      const cluster = clusterOf(service);
      expect(get(cluster, 'spec.instances')).toBe(3);
      expect(get(cluster, 'spec.postgresql.synchronous')).toEqual({ method: 'any', number: 1 });
      const resources = get<{ requests: Record<string, string>; limits: Record<string, string> }>(cluster, 'spec.resources');
      expect(Object.keys(resources.requests).sort()).toEqual(['cpu', 'memory']);
      expect(resources.limits).toEqual(resources.requests);
      expect(get<string>(cluster, 'spec.storage.storageClass')).toBeTruthy();
      expect(get(cluster, 'spec.walStorage.storageClass')).toBe(get(cluster, 'spec.storage.storageClass'));
      // an exact release (or a digest): never a moving tag such as 18 or latest
      expect(get<string>(cluster, 'spec.imageName')).toMatch(
        /^ghcr\.io\/cloudnative-pg\/postgresql(:\d+\.\d+-[a-z]+-[a-z]+|@sha256:[0-9a-f]{64})$/,
      );
      expect(get(cluster, 'spec.affinity.topologyKey')).toBe('topology.kubernetes.io/zone');
      expect(monitored.find((e) => e.key === 'cnpg.io/cluster')?.values).toContain(cluster.metadata.name);
      expect(get(cluster, 'spec.monitoring.enablePodMonitor')).toBeUndefined(); // deprecated: the PodMonitor above instead
    }
  });

  it('archive every database’s WAL and back it up nightly through the Barman Cloud plugin, kept for a retention period', () => {
    const stores = ofKind(manifests, 'ObjectStore');
    for (const service of SERVICES) {
      const cluster = clusterOf(service);
      expect(get(cluster, 'spec.backup')).toBeUndefined(); // the in-tree barmanObjectStore is deprecated
      const [plugin, ...others] = get<Array<{ name: string; isWALArchiver?: boolean; parameters: { barmanObjectName: string } }>>(
        cluster,
        'spec.plugins',
      );
      expect(others).toEqual([]);
      expect(plugin).toMatchObject({ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true });
      const store = stores.find((s) => s.metadata.name === plugin.parameters.barmanObjectName)!;
      expect(get<string>(store, 'spec.retentionPolicy')).toMatch(/^[1-9][0-9]*[dwm]$/);
      const schedules = ofKind(manifests, 'ScheduledBackup').filter((b) => get(b, 'spec.cluster.name') === cluster.metadata.name);
      expect(schedules.map((b) => ({ method: get(b, 'spec.method'), plugin: get(b, 'spec.pluginConfiguration.name') }))).toEqual([
        { method: 'plugin', plugin: 'barman-cloud.cloudnative-pg.io' },
      ]);
      // six fields, seconds first, at least once a day
      expect(get<string>(schedules[0], 'spec.schedule')).toMatch(/^\d+ \d+ \d+ \* \* \*$/);
    }
  });

  it('declare every topic of the event catalog and its dead-letter topic, replicated 3 times with min.insync.replicas 2', () => {
    const topics = ofKind(manifests, 'KafkaTopic');
    expect(topics.map((t) => get<string>(t, 'spec.topicName')).sort()).toEqual(ALL_TOPICS.flatMap((t) => [t, deadLetterTopic(t)]).sort());
    for (const topic of topics) {
      expect(get(topic, 'spec.replicas')).toBe(3);
      expect(get(topic, 'spec.config')).toMatchObject({ 'min.insync.replicas': 2 });
      expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe('jaring');
    }
    const config = named(manifests, 'ConfigMap', 'jaring-config');
    expect(get(config, 'data.KAFKA_CREATE_TOPICS')).toBe('false');
  });

  it('never scale a consumer group beyond its topics’ partitions', () => {
    const fewestPartitions = Math.min(...ofKind(manifests, 'KafkaTopic').map((t) => get<number>(t, 'spec.partitions')));
    for (const hpa of ofKind(manifests, 'HorizontalPodAutoscaler')) {
      expect(get<number>(hpa, 'spec.maxReplicas')).toBeLessThanOrEqual(fewestPartitions);
      expect(get<number>(hpa, 'spec.minReplicas')).toBeLessThanOrEqual(get<number>(hpa, 'spec.maxReplicas'));
    }
  });

  it('run Kafka rack-aware by zone, sized, with broker metrics and consumer lag exported, and no annotation Strimzi ignores', () => {
    const [kafka] = ofKind(manifests, 'Kafka');
    expect(get(kafka, 'spec.kafka.rack')).toEqual({ topologyKey: 'topology.kubernetes.io/zone' });
    expect(Object.keys(kafka.metadata.annotations ?? {}).filter((a) => a.startsWith('strimzi.io/'))).toEqual([]);
    const metrics = get<{ type: string; valueFrom: { configMapKeyRef: { name: string; key: string } } }>(kafka, 'spec.kafka.metricsConfig');
    expect(metrics.type).toBe('jmxPrometheusExporter');
    const metricsConfig = get<Record<string, string>>(named(manifests, 'ConfigMap', metrics.valueFrom.configMapKeyRef.name), 'data');
    const rules = metricsConfig[metrics.valueFrom.configMapKeyRef.key];
    expect(rules).toContain('rules:');
    const groupRegex = new RegExp(get<string>(kafka, 'spec.kafkaExporter.groupRegex'));
    for (const service of SERVICES) expect(groupRegex.test(eventFlowsOf(service).group)).toBe(true);
    for (const pool of ofKind(manifests, 'KafkaNodePool')) {
      const resources = get<{ requests: Record<string, string>; limits: Record<string, string> }>(pool, 'spec.resources');
      expect(resources.limits).toEqual(resources.requests);
      const heap = get<Record<string, string>>(pool, 'spec.jvmOptions');
      expect(heap['-Xms']).toBe(heap['-Xmx']);
      // the heap at most half the container: the rest is the page cache consumers read from
      expect(gibibytes(heap['-Xmx']) * 2).toBeLessThanOrEqual(gibibytes(resources.limits.memory));
    }
  });

  it('scrape each service on its management port, where production serves /metrics (the public port answers 404)', () => {
    const monitor = named(manifests, 'PodMonitor', 'jaring-services');
    expect(get(monitor, 'spec.podMetricsEndpoints')).toEqual([{ port: 'management', path: '/metrics' }]);
    for (const service of SERVICES) {
      const deployment = deploymentOf(service);
      const ports = serviceContainer(service).ports!;
      expect(ports.find((port) => port.name === 'management')?.containerPort).toBe(9100);
      expect(get<Array<{ values: string[] }>>(monitor, 'spec.selector.matchExpressions')[0].values).toContain(deployment.metadata.name);
    }
  });

  it('alert on Kafka out of reach, consumer lag, the outbox backlog and dead letters', () => {
    const rules = get<Array<{ rules: Array<{ alert: string; expr: string }> }>>(
      named(manifests, 'PrometheusRule', 'jaring'),
      'spec.groups',
    ).flatMap((group) => group.rules);
    const exprOf = (alert: string) => rules.find((rule) => rule.alert === alert)?.expr;
    expect(exprOf('JaringKafkaUnreachable')).toContain('jaring_kafka_connected');
    expect(exprOf('JaringConsumerLag')).toContain('kafka_consumergroup_lag');
    expect(exprOf('JaringOutboxBacklog')).toContain('jaring_outbox_backlog');
    expect(exprOf('JaringEventsDeadLettered')).toContain('jaring_events_dead_lettered_total');
  });

  it('point every service at an OpenID provider over https, reading its claims where the services expect them', () => {
    const data = get<Record<string, string>>(named(manifests, 'ConfigMap', 'jaring-config'), 'data');
    expect(new URL(data.OIDC_ISSUER).protocol).toBe('https:');
    const defaults = new BaseServiceConfig();
    expect(data).toMatchObject({
      OIDC_AUDIENCE: defaults.OIDC_AUDIENCE,
      OIDC_ROLES_CLAIM: defaults.OIDC_ROLES_CLAIM,
      OIDC_REGIONS_CLAIM: defaults.OIDC_REGIONS_CLAIM,
      OIDC_CHANNEL_CLAIM: defaults.OIDC_CHANNEL_CLAIM,
      OIDC_FUNDER_CLAIM: new SubsidiesConfig().OIDC_FUNDER_CLAIM,
    });
    expect(defaults.OIDC_ROLES_CLAIM).toBe('realm_access.roles');
    for (const service of SERVICES)
      expect(serviceContainer(service).envFrom!.map((source) => source.configMapRef?.name)).toContain('jaring-config');
  });

  it('hold no shared token secret or operator key: callers are known by the identity provider’s tokens', () => {
    const example = JSON.stringify(readManifests(kustomizeDir('base', 'secrets.example.yaml')));
    for (const text of [JSON.stringify(manifests), example]) expect(text).not.toMatch(/JWT_SECRET|ADMIN_API_KEY/);
  });
});

function gibibytes(quantity: string): number {
  const match = /^(\d+)(Gi|g|Mi|m)$/.exec(quantity);
  if (!match) throw new Error(`unexpected quantity ${quantity}`);
  return Number(match[1]) / (match[2] === 'Gi' || match[2] === 'g' ? 1 : 1024);
}

describe('the checks themselves', () => {
  const base = render(kustomizeDir('base'));

  it('reject a manifest with a wrongly typed field, and an ObjectStore of the wrong shape', async () => {
    const [deployment] = ofKind(base, 'Deployment');
    await expect(validate({ ...deployment, spec: { ...(deployment.spec as object), replicas: 'three' } })).rejects.toThrow(/replicas/);
    const [topic] = ofKind(base, 'KafkaTopic');
    await expect(validate({ ...topic, spec: { ...(topic.spec as object), partitions: -1 } })).rejects.toThrow(/partitions/);
    const [store] = ofKind(base, 'ObjectStore');
    const configuration = get<Record<string, unknown>>(store, 'spec.configuration');
    const wrong = {
      ...store,
      spec: { retentionPolicy: '30 days', configuration: { ...configuration, serverName: 'x', wal: { compression: 'rar' } } },
    };
    expect(objectStoreProblems(wrong)).toEqual([
      'spec.configuration.serverName is not a field of ObjectStore',
      'spec.retentionPolicy must be like 30d, 4w or 3m',
      'spec.configuration.wal.compression must be one of bzip2, gzip, lz4, snappy, xz, zstd',
    ]);
  });

  it('find every image, an init container’s and PostgreSQL’s too, and tell a digest from a tag', () => {
    const tagged = unpinned(base).map(({ where }) => where.replace(/\[\d+\]/g, '[]'));
    expect(new Set(tagged)).toEqual(
      new Set([
        'Deployment/jaring-enrollment.spec.template.spec.initContainers[].image',
        'Deployment/jaring-enrollment.spec.template.spec.containers[].image',
        'Deployment/jaring-contributions.spec.template.spec.initContainers[].image',
        'Deployment/jaring-contributions.spec.template.spec.containers[].image',
        'Deployment/jaring-subsidies.spec.template.spec.initContainers[].image',
        'Deployment/jaring-subsidies.spec.template.spec.containers[].image',
        'Deployment/jaring-claims.spec.template.spec.initContainers[].image',
        'Deployment/jaring-claims.spec.template.spec.containers[].image',
        ...SERVICES.map((service) => `Cluster/jaring-${service}-db.spec.imageName`),
      ]),
    );
    expect(
      unpinned([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { image: `ghcr.io/a/b@sha256:${'a'.repeat(64)}` } }]),
    ).toEqual([]);
  });
});

describe('the production overlay', () => {
  const manifests = render(kustomizeDir('overlays', 'production'));

  it('puts everything in the jaring namespace and pins every image by its digest', () => {
    expect(manifests.filter((m) => m.kind !== 'Namespace').every((m) => m.metadata.namespace === 'jaring')).toBe(true);
    expect(imagesOf(manifests).length).toBeGreaterThanOrEqual(12);
    expect(unpinned(manifests)).toEqual([]);
    expect(ofKind(manifests, 'KafkaTopic').every((t) => get(t, 'spec.partitions') === 12)).toBe(true);
  });
});

describe('the restore drill', () => {
  const production = render(kustomizeDir('overlays', 'production'));
  const base = render(kustomizeDir('base'));

  it.each(SERVICES)(
    'recovers %s’s database from its backups to the time asked, beside the live one, archiving nothing',
    async (service) => {
      const live = named(production, 'Cluster', `jaring-${service}-db`);
      const recovery = recoveryCluster(service, '2026-11-02T03:00:00+07:00');
      await validate(recovery);
      expect(recovery.metadata).toMatchObject({ name: `jaring-${service}-db-restore`, namespace: 'jaring' });
      const bootstrap = get<{ source: string; database: string; owner: string; recoveryTarget: { targetTime: string } }>(
        recovery,
        'spec.bootstrap.recovery',
      );
      expect(bootstrap).toEqual({
        source: live.metadata.name,
        database: get(live, 'spec.bootstrap.initdb.database'),
        owner: get(live, 'spec.bootstrap.initdb.owner'),
        recoveryTarget: { targetTime: '2026-11-02T03:00:00+07:00' },
      });
      const [livePlugin] = get<Array<{ parameters: { barmanObjectName: string } }>>(live, 'spec.plugins');
      expect(get(recovery, 'spec.externalClusters')).toEqual([
        {
          name: live.metadata.name,
          plugin: {
            name: 'barman-cloud.cloudnative-pg.io',
            parameters: { barmanObjectName: livePlugin.parameters.barmanObjectName, serverName: live.metadata.name },
          },
        },
      ]);
      expect(get(recovery, 'spec.plugins')).toBeUndefined();
      expect(get(recovery, 'spec.storage')).toEqual(get(live, 'spec.storage'));
      expect(get(recovery, 'spec.walStorage')).toEqual(get(live, 'spec.walStorage'));
      expect(get(recovery, 'spec.imageName')).toBe(get(named(base, 'Cluster', `jaring-${service}-db`), 'spec.imageName'));
    },
  );

  it('refuses a service it does not know and a time without its zone', () => {
    for (const args of [
      ['payments', '2026-11-02T03:00:00Z'],
      ['claims', '2026-11-02 03:00'],
    ]) {
      const run = spawnSync('bash', [kustomizeDir('restore', 'restore-drill.sh'), '--print', ...args], { encoding: 'utf8' });
      expect([run.status, run.stdout]).toEqual([2, '']);
      expect(run.stderr).toMatch(args[0] === 'payments' ? /^usage: / : /^the target time must be RFC 3339 with its zone/);
    }
  });
});

interface Acl {
  type?: string;
  host?: string;
  resource: { type: string; name: string; patternType?: string };
  operations: string[];
}

/** A KafkaUser's rights as `<resource type> <name> <operation>` lines, each checked to be a plain allow on a literal name from anywhere. */
function rightsOf(user: Manifest): string[] {
  return get<Acl[]>(user, 'spec.authorization.acls').flatMap((acl) => {
    expect({ type: acl.type ?? 'allow', host: acl.host ?? '*', patternType: acl.resource.patternType ?? 'literal' }).toEqual({
      type: 'allow',
      host: '*',
      patternType: 'literal',
    });
    return acl.operations.map((operation) => `${acl.resource.type} ${acl.resource.name} ${operation}`);
  });
}

describe('Kafka security in the production overlay', () => {
  const manifests = render(kustomizeDir('overlays', 'production'));
  const flows = new Map(SERVICES.map((service) => [service, eventFlowsOf(service)]));
  const deploymentOf = (service: string) => named(manifests, 'Deployment', `jaring-${service}`);

  it('finds in the code what each service announces and consumes (the source the rights are checked against)', () => {
    const produced = new Set([...flows.values()].flatMap((flow) => flow.produces));
    for (const [service, flow] of flows) {
      expect(flow.produces.length).toBeGreaterThan(0);
      expect(flow.consumes.length).toBeGreaterThan(0);
      // a service consumes only what another one announces
      for (const topic of flow.consumes) {
        expect(produced).toContain(topic);
        expect(flow.produces).not.toContain(topic);
      }
      expect(flow.group).toBe(`jaring-${service}`);
    }
  });

  it('gives every service a KafkaUser, by SCRAM-SHA-512, with exactly the rights its events need', () => {
    const users = ofKind(manifests, 'KafkaUser');
    expect(users.map((user) => user.metadata.name).sort()).toEqual(SERVICES.map((service) => `jaring-${service}`).sort());
    for (const [service, flow] of flows) {
      const user = named(manifests, 'KafkaUser', `jaring-${service}`);
      expect(user.metadata.labels?.['strimzi.io/cluster']).toBe('jaring');
      expect(get(user, 'spec.authentication.type')).toBe('scram-sha-512');
      expect(get(user, 'spec.authorization.type')).toBe('simple');
      const expected = [
        ...flow.produces.flatMap((topic) => [`topic ${topic} Write`, `topic ${topic} Describe`]),
        ...flow.consumes.flatMap((topic) => [`topic ${topic} Read`, `topic ${topic} Describe`]),
        ...flow.deadLetters.flatMap((topic) => [`topic ${topic} Write`, `topic ${topic} Describe`]),
        `group ${flow.group} Read`,
      ];
      expect(rightsOf(user).sort()).toEqual(expected.sort());
    }
  });

  it('names only topics the cluster declares', () => {
    const declared = ofKind(manifests, 'KafkaTopic').map((topic) => get<string>(topic, 'spec.topicName'));
    const namedTopics = ofKind(manifests, 'KafkaUser').flatMap((user) =>
      get<Acl[]>(user, 'spec.authorization.acls')
        .filter((acl) => acl.resource.type === 'topic')
        .map((acl) => acl.resource.name),
    );
    expect(namedTopics.filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('lets clients in only over TLS with SCRAM-SHA-512, with ACLs enforced and the User Operator running', () => {
    const [kafka] = ofKind(manifests, 'Kafka');
    const listeners = get<Array<{ name: string; port: number; tls: boolean; authentication?: { type: string } }>>(
      kafka,
      'spec.kafka.listeners',
    );
    expect(listeners.length).toBeGreaterThan(0);
    for (const listener of listeners)
      expect({ tls: listener.tls, authentication: listener.authentication?.type }).toEqual({ tls: true, authentication: 'scram-sha-512' });
    expect(get(kafka, 'spec.kafka.authorization')).toEqual({ type: 'simple' });
    expect(get(kafka, 'spec.entityOperator.userOperator')).toBeDefined();
    const config = named(manifests, 'ConfigMap', 'jaring-config');
    expect(get(config, 'data.KAFKA_BROKERS')).toBe(`${kafka.metadata.name}-kafka-bootstrap:${listeners[0].port}`);
    expect(get(config, 'data.KAFKA_CREATE_TOPICS')).toBe('false');
  });

  it('signs each service in as its own KafkaUser over TLS, trusting the cluster CA, its password a file', () => {
    const [kafka] = ofKind(manifests, 'Kafka');
    for (const service of SERVICES) {
      const deployment = deploymentOf(service);
      const [container] = containersOf(deployment);
      expect(envValue(container, 'KAFKA_TLS')).toBe('true');
      expect(envValue(container, 'KAFKA_SASL_MECHANISM')).toBe('scram-sha-512');
      expect(envValue(container, 'KAFKA_SASL_USERNAME')).toBe(`jaring-${service}`);
      expect(secretBehindFile(deployment, container, envValue(container, 'KAFKA_SASL_PASSWORD_FILE')!)).toEqual({
        secret: `jaring-${service}`,
        key: 'password',
      });
      expect(secretBehindFile(deployment, container, envValue(container, 'KAFKA_TLS_CA_FILE')!)).toEqual({
        secret: `${kafka.metadata.name}-cluster-ca-cert`,
        key: 'ca.crt',
      });
      // the migration never talks to Kafka and gets no Kafka setting
      for (const init of initContainersOf(deployment)) expect((init.env ?? []).filter((e) => e.name.startsWith('KAFKA_'))).toEqual([]);
    }
  });
});
