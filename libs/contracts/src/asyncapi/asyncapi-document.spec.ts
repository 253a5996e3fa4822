import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type Diagnostic } from '@asyncapi/parser';
import { EVENT_CATALOG } from '../event-catalog';
import { ALL_TOPICS } from '../topics';
import { renderAsyncApiYaml } from './asyncapi-document';
import { ASYNCAPI_PATH } from './generate';

const REPO = join(__dirname, '..', '..', '..', '..');
const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
/** `DiagnosticSeverity.Error`, in the diagnostics' own copy of the enum (the one @asyncapi/parser exports is another copy's). */
const ERROR: Diagnostic['severity'] = 0;

describe('docs/asyncapi.yaml', () => {
  const generated = renderAsyncApiYaml(EVENT_CATALOG, version);

  it('is what the declared contracts generate (run `npm run asyncapi` after changing an event)', () => {
    expect(readFileSync(join(REPO, ASYNCAPI_PATH), 'utf8')).toBe(generated);
  });

  it('is a valid AsyncAPI document with every topic and event', async () => {
    const { document, diagnostics } = await new Parser().parse(generated);
    const errors = diagnostics.filter((d) => d.severity === ERROR);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(document).toBeDefined();
    expect(
      document!
        .channels()
        .all()
        .map((c) => c.address())
        .sort(),
    ).toEqual([...ALL_TOPICS].sort());
    const messageNames = document!
      .messages()
      .all()
      .map((m) => m.name());
    expect(new Set(messageNames)).toEqual(new Set(EVENT_CATALOG.definitions().map((d) => d.type)));
    const registered = document!
      .messages()
      .all()
      .find((m) => m.name() === 'enrollment.worker.registered')!;
    const data = registered.payload()!.properties()!.data;
    expect(Object.keys(data.properties() ?? {})).toEqual(
      expect.arrayContaining(['workerId', 'nikHash', 'regionCode', 'declaredMonthlyIncome']),
    );
    expect(Object.keys(data.properties() ?? {})).not.toContain('nik');
  });
});
