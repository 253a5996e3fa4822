import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The layering of docs/design.md, checked by dependency-cruiser with the rules of `.dependency-cruiser.cjs`
 * (`npm run lint` runs the same check in CI). Two runs: the repository itself must break no rule, and a
 * miniature of it (test/fixtures/boundaries) in which each file breaks one rule must trip every rule, so a
 * rule that stops matching (a path renamed, an option that hides packages) fails here instead of passing
 * silently.
 */
const REPO = join(__dirname, '..');
const DEPCRUISE = join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
const CONFIG = join(REPO, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function violationsIn(cwd: string): Violation[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, [DEPCRUISE, 'apps', 'libs', '--config', CONFIG, '--output-type', 'json'], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // depcruise exits with the number of errors and still prints its report
    output = (error as { stdout?: string }).stdout ?? '';
    if (!output) throw error;
  }
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('boundaries', () => {
  it('the repository breaks none of the dependency rules', () => {
    expect(violationsIn(REPO).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 60_000);

  it('each rule fails on a file that breaks it', () => {
    const violations = violationsIn(join(REPO, 'test', 'fixtures', 'boundaries'));
    const broken = new Set(violations.map((v) => v.rule.name));
    expect([...broken].sort()).toEqual([
      'console-uses-public-apis-only',
      'contracts-stay-transport-free',
      'controllers-hold-no-sql',
      'domain-is-pure',
      'libs-import-no-app',
      'messaging-below-platform',
      'no-circular',
      'no-service-imports-another',
      'service-domain-is-pure',
    ]);
    // Every import is resolved to its file, whatever its shape: a type-only import, a path through another
    // folder, a dynamic import() all reach beta's code.
    const reachingBeta = violations.filter((v) => v.rule.name === 'no-service-imports-another').map((v) => `${v.from} → ${v.to}`);
    expect(reachingBeta.sort()).toEqual([
      'apps/alpha/src/use-beta-later.ts → apps/beta/src/beta-value.ts',
      'apps/alpha/src/use-beta-through-folders.ts → apps/beta/src/beta-value.ts',
      'apps/alpha/src/use-beta-type-only.ts → apps/beta/src/beta-value.ts',
      'apps/alpha/src/use-beta.ts → apps/beta/src/beta-value.ts',
    ]);
  }, 60_000);
});
