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

export async function getJson<T>(url: string, token?: TokenSource, fallbackMessage = 'jaring.errors.service'): Promise<JsonAnswer<T>> {
  const bearer = token ? await token() : undefined;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) } });
  } catch {
    // a message key (i18n/messages.ts): react-admin translates keys wherever it shows an error
    throw new HttpError('jaring.errors.unreachable', 0);
  }
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // a proxy's HTML error page, say: no problem document to show
  }
  if (!response.ok) {
    const problem = isProblem(body) ? body : undefined;
    throw new HttpError(problem ? describeProblem(problem, fallbackMessage) : fallbackMessage, response.status, problem);
  }
  return { status: response.status, body: body as T };
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
