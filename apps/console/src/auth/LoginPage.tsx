// The console's own sign-in page: one button to the OpenID provider's login form (the console never sees a
// password), and the calculator, which needs no sign-in.
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useLogin, useTranslate } from 'react-admin';
import { useLocation } from 'react-router-dom';
import { ProblemPanel } from '../layout/ProblemPanel';

/**
 * The screen the person wanted (`#/claims`), which react-admin left in the login route's state when it sent them
 * here: the provider sends them back there once signed in.
 */
function useWantedScreen(): string | undefined {
  const state = useLocation().state as { nextPathname?: unknown; nextSearch?: unknown } | null;
  const path = state?.nextPathname;
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('/login')) return undefined;
  return `#${path}${typeof state?.nextSearch === 'string' ? state.nextSearch : ''}`;
}

export function LoginPage() {
  const translate = useTranslate();
  const login = useLogin();
  const returnTo = useWantedScreen();
  const [error, setError] = useState<unknown>();
  return (
    <Card sx={{ maxWidth: 480, mx: 'auto', mt: 12 }}>
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {translate('jaring.login.title')}
        </Typography>
        <Typography variant="body1">{translate('jaring.login.intro')}</Typography>
        {error ? <ProblemPanel error={error} /> : null}
      </CardContent>
      <CardActions>
        <Button variant="contained" onClick={() => void login({ returnTo }).catch(setError)}>
          {translate('jaring.login.button')}
        </Button>
        <Button href="#/calculator">{translate('jaring.login.calculator')}</Button>
      </CardActions>
    </Card>
  );
}
