import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import type { AnyClass } from '@jaring/contracts';
import { productionRefusals } from './production-refusals';

export type ConfigClass<T> = new () => T;

/**
 * Reads and validates a service's configuration from the environment, once, at start-up.
 *
 * A service that starts with a bad setting fails later and far from the cause (a connection refused
 * five minutes in), so every problem is reported at once, each variable with what is wrong with it:
 *
 *   Invalid configuration: PORT must be an integer from 1 to 65535 (got "abc"); KAFKA_BROKERS is required
 *
 * An empty variable counts as unset. Values of secrets (names with PASSWORD, SECRET, TOKEN, KEY) are never
 * quoted back, and URLs are quoted without their password.
 *
 * Any setting may instead be read from a file: `<NAME>_FILE` names it (a Kubernetes secret mounted as files, so
 * that no secret sits in the process's environment, where `/proc/<pid>/environ` and crash reports show it). The
 * file's content is the value, less one final line break. `NAME` and `NAME_FILE` both set is refused: which
 * one wins would be a guess.
 *
 * With `NODE_ENV=production` it also refuses what is fine for development only (production-refusals.ts): a
 * published development secret in any setting, the development OpenID provider as `OIDC_ISSUER`. Those are
 * named with the rest, before the service opens any connection.
 */
export function loadConfig<T extends object>(cls: ConfigClass<T>, env: NodeJS.ProcessEnv = process.env): T {
  const names = settingNames(cls);
  const { raw, problems } = readSettings(names, env);
  const config = plainToInstance(cls, raw);
  const errors = validateSync(config, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  for (const error of errors) {
    if (problems.has(error.property)) continue; // its file could not be read: that says it all
    problems.set(error.property, { reasons: Object.values(error.constraints ?? {}).map((message) => stripName(message, error.property)) });
  }
  // IsIn leaves NODE_ENV exactly as set: this is production exactly when the validated settings say so
  if (raw.NODE_ENV === 'production') {
    for (const refusal of productionRefusals(raw)) {
      const problem = problems.get(refusal.name) ?? { reasons: [] };
      problem.reasons.push(refusal.reason);
      problem.hideValue ||= refusal.secret;
      problems.set(refusal.name, problem);
    }
  }
  if (problems.size > 0) {
    const described = [...problems]
      .sort(([a], [b]) => names.indexOf(a) - names.indexOf(b))
      .map(([name, problem]) => describe(name, problem, raw));
    throw new Error(`Invalid configuration: ${described.join('; ')}`);
  }
  return config;
}

/** What is wrong with one setting: its validation messages and production's refusals. */
interface Problem {
  reasons: string[];
  /** Never quote the value back, whatever the setting's name. */
  hideValue?: boolean;
  /** Said as it is, after the name: the value was never read (its file is missing, or it is set twice). */
  whole?: boolean;
}

/** The suffix of a variable naming the file a setting is read from. */
export const FILE_SUFFIX = '_FILE';

/** The non-empty values of `names`, each from its variable or from the file its `<NAME>_FILE` names. */
function readSettings(names: string[], env: NodeJS.ProcessEnv): { raw: Record<string, string>; problems: Map<string, Problem> } {
  const raw: Record<string, string> = {};
  const problems = new Map<string, Problem>();
  const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';
  for (const name of names) {
    const value = env[name];
    const file = env[`${name}${FILE_SUFFIX}`];
    if (present(value) && present(file)) {
      problems.set(name, { reasons: [`and ${name}${FILE_SUFFIX} are both set: set one of them`], whole: true });
    } else if (present(file)) {
      try {
        const content = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
        if (content.trim() !== '') raw[name] = content;
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
        problems.set(name, { reasons: [`cannot be read from ${name}${FILE_SUFFIX} ${JSON.stringify(file)} (${reason})`], whole: true });
      }
    } else if (present(value)) {
      raw[name] = value;
    }
  }
  return { raw, problems };
}

/**
 * The properties of the class and its ancestors that carry validation decorators: the env vars it reads,
 * base class first, each class in declaration order (the order errors are reported in).
 */
export function settingNames(cls: AnyClass): string[] {
  const chain: AnyClass[] = [];
  for (let c: unknown = cls; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c))
    chain.unshift(c as AnyClass);
  const names = new Set<string>();
  for (const c of chain) {
    for (const metadata of getMetadataStorage().getTargetValidationMetadatas(c, '', true, false)) names.add(metadata.propertyName);
  }
  return [...names];
}

function describe(name: string, problem: Problem, raw: Record<string, string>): string {
  if (problem.whole) return `${name} ${problem.reasons.join(', ')}`;
  if (!(name in raw)) return `${name} is required`;
  const reasons = [...new Set(problem.reasons)];
  return `${name} ${reasons.join(', ')}${problem.hideValue ? '' : quote(name, raw[name])}`;
}

/** class-validator's default messages start with the property name ("PORT must be ..."): don't say it twice. */
function stripName(message: string, name: string): string {
  return message.startsWith(`${name} `) ? message.slice(name.length + 1) : message;
}

function quote(name: string, value: string): string {
  if (/PASSWORD|SECRET|TOKEN|KEY/i.test(name)) return '';
  const shown = value.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  return ` (got ${JSON.stringify(shown.length > 100 ? `${shown.slice(0, 100)}...` : shown)})`;
}
