import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDetailsDto } from './problem-details.dto';

export interface OpenApiOptions {
  title: string;
  description?: string;
  version: string;
  /** Add security schemes, servers, tags... to the document before it is built. */
  configure?: (builder: DocumentBuilder) => void;
}

/** Where the OpenAPI UI is served (`/docs`, its assets under `/docs/`, the document at `/docs-json` and `/docs-yaml`). */
export const OPENAPI_PATH = 'docs';

/**
 * Serves the service's OpenAPI document: the UI at `/docs`, the JSON at `/docs-json` (docs/api.md). In
 * production only on the management listener (bootstrap/management-routes.ts).
 */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions): void {
  const builder = new DocumentBuilder().setTitle(options.title).setVersion(options.version);
  if (options.description) builder.setDescription(options.description);
  // Every service has routes for signed-in callers (`@Allow` marks them with this scheme): the OpenID provider's tokens.
  builder.addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from the OpenID provider' });
  options.configure?.(builder);
  // A factory: the document is built on first request, after every module has registered its routes.
  SwaggerModule.setup(
    OPENAPI_PATH,
    app,
    () => SwaggerModule.createDocument(app, builder.build(), { extraModels: [ProblemDetailsDto, FieldErrorDto] }),
    {
      jsonDocumentUrl: `${OPENAPI_PATH}-json`,
      customSiteTitle: options.title,
    },
  );
}
