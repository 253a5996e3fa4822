import type { IncomingMessage } from 'node:http';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { Problem, problemType } from './problem';

const READS_BODY_ITSELF = 'jaring:reads-body-itself';

/** The handler reads and checks its request body itself (a CSV upload): the JSON-only rule does not apply. */
export const ReadsBodyItself = () => SetMetadata(READS_BODY_ITSELF, true);

const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

/**
 * The API speaks JSON: a request that has a body of another media type (`text/plain`, a form) is a 415
 * problem, before anything reads it. Without this, Express leaves such a body unparsed, the handler sees no
 * input at all, and an endpoint whose fields are all optional would act on defaults the client never chose.
 * Requests without a body pass (their endpoint's validation decides whether a body was needed).
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (
      context.getType() === 'http' &&
      !this.reflector.getAllAndOverride<boolean>(READS_BODY_ITSELF, [context.getHandler(), context.getClass()])
    ) {
      const { headers } = context.switchToHttp().getRequest<IncomingMessage>();
      const hasBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
      const mediaType = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (hasBody && !isJson(mediaType)) {
        throw Problem.unsupportedMediaType(`send the body as application/json${mediaType ? `, not ${mediaType}` : ''}`, {
          type: problemType('unsupported-media-type'),
        });
      }
    }
    return next.handle();
  }
}
