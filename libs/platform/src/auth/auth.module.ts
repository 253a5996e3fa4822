import { type DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { API_KEY_RESOLVER, type ApiKeyResolver } from './api-key-resolver';
import { TokenVerifier, type TokenSettings } from './token-verifier';

export interface AuthModuleOptions {
  tokens: TokenSettings;
  /** The service's API-key sign-in (subsidies' funders), if it has one. */
  apiKeys?: Type<ApiKeyResolver>;
}

/** Installs the access guard in front of every route of the service (deny by default). */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: TokenVerifier, useValue: new TokenVerifier(options.tokens) },
      { provide: APP_GUARD, useClass: AccessGuard },
      ...(options.apiKeys ? [{ provide: API_KEY_RESOLVER, useClass: options.apiKeys }] : []),
    ];
    return { module: AuthModule, providers, exports: [TokenVerifier] };
  }
}
