export interface Answer<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/**
 * One HTTP call as an integrator makes it (the end-to-end tests and the demo): JSON in (or a given body), JSON
 * or text out. `T` is what the caller expects the body to be: it is not checked (test/support/http-call reads
 * it as untyped JSON).
 */
export async function call<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const json = options.body !== undefined;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...(options.raw !== undefined ? { 'content-type': options.contentType ?? 'text/plain' } : {}),
      ...options.headers,
    },
    body: json ? JSON.stringify(options.body) : options.raw,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // CSV and other text answers stay text
  }
  return { status: response.status, body: body as T, text, headers: response.headers };
}

/** Throws with the answer when the status is not the expected one (a setup step, not an assertion). */
export function expectStatus<T>(answer: Answer<T>, status: number, what: string): Answer<T> {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${answer.text}`);
  return answer;
}
