import { BaseServiceConfig } from '@jaring/platform';

/** The subsidies service's settings, read from the environment and validated at start-up. */
export class SubsidiesConfig extends BaseServiceConfig {
  override readonly serviceName = 'subsidies';
  override PORT = 3003;
}
