import { BaseServiceConfig } from '@jaring/platform';

/** The enrollment service's settings, read from the environment and validated at start-up. */
export class EnrollmentConfig extends BaseServiceConfig {
  override readonly serviceName = 'enrollment';
  override PORT = 3001;
}
