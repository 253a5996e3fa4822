// An error of the contributions service about a worker, in words: its 404 for a worker registered a moment ago
// (contributions learns of it from enrollment's event) says to try again; anything else is the server's problem.
import { HttpError } from '../data/http';
import { NextStep, ProblemPanel } from '../layout/ProblemPanel';

export function ContributionsProblem({ error }: { error: unknown }) {
  if (error instanceof HttpError && error.status === 404) return <NextStep message="jaring.workers.coverage.unknown" />;
  return <ProblemPanel error={error} />;
}
