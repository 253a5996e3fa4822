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

export function LoginPage() {
  const translate = useTranslate();
  const login = useLogin();
  const [error, setError] = useState<unknown>();
  // react-admin sent the person here from the screen they asked for (its location state): back there after sign-in
  const next = useLocation().state as { nextPathname?: string; nextSearch?: string } | null;
  const returnTo = next?.nextPathname ? `#${next.nextPathname}${next.nextSearch ?? ''}` : undefined;
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
