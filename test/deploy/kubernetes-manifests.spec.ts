import { BaseServiceConfig } from '@jaring/platform';
import { SubsidiesConfig } from '../../apps/subsidies/src/subsidies.config';
import { eventFlowsOf } from './event-flows';
import { readManifests, build, kustomizeDir, type Manifest } from './kustomize-lite';

/** Where kubernetes-models keeps each kind this project uses (ES modules only: loaded with import()). */
const MODEL_MODULES: Record<string, string> = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'batch/v1': 'kubernetes-models/batch/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'policy/v1': 'kubernetes-models/policy/v1',
  'kafka.strimzi.io/v1beta2': '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2',
  'postgresql.cnpg.io/v1': '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1',
};

async function validate(manifest: Manifest): Promise<void> {
  const module = MODEL_MODULES[manifest.apiVersion];
  if (!module) throw new Error(`${manifest.kind}/${manifest.metadata.name}: no schema known for ${manifest.apiVersion}`);
  const models = (await import(module)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[manifest.kind];
  if (!Model) throw new Error(`${manifest.kind}/${manifest.metadata.name}: ${manifest.apiVersion} has no ${manifest.kind}`);
  new Model(manifest).validate();
}

const SERVICES = ['enrollment', 'contributions', 'subsidies', 'claims'];
const get = <T>(value: unknown, path: string): T =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], value) as T;
const ofKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);

describe.each([
  ['base', kustomizeDir('base')],
  ['production', kustomizeDir('overlays', 'production')],
])('Kubernetes manifests: %s', (_name, dir) => {
  const manifests = build(dir);

  it('are each valid against the Kubernetes, Strimzi and CloudNativePG schemas', async () => {
    const errors: string[] = [];
    for (const manifest of manifests) await validate(manifest).catch((e: Error) => errors.push(e.message));
    expect(errors).toEqual([]);
    expect(manifests.length).toBeGreaterThan(30);
  });

  it('run each service with readiness on /health, its own database, and a migration job', () => {
    for (const service of SERVICES) {
      const deployment = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === `jaring-${service}`)!;
      const container = get<Array<Record<string, unknown>>>(deployment, 'spec.template.spec.containers')[0];
      expect(get(container, 'readinessProbe.httpGet.path')).toBe('/health');
      const env = container.env as Array<{ name: string; value?: string; valueFrom?: unknown }>;
      expect(
        get(
          env.find((e) => e.name === 'DATABASE_URL'),
          'valueFrom.secretKeyRef.name',
        ),
      ).toBe(`jaring-${service}-db-app`);
      expect(env.find((e) => e.name === 'RUN_MIGRATIONS')?.value).toBe('false');
      expect(manifests.some((m) => m.kind === 'Cluster' && get(m, 'spec.bootstrap.initdb.database') === `jaring_${service}`)).toBe(true);
      const job = manifests.find((m) => m.kind === 'Job' && m.metadata.name === `jaring-${service}-migrate`)!;
      expect(get<Array<{ command: string[] }>>(job, 'spec.template.spec.containers')[0].command).toContain(
        `dist/apps/${service}/src/migrate.js`,
      );
    }
  });

  it('scrape each service on its management port, where production serves /metrics (the public port answers 404)', () => {
    for (const service of SERVICES) {
      const deployment = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === `jaring-${service}`)!;
      const container = get<Array<Record<string, unknown>>>(deployment, 'spec.template.spec.containers')[0];
      const ports = container.ports as Array<{ name: string; containerPort: number }>;
      expect(ports.find((port) => port.name === 'management')?.containerPort).toBe(9100);
      expect(get(deployment, 'spec.template.metadata.annotations')).toMatchObject({
        'prometheus.io/port': '9100',
        'prometheus.io/path': '/metrics',
      });
    }
  });

  it('keep every topic replicated 3 times with min.insync.replicas 2, each with a dead-letter topic', () => {
    const topics = ofKind(manifests, 'KafkaTopic');
    expect(topics).toHaveLength(12);
    for (const topic of topics) {
      expect(get(topic, 'spec.replicas')).toBe(3);
      expect(get(topic, 'spec.config')).toMatchObject({ 'min.insync.replicas': 2 });
    }
    const names = topics.map((t) => get<string>(t, 'spec.topicName'));
    for (const name of names.filter((n) => !n.endsWith('.dlq'))) expect(names).toContain(`${name}.dlq`);
  });

  it('never scale a consumer group beyond its topics’ partitions', () => {
    const fewestPartitions = Math.min(...ofKind(manifests, 'KafkaTopic').map((t) => get<number>(t, 'spec.partitions')));
    for (const hpa of ofKind(manifests, 'HorizontalPodAutoscaler')) {
      expect(get<number>(hpa, 'spec.maxReplicas')).toBeLessThanOrEqual(fewestPartitions);
      expect(get<number>(hpa, 'spec.minReplicas')).toBeLessThanOrEqual(get<number>(hpa, 'spec.maxReplicas'));
    }
  });

  it('point every service at an OpenID provider over https, reading its claims where the services expect them', () => {
    const config = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'jaring-config')!;
    const data = get<Record<string, string>>(config, 'data');
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
    for (const workload of manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'Job')) {
      const container = get<Array<{ envFrom: Array<{ configMapRef?: { name: string } }> }>>(workload, 'spec.template.spec.containers')[0];
      expect(container.envFrom.map((source) => source.configMapRef?.name)).toContain('jaring-config');
    }
  });

  it('hold no shared token secret or operator key: callers are known by the identity provider’s tokens', () => {
    const example = JSON.stringify(readManifests(kustomizeDir('base', 'secrets.example.yaml')));
    for (const text of [JSON.stringify(manifests), example]) expect(text).not.toMatch(/JWT_SECRET|ADMIN_API_KEY/);
  });

  it('read secrets only from keys the example secret documents', () => {
    const documented = Object.keys(
      get<Record<string, string>>(readManifests(kustomizeDir('base', 'secrets.example.yaml'))[0], 'stringData'),
    );
    const referenced = JSON.stringify(manifests).match(/"name":"jaring-secrets","key":"([A-Z_]+)"/g) ?? [];
    expect(referenced.length).toBeGreaterThan(0);
    for (const ref of referenced) expect(documented).toContain(ref.match(/"key":"([A-Z_]+)"/)![1]);
  });
});

describe('the schema check itself', () => {
  it('rejects a manifest with a wrongly typed field, so the checks above can fail', async () => {
    const [deployment] = build(kustomizeDir('base')).filter((m) => m.kind === 'Deployment');
    await expect(validate({ ...deployment, spec: { ...(deployment.spec as object), replicas: 'three' } })).rejects.toThrow(/replicas/);
    const [topic] = build(kustomizeDir('base')).filter((m) => m.kind === 'KafkaTopic');
    await expect(validate({ ...topic, spec: { ...(topic.spec as object), partitions: -1 } })).rejects.toThrow(/partitions/);
  });
});

describe('the production overlay', () => {
  const manifests = build(kustomizeDir('overlays', 'production'));

  it('puts everything in the jaring namespace, pins the image and runs three database instances', () => {
    expect(manifests.filter((m) => m.kind !== 'Namespace').every((m) => m.metadata.namespace === 'jaring')).toBe(true);
    expect(JSON.stringify(manifests)).not.toContain('jaring:latest');
    expect(ofKind(manifests, 'Cluster').every((c) => get(c, 'spec.instances') === 3)).toBe(true);
    expect(ofKind(manifests, 'KafkaTopic').every((t) => get(t, 'spec.partitions') === 12)).toBe(true);
  });
});

type Env = Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
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
  const manifests = build(kustomizeDir('overlays', 'production'));
  const flows = new Map(SERVICES.map((service) => [service, eventFlowsOf(service)]));
  const deploymentOf = (service: string) => manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === `jaring-${service}`)!;
  const containerOf = (workload: Manifest) => get<Array<Record<string, unknown>>>(workload, 'spec.template.spec.containers')[0];
  const envOf = (workload: Manifest) => containerOf(workload).env as Env;

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
      const user = users.find((candidate) => candidate.metadata.name === `jaring-${service}`)!;
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
    const named = ofKind(manifests, 'KafkaUser').flatMap((user) =>
      get<Acl[]>(user, 'spec.authorization.acls')
        .filter((acl) => acl.resource.type === 'topic')
        .map((acl) => acl.resource.name),
    );
    expect(named.filter((name) => !declared.includes(name))).toEqual([]);
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
    expect(get(kafka, 'spec.entityOperator.userOperator')).toEqual({});
    const config = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'jaring-config')!;
    expect(get(config, 'data.KAFKA_BROKERS')).toBe(`${kafka.metadata.name}-kafka-bootstrap:${listeners[0].port}`);
    expect(get(config, 'data.KAFKA_CREATE_TOPICS')).toBe('false');
  });

  it('signs each service in as its own KafkaUser over TLS, trusting the cluster CA', () => {
    const [kafka] = ofKind(manifests, 'Kafka');
    for (const service of SERVICES) {
      const deployment = deploymentOf(service);
      const env = envOf(deployment);
      const value = (name: string) => env.find((e) => e.name === name);
      expect(value('KAFKA_TLS')?.value).toBe('true');
      expect(value('KAFKA_SASL_MECHANISM')?.value).toBe('scram-sha-512');
      expect(value('KAFKA_SASL_USERNAME')?.value).toBe(`jaring-${service}`);
      expect(value('KAFKA_SASL_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({ name: `jaring-${service}`, key: 'password' });
      // the CA file is the cluster CA secret's ca.crt, mounted read-only
      const mounts = containerOf(deployment).volumeMounts as Array<{ name: string; mountPath: string; readOnly?: boolean }>;
      const volumes = get<Array<{ name: string; secret?: { secretName: string; items?: Array<{ key: string; path: string }> } }>>(
        deployment,
        'spec.template.spec.volumes',
      );
      const caFile = value('KAFKA_TLS_CA_FILE')!.value!;
      const mount = mounts.find((m) => caFile.startsWith(`${m.mountPath}/`))!;
      expect(mount.readOnly).toBe(true);
      const secret = volumes.find((v) => v.name === mount.name)!.secret!;
      expect(secret.secretName).toBe(`${kafka.metadata.name}-cluster-ca-cert`);
      expect(secret.items?.find((item) => `${mount.mountPath}/${item.path}` === caFile)?.key).toBe('ca.crt');
      // the migration job never talks to Kafka and gets no Kafka credentials
      const job = manifests.find((m) => m.kind === 'Job' && m.metadata.name === `jaring-${service}-migrate`)!;
      expect(envOf(job).filter((e) => e.name.startsWith('KAFKA_'))).toEqual([]);
    }
  });
});
