// The pieces a programme's page is made of: a titled section, a figure with its label, and a chart shown beside
// the table of its numbers (the table is what a screen reader reads, and what the browser test reads).
import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Stack spacing={2} component="section">
      <Typography variant="h6" component="h2">
        {translate(title)}
      </Typography>
      {children}
    </Stack>
  );
}

/** A label and its value; the test id is the value's, so a test reads the value alone (`Rp5.000.000`). */
export function Figure({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 4 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body1" component="div" data-testid={testId}>
        {children}
      </Typography>
    </Grid>
  );
}

export interface ChartRow {
  /** Tells the row apart for a test: `report-<name>-<key>` on its value cells. */
  key: string;
  label: string;
  /** The row's values, one per column after the label, already written out (`Rp16.800`, `3`). */
  values: string[];
}

/**
 * A chart with its numbers: the chart drawn for the eye (hidden from screen readers, which read the table), the
 * table of the same numbers under it. An empty report says so rather than drawing an empty chart.
 */
export function ChartWithTable({
  name,
  title,
  columns,
  rows,
  empty,
  chart,
}: {
  name: string;
  title: string;
  /** The header of the label column, then of each value column. */
  columns: string[];
  rows: ChartRow[];
  /** What to say when there is nothing to draw. */
  empty: string;
  chart: ReactNode;
}) {
  const translate = useTranslate();
  const titleId = useId();
  return (
    <Grid size={{ xs: 12, md: 6 }}>
      <Paper variant="outlined" sx={{ p: 2, height: '100%' }} component="figure" aria-labelledby={titleId} data-testid={`report-${name}`}>
        <Typography variant="subtitle1" component="h3" id={titleId}>
          {translate(title)}
        </Typography>
        {rows.length === 0 ? (
          <Typography variant="body2" sx={{ mt: 1 }} data-testid={`report-${name}-empty`}>
            {translate(empty)}
          </Typography>
        ) : (
          <>
            <Box aria-hidden sx={{ height: 240 }}>
              {chart}
            </Box>
            <Table size="small">
              <TableHead>
                <TableRow>
                  {columns.map((column, index) => (
                    <TableCell key={column} align={index === 0 ? 'left' : 'right'}>
                      {translate(column)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.key}>
                    <TableCell component="th" scope="row">
                      {row.label}
                    </TableCell>
                    {row.values.map((value, index) => (
                      <TableCell key={index} align="right" data-testid={`report-${name}-${row.key}${index ? `-${index}` : ''}`}>
                        {value}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </Paper>
    </Grid>
  );
}
