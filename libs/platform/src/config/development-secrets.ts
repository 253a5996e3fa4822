/**
 * The secrets a local platform runs with (`npm start`, the tests, the demo; deploy/local/dev-settings.ts
 * hands them out): fixed values, published in this repository, so that data written by one run stays
 * readable by the next. Written once, here, because production must recognise them to refuse them
 * (`loadConfig` with `NODE_ENV=production`): anyone who can read the repository could read data sealed with them.
 */
export const DEVELOPMENT_SECRETS: Readonly<Record<string, string>> = Object.freeze({
  // Personal data: NIKs and claimants' details sealed at rest, the NIK's keyed hash shared by enrollment and claims.
  NIK_ENCRYPTION_KEY: 'ufYH7asjJYsUXLWA11JTlg6ENyf0RRRAUj98cRJLSTs=',
  NIK_HASH_KEY: 'nv4wgCfarI1QuJ1nUCLTvgI4nzWupzqXjaNy4FjOHTs=',
  CLAIMANT_ENCRYPTION_KEY: 'q0pd8mZ8c2v1sWk7H3c0mYb6Jf3lS9eQ2xZr5tUu1Hk=',
  // The birth dates enrollment's events carry for claims, sealed: held by enrollment and claims only.
  EVENT_SEALING_KEY: 'A8n+yYgQQ4OlFSbobbBYo6d/iY3x7QD649x2/ZG82bw=',
});
