import { BaseServiceConfig } from '@jaring/platform';

/** The claims service's settings, read from the environment and validated at start-up. */
export class ClaimsConfig extends BaseServiceConfig {
  override readonly serviceName = 'claims';
  override PORT = 3004;
}
