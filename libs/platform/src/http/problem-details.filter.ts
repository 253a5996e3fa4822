import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { throwError } from 'rxjs';
import { DomainError, UseCaseError, type UseCaseErrorKind } from '@jaring/domain';
import { currentTraceContext } from '../trace-context';
import { Problem, type ProblemDocument, problemType, ValidationProblem } from './problem';
import { CORRELATION_ID_HEADER, traceContextOf } from './request-context.middleware';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export const UNEXPECTED_ERROR_DETAIL = 'an unexpected error occurred; it has been logged, quote the correlation id when reporting it';

/**
 * Answers every error of an HTTP request with an RFC 9457 problem details document
 * (`application/problem+json`): `{ type, title, status, detail, instance, correlationId, errors? }`.
 *
 * - `Problem` (and `ValidationProblem`): rendered as built.
 * - `UseCaseError` (a handler's refusal): the status of its kind, its slug as the problem type.
 * - `DomainError` (a rule broken by request input, e.g. a period that is not a month): a 400 naming the field.
 * - Any other `HttpException` (Nest's own, a 404 for an unknown route...): its status, its message as detail.
 * - Body parser errors (Nest 12 wraps them in an HttpException with the parser error as `cause`, and
 *   they may also arrive bare): malformed JSON is a 400 "malformed JSON body", too large a 413.
 * - Anything else is a bug or an outage: a 500 with a generic detail. The error is logged with its stack;
 *   its message is never sent, as it may hold internals (SQL, hosts, personal data).
 *
 * `instance` is the request path without the query string (a query may carry personal data).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetailsFilter');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    // Kafka handlers and other transports have their own error handling (retries, dead letters).
    if (host.getType() !== 'http') return throwError(() => exception);

    const request = host.switchToHttp().getRequest<IncomingMessage & { originalUrl?: string }>();
    const response = host.switchToHttp().getResponse<ServerResponse>();
    const problem = toProblemDocument(exception);
    const path = (request.originalUrl ?? request.url ?? '').split('?')[0];
    const correlationId = currentTraceContext()?.correlationId ?? traceContextOf(request)?.correlationId;
    const document: ProblemDocument = {
      ...problem,
      instance: path,
      ...(correlationId ? { correlationId } : {}),
    };

    if (problem.status >= 500) {
      this.logger.error(
        `${request.method} ${path} failed with ${problem.status}`,
        exception instanceof Error ? exception : String(exception),
      );
    } else {
      this.logger.debug(`${request.method} ${path} answered ${problem.status}: ${problem.detail}`);
    }

    if (response.headersSent) {
      // Part of another answer is already out: all that can be done is to end it.
      response.end();
      return;
    }
    response.statusCode = problem.status;
    response.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    if (correlationId && !response.hasHeader(CORRELATION_ID_HEADER)) response.setHeader(CORRELATION_ID_HEADER, correlationId);
    response.end(JSON.stringify(document));
    return;
  }
}

/** The problem document (without `instance` and `correlationId`) for anything thrown. */
export function toProblemDocument(exception: unknown): ProblemDocument {
  if (exception instanceof Problem) return { ...exception.toDocument() };
  if (UseCaseError.is(exception)) return useCaseProblem(exception).toDocument();
  if (DomainError.is(exception)) return domainRuleProblem(exception).toDocument();
  if (exception instanceof HttpException) {
    return bodyParserProblem(exception.cause, false) ?? httpExceptionProblem(exception);
  }
  return bodyParserProblem(exception, true) ?? problem(HttpStatus.INTERNAL_SERVER_ERROR, UNEXPECTED_ERROR_DETAIL);
}

function problem(status: number, detail: string, type = 'about:blank'): ProblemDocument {
  return { type, title: STATUS_CODES[status] ?? 'Error', status, detail };
}

function httpExceptionProblem(exception: HttpException): ProblemDocument {
  const status = exception.getStatus();
  const body = exception.getResponse();
  let detail: string | undefined;
  if (typeof body === 'string') {
    detail = body;
  } else if (body && typeof body === 'object') {
    const { message, detail: bodyDetail } = body as { message?: unknown; detail?: unknown };
    if (typeof bodyDetail === 'string') detail = bodyDetail;
    else if (typeof message === 'string') detail = message;
    else if (Array.isArray(message)) detail = message.map(String).join('; ');
  }
  return problem(status, detail || STATUS_CODES[status] || 'Error');
}

interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
  message: string;
  limit?: number;
}

/** Errors from body-parser (through Express) carry a `type` like `entity.parse.failed` and a `status`. */
function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    error instanceof Error &&
    typeof (error as Partial<BodyParserError>).type === 'string' &&
    typeof (error as Partial<BodyParserError>).status === 'number'
  );
}

/**
 * Malformed and too large bodies get their own wording. Other parser errors (unsupported charset...) are
 * already well worded by Nest when wrapped; bare ones (`otherErrors`) are answered with their status and,
 * when http-errors marks the message safe to expose, their message.
 */
function bodyParserProblem(error: unknown, otherErrors: boolean): ProblemDocument | undefined {
  if (!isBodyParserError(error)) return undefined;
  switch (error.type) {
    case 'entity.parse.failed':
      return problem(HttpStatus.BAD_REQUEST, 'malformed JSON body', problemType('malformed-body'));
    case 'entity.too.large':
      return problem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        error.limit ? `the request body is larger than the limit of ${formatBytes(error.limit)}` : 'the request body is too large',
        problemType('body-too-large'),
      );
    default:
      if (!otherErrors || typeof error.expose !== 'boolean' || error.status >= 500 || error.status < 400) return undefined;
      return problem(error.status, error.expose ? error.message : (STATUS_CODES[error.status] ?? 'Error'));
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} kB`;
  return `${bytes} bytes`;
}

const USE_CASE_STATUS: Record<UseCaseErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  gone: HttpStatus.GONE,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

function useCaseProblem(error: UseCaseError): Problem {
  const { type, title, errors, extensions } = error.details;
  return new Problem(USE_CASE_STATUS[error.kind], error.message, { type: type ? problemType(type) : undefined, title, errors, extensions });
}

/** Request input that a domain rule refused: the rule's message is the reason, its field the field. */
function domainRuleProblem(error: DomainError): Problem {
  return new ValidationProblem([{ field: error.field ?? 'request', reason: error.message }], error.message);
}
