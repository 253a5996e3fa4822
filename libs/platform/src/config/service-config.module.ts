import { type DynamicModule, Global, Module } from '@nestjs/common';
import { BaseServiceConfig } from './base-service.config';

/** Injection token for the service's validated configuration (`@Inject(SERVICE_CONFIG) config: MyConfig`). */
export const SERVICE_CONFIG = 'SERVICE_CONFIG';

/**
 * Makes the configuration loaded by `loadConfig` injectable everywhere in the app, under three tokens:
 * `SERVICE_CONFIG`, `BaseServiceConfig` (what the platform modules ask for) and the service's own class
 * (so a service can write `constructor(private readonly config: EnrollmentConfig)`).
 *
 * The config is loaded before the module is built, not inside a provider factory, so that a bad setting
 * stops the process before Nest starts anything.
 */
@Global()
@Module({})
export class ServiceConfigModule {
  static forRoot(config: BaseServiceConfig): DynamicModule {
    const providers = [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: BaseServiceConfig, useValue: config },
      ...(config.constructor !== BaseServiceConfig ? [{ provide: config.constructor, useValue: config }] : []),
    ];
    return {
      module: ServiceConfigModule,
      providers,
      exports: providers.map((provider) => provider.provide),
    };
  }
}
