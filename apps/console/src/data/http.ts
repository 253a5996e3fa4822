// Calls to the services' public APIs: JSON in and out, the bearer token when someone is signed in, and every
// error answer turned into an HttpError whose message is the server's problem in words (problem.ts).
import { describeProblem, isProblem, type Problem } from './problem';

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export type TokenSource = () => Promise<string | undefined>;

export interface JsonAnswer<T> {
  status: number;
  body: T;
}

export interface RequestOptions {
  token?: TokenSource;
  /** JSON (an object), or a file as it is (a CSV upload: a string or a Blob, with `contentType`) */
  body?: unknown;
  contentType?: string;
  /** sent as `Idempotency-Key`: the same key for a retry of the same action, a new one for a new action */
  idempotencyKey?: string;
  /** `text` for a text answer; `file` for a file to save (a CSV): its bytes as the server sent them, a BOM included */
  answer?: 'json' | 'text' | 'file';
  fallbackMessage?: string;
}

/** One call to a service: the bearer token when someone is signed in; an error answer thrown as an HttpError. */
export async function request<T>(method: string, url: string, options: RequestOptions = {}): Promise<JsonAnswer<T>> {
  const { token, body, idempotencyKey, answer = 'json', fallbackMessage = 'jaring.errors.service' } = options;
  const bearer = token ? await token() : undefined;
  const isFile = typeof body === 'string' || (typeof Blob !== 'undefined' && body instanceof Blob);
  const headers: Record<string, string> = {
    accept: answer === 'json' ? 'application/json' : '*/*',
    ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    ...(body !== undefined ? { 'content-type': options.contentType ?? (isFile ? 'text/plain' : 'application/json') } : {}),
  };
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : isFile ? (body as BodyInit) : JSON.stringify(body),
    });
  } catch {
    // a message key (i18n/messages.ts): react-admin translates keys wherever it shows an error
    throw new HttpError('jaring.errors.unreachable', 0);
  }
  if (response.ok && answer === 'file') return { status: response.status, body: (await response.blob()) as T };
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // a proxy's HTML error page, or a CSV file: no JSON to read
  }
  if (!response.ok) {
    const problem = isProblem(parsed) ? parsed : undefined;
    throw new HttpError(problem ? describeProblem(problem, fallbackMessage) : fallbackMessage, response.status, problem);
  }
  return { status: response.status, body: (answer === 'text' ? text : parsed) as T };
}

export async function getJson<T>(url: string, token?: TokenSource, fallbackMessage = 'jaring.errors.service'): Promise<JsonAnswer<T>> {
  return request<T>('GET', url, { token, fallbackMessage });
}

/** `?a=1&b=x`: the defined values only, arrays as repeated parameters. */
export function queryString(params: Record<string, string | number | readonly string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) search.append(name, item);
    else search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
