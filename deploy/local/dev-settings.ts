import { DEVELOPMENT_SECRETS } from '@jaring/platform';

/**
 * The secrets a local platform needs (`npm start`, the end-to-end tests, the demo): the published
 * development values of libs/platform/src/config/development-secrets.ts, so that data written by one run
 * stays readable by the next. Never for production, where they come from a secret manager
 * (deploy/k8s/base/secrets.example.yaml lists them) and a service given one of them refuses to start.
 * A value set in the environment wins.
 */
export function developmentSecrets(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(Object.entries(DEVELOPMENT_SECRETS).map(([name, value]) => [name, env[name] ?? value]));
}

export function developmentSecretNames(): string[] {
  return Object.keys(DEVELOPMENT_SECRETS);
}
