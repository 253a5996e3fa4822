import { runWithTraceContext } from '../trace-context';
import { JsonLogger } from './json-logger';

function capture(stream: 'stdout' | 'stderr', work: () => void): Array<Record<string, unknown>> {
  const lines: string[] = [];
  const spy = jest.spyOn(process[stream], 'write').mockImplementation((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    work();
  } finally {
    spy.mockRestore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('JsonLogger', () => {
  it('prints one JSON record per line with the service, and masks personal data in message and context', () => {
    const logger = new JsonLogger('enrollment');
    const [record] = capture('stdout', () => logger.log('registered 3171234567890123, phone 081234567890', 'Worker 3171234567890123'));
    expect(record).toMatchObject({
      level: 'log',
      message: 'registered [NIK], phone [PHONE]',
      context: 'Worker [NIK]',
      service: 'enrollment',
    });
    expect(typeof record.timestamp).toBe('number');
  });

  it('masks personal data in structured params, by key and by pattern', () => {
    const logger = new JsonLogger('claims');
    const [record] = capture('stdout', () =>
      logger.warn('payout failed', { nik: '3171234567890123', note: 'account 1234567890 closed', amount: 16800 }, 'Payouts'),
    );
    expect(record).toMatchObject({
      message: 'payout failed',
      context: 'Payouts',
      params: { nik: '[REDACTED]', note: 'account [ACCOUNT] closed', amount: 16800 },
    });
  });

  it('masks errors and adds the current trace context', () => {
    const logger = new JsonLogger('claims');
    const [record] = capture('stderr', () =>
      runWithTraceContext({ correlationId: 'c-1', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }, () =>
        logger.error('lookup failed', new Error('no worker with nik 3171234567890123')),
      ),
    );
    expect(record).toMatchObject({
      level: 'error',
      message: 'lookup failed',
      correlationId: 'c-1',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      error: { name: 'Error', message: 'no worker with nik [NIK]' },
    });
    expect(JSON.stringify(record)).not.toContain('3171234567890123');
  });

  it('honours log levels', () => {
    const logger = new JsonLogger('claims', { logLevels: ['error'] });
    expect(capture('stdout', () => logger.log('hidden'))).toHaveLength(0);
  });
});
