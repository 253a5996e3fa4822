import { ConsoleLogger, type ConsoleLoggerOptions, type LogLevel } from '@nestjs/common';
import { currentTraceContext } from '../trace-context';
import { redactText, redactValue } from './redact';

/**
 * Keys whose values Nest's own redactor replaces with "[REDACTED]" wherever they appear in logged objects
 * and structured params (case-insensitive). The pattern-based `redactText` then catches what slips through
 * under other names or inside strings.
 */
export const REDACTED_KEYS = [
  'nik',
  'phone',
  'accountNumber',
  'password',
  'secret',
  'token',
  'apiKey',
  'x-api-key',
  'authorization',
  'cookie',
  'birthDate',
];

export interface JsonLoggerOptions extends ConsoleLoggerOptions {
  /** Log levels to print (see `BaseServiceConfig.logLevels`); default: all. */
  logLevels?: LogLevel[];
}

/**
 * One JSON object per line on stdout/stderr (what log shippers read), through Nest's own ConsoleLogger
 * (nestjs-pino does not support Nest 12). Each record carries the service name and, when there is one,
 * the correlation id and trace id of the request or event being handled, so that one request can be
 * followed across services. Personal data is masked before anything is printed.
 *
 *   {"level":"log","pid":1,"timestamp":1764150000000,"message":"worker registered","context":"RegisterWorker",
 *    "service":"enrollment","correlationId":"…","traceId":"…"}
 */
export class JsonLogger extends ConsoleLogger {
  constructor(
    readonly serviceName: string,
    options: JsonLoggerOptions = {},
  ) {
    super({ json: true, redact: REDACTED_KEYS, ...options });
  }

  protected override getJsonLogObject(
    message: unknown,
    options: Parameters<ConsoleLogger['getJsonLogObject']>[1],
  ): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const { level, pid, timestamp, ...rest } = super.getJsonLogObject(message, options);
    const record: ReturnType<ConsoleLogger['getJsonLogObject']> = {
      level,
      pid,
      timestamp,
      ...(redactValue(rest) as { message: unknown }),
    };
    record.service = this.serviceName;
    const trace = currentTraceContext();
    if (trace) {
      record.correlationId = trace.correlationId;
      record.traceId = trace.traceparent.split('-')[1];
    }
    return record;
  }

  // Maps, Sets and Errors nested in params are turned into text by `inspect` here, after
  // getJsonLogObject: that text is masked too.
  protected override stringifyReplacer(key: string, value: unknown): unknown {
    const result = super.stringifyReplacer(key, value);
    return typeof result === 'string' && result !== value ? redactText(result) : result;
  }

  // Text mode (json: false, e.g. for local reading): the whole formatted line is masked.
  protected override formatMessage(
    logLevel: LogLevel,
    message: unknown,
    pidMessage: string,
    formattedLogLevel: string,
    contextMessage: string,
    timestampDiff: string,
    params?: Record<string, unknown>,
  ): string {
    return redactText(super.formatMessage(logLevel, message, pidMessage, formattedLogLevel, contextMessage, timestampDiff, params));
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(stack ? redactText(stack) : stack);
  }
}
