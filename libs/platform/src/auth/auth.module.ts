import { type DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { API_KEY_RESOLVER, type ApiKeyResolver } from './api-key-resolver';
import { TOKEN_HOLDER_RESOLVER, type TokenHolderResolver } from './token-holder-resolver';
import { TokenVerifier, type TokenSettings } from './token-verifier';

export interface AuthModuleOptions {
  tokens: TokenSettings;
  /** The service's API-key sign-in (subsidies' funders), if it has one. */
  apiKeys?: Type<ApiKeyResolver>;
  /** What the service makes of a token's holder beyond the token's claims (subsidies' funder staff), if anything. */
  tokenHolders?: Type<TokenHolderResolver>;
}

/** Installs the access guard in front of every route of the service (deny by default). */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: TokenVerifier, useValue: new TokenVerifier(options.tokens) },
      { provide: APP_GUARD, useClass: AccessGuard },
      ...(options.apiKeys ? [{ provide: API_KEY_RESOLVER, useClass: options.apiKeys }] : []),
      ...(options.tokenHolders ? [{ provide: TOKEN_HOLDER_RESOLVER, useClass: options.tokenHolders }] : []),
    ];
    return { module: AuthModule, providers, exports: [TokenVerifier] };
  }
}
