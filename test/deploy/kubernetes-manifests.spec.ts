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
