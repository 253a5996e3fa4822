// The calculator, open to anyone: the contribution and the benefit, side by side.
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { Title, useTranslate } from 'react-admin';
import { EstimateForm } from './EstimateForm';
import { QuoteForm } from './QuoteForm';

export function CalculatorPage() {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('jaring.calculator.title')} />
      <CardContent>
        <Typography variant="body1" sx={{ mb: 2 }}>
          {translate('jaring.calculator.intro')}
        </Typography>
        <Grid container spacing={4}>
          <Grid size={{ xs: 12, md: 6 }}>
            <QuoteForm />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <EstimateForm />
          </Grid>
        </Grid>
      </CardContent>
    </Card>
  );
}
