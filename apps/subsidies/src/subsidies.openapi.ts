import type { OpenApiOptions } from '@jaring/platform';

/**
 * The service's OpenAPI document: the two ways in that its routes' `@Allow` name, a bearer token from the
 * identity provider (the back office) and a funder's API key (`api-key`, which a partner may also send as
 * `Authorization: Bearer <key>`).
 */
export const SUBSIDIES_OPENAPI: Partial<OpenApiOptions> = {
  description:
    'Funders and their partner API: programmes with a double-entry budget, nominations, impact reports, signed webhooks. ' +
    "Funders call with their API key; programme officers and auditors with the identity provider's bearer tokens.",
  configure: (builder) =>
    builder.addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: "A funder's API key (or send it as Authorization: Bearer <key>)" },
      'api-key',
    ),
};
