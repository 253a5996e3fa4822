import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Client } from 'pg';
import { OUTBOX_RELAY_LOCK } from '@jaring/messaging';

/**
 * Which process holds a service's outbox relay lock right now. The relay takes a transaction-level advisory lock
 * for each publishing round (libs/messaging outbox-relay.ts), so pg_locks shows it, granted, to the backend of
 * the replica publishing at this instant; the backend's client port, looked up among the local TCP sockets
 * (/proc), names the process on this machine that owns the connection.
 */
export class RelayLockWatch {
  private constructor(
    private readonly client: Client,
    private readonly postgresPort: number,
  ) {}

  static async open(databaseUrl: string): Promise<RelayLockWatch> {
    const client = new Client({ connectionString: databaseUrl });
    // the server going away (the run's end) is not this watch's business
    client.on('error', () => undefined);
    await client.connect();
    return new RelayLockWatch(client, Number(new URL(databaseUrl).port || 5432));
  }

  /** Which of the candidate processes holds the lock, or undefined when none does (no round running). */
  async holder(candidates: number[]): Promise<number | undefined> {
    const { rows } = await this.client.query<{ client_port: number }>(
      `SELECT a.client_port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid::text::bigint = $1 AND l.objid::text::bigint = $2`,
      [Math.floor(OUTBOX_RELAY_LOCK / 2 ** 32), OUTBOX_RELAY_LOCK % 2 ** 32],
    );
    if (!rows.length) return undefined;
    return ownerOfConnection(rows[0].client_port, this.postgresPort, candidates);
  }

  /** Looks every few milliseconds until a round is seen; the pid of its process. */
  async seenHolder(candidates: number[], timeoutMs: number): Promise<number | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const pid = await this.holder(candidates);
      if (pid !== undefined) return pid;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return undefined;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** Which of the candidates owns the local end (port `clientPort`) of a TCP connection to `serverPort`, from /proc. */
function ownerOfConnection(clientPort: number, serverPort: number, candidates: number[]): number | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cells = line.trim().split(/\s+/);
      if (cells.length < 10) continue;
      const local = Number.parseInt(cells[1].split(':')[1], 16);
      const remote = Number.parseInt(cells[2].split(':')[1], 16);
      if (local === clientPort && remote === serverPort) inodes.add(cells[9]);
    }
  }
  if (!inodes.size) return undefined;
  for (const entry of candidates) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${entry}/fd/${fd}`);
        if (target.startsWith('socket:[') && inodes.has(target.slice(8, -1))) return entry;
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}
