// An error in words: the server's problem (its title, detail and each field's reason, data/problem.ts), or a
// message of the console's own when the server could not be reached. Never a status code alone.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useListContext, useShowContext, useTranslate } from 'react-admin';

export function ProblemPanel({ error }: { error: unknown }) {
  const translate = useTranslate();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert severity="error" role="alert" data-testid="problem" sx={{ m: 2 }}>
      <AlertTitle>{translate('jaring.errors.title')}</AlertTitle>
      {translate(message, { _: message })}
    </Alert>
  );
}

/** A hint for an empty list: what to do next. */
export function NextStep({ message }: { message: string }) {
  const translate = useTranslate();
  return (
    <Alert severity="info" data-testid="next-step" sx={{ m: 2 }}>
      {translate(message)}
    </Alert>
  );
}

/** A list's error (react-admin's `List error`): the server's problem, the filters left in place above it. */
export function ListProblem() {
  const { error } = useListContext();
  return <ProblemPanel error={error} />;
}

/** A record's error (react-admin's `Show error`), e.g. another region's worker: the server's problem. */
export function ShowProblem() {
  const { error } = useShowContext();
  return <ProblemPanel error={error} />;
}
