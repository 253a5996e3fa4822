/**
 * The secrets a local platform needs (`npm start`, the end-to-end tests, the demo): fixed, published
 * development values, so that data written by one run stays readable by the next. Never for production,
 * where they come from a secret manager (deploy/k8s/base/secrets.example.yaml lists them). A value set in
 * the environment wins.
 */
const DEVELOPMENT_SECRETS: Record<string, string> = {
  // Personal data: NIKs and claimants' details sealed at rest, the NIK's keyed hash shared by enrollment and claims.
  NIK_ENCRYPTION_KEY: 'ufYH7asjJYsUXLWA11JTlg6ENyf0RRRAUj98cRJLSTs=',
  NIK_HASH_KEY: 'nv4wgCfarI1QuJ1nUCLTvgI4nzWupzqXjaNy4FjOHTs=',
  CLAIMANT_ENCRYPTION_KEY: 'q0pd8mZ8c2v1sWk7H3c0mYb6Jf3lS9eQ2xZr5tUu1Hk=',
  // The birth dates enrollment's events carry for claims, sealed: held by enrollment and claims only.
  EVENT_SEALING_KEY: 'A8n+yYgQQ4OlFSbobbBYo6d/iY3x7QD649x2/ZG82bw=',
  // The back office's token signing secret (claims) and the operator's API key (subsidies).
  JWT_SECRET: 'development-only-jwt-secret-change-me-0123456789',
  ADMIN_API_KEY: 'development-only-admin-key-0123456789',
};

export function developmentSecrets(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(Object.entries(DEVELOPMENT_SECRETS).map(([name, value]) => [name, env[name] ?? value]));
}

export function developmentSecretNames(): string[] {
  return Object.keys(DEVELOPMENT_SECRETS);
}
