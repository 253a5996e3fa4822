import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BaseServiceConfig, loadConfig } from '@jaring/platform';
import { developmentSecrets } from '../../deploy/local/dev-settings';

/**
 * docker-compose.yml, read as Docker Compose reads it (YAML merge keys, `${VAR:-default}` with nothing set). There
 * is no Docker engine where the tests run, so the file is checked here rather than started.
 */
const REPO = join(__dirname, '..', '..');
interface ComposeService {
  image?: string;
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
    expect(keycloak.ports).toContain(`${hostPort}:8080`);
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
