import { BaseServiceConfig } from '@jaring/platform';

/** The contributions service's settings, read from the environment and validated at start-up. */
export class ContributionsConfig extends BaseServiceConfig {
  override readonly serviceName = 'contributions';
  override PORT = 3002;
}
