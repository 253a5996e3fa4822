import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** A fixture script as a real process, on the same Node as the tests. */
export function spawnFixture(script: string, args: string[]): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [join(FIXTURES, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return Object.assign(child, { output: () => output });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
