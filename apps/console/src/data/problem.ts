// The services answer every error with an RFC 9457 problem document (docs/api.md, "Errors"). The console
// shows it in words: its title and detail, and each offending field with its reason, never a status code
// alone or a stack trace.

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  correlationId?: string;
  errors?: Array<{ field?: string; reason?: string }>;
}

export function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && ('title' in body || 'detail' in body);
}

/** One sentence (or a few) for a person: what went wrong, in the server's words. */
export function describeProblem(problem: Problem, fallback: string): string {
  const head = [problem.title, problem.detail].filter((part): part is string => Boolean(part && part.trim()));
  // "Not Found: worker not found" says the same twice; keep the detail when it repeats the title
  const unique = head.length === 2 && head[1].toLowerCase().includes(head[0].toLowerCase()) ? [head[1]] : head;
  const fields = (problem.errors ?? [])
    .filter((error) => error.reason)
    .map((error) => (error.field && !error.reason!.startsWith(error.field) ? `${error.field}: ${error.reason}` : error.reason!));
  const text = [unique.join(': '), ...fields].filter(Boolean).join('; ');
  return text ? sentence(text) : fallback;
}

function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
