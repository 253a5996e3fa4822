// Small process helpers shared by the local infrastructure scripts (deploy/local/).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** Calls onLine for every non-empty line of a stream. */
export function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      if (line.trim()) onLine(line);
    }
  });
  stream.on('end', () => {
    if (buffer.trim()) onLine(buffer);
    buffer = '';
  });
}

/** The command line of a live process, or undefined when there is none. */
export function commandLine(pid: number): string | undefined {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    // no /proc (macOS): ask ps
    try {
      return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

/** Sends a signal, waits up to timeoutMs for the process to go away, then SIGKILLs it. */
export async function killAndWait(pid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  const alive = (): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (alive()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return;
    }
    const hardDeadline = Date.now() + 5000;
    while (alive() && Date.now() < hardDeadline) await sleep(100);
  }
}

/** Fails with a clear message when something already listens on one of the ports. */
export async function assertPortsFree(ports: number[], what: string, hint = ''): Promise<void> {
  for (const port of ports) {
    await new Promise<void>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', (err: NodeJS.ErrnoException) => {
        reject(
          err.code === 'EADDRINUSE'
            ? new Error(`port ${port} (for ${what}) is already in use on 127.0.0.1: stop whatever uses it${hint ? `, or ${hint}` : ''}`)
            : err,
        );
      });
      server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The repository root: the nearest folder above `from` holding the package.json named "jaring"
 * (these scripts run from deploy/local/ under ts-node/jest and from dist/deploy/local/ when built).
 */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'jaring') return dir;
    } catch {
      // no package.json here
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`the jaring repository root (package.json named "jaring") was not found above ${from}`);
    dir = parent;
  }
}

/** A PostgreSQL URL to print: the embedded server's published password "postgres" shown, any other hidden. */
export function printableDatabaseUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, (all, user: string, pw: string) => (pw === 'postgres' ? all : `//${user}:***@`));
}
