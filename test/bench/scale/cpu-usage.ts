import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds used so far, by the processes of each named part (Linux /proc; empty elsewhere). */
export type CpuSnapshot = Map<string, number>;

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * Where the machine's time goes during a phase: the services (by process id), PostgreSQL (every backend,
 * by command name), Kafka (the JVM) and the bench itself. Read from /proc/<pid>/stat (utime + stime).
 */
export function cpuSnapshot(services: Map<string, number | undefined>): CpuSnapshot {
  const byPid = new Map<number, string>([...services].filter(([, pid]) => pid !== undefined).map(([name, pid]) => [pid!, name]));
  byPid.set(process.pid, 'bench');
  const used: CpuSnapshot = new Map();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return used;
  }
  for (const entry of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const part = byPid.get(Number(entry)) ?? (command === 'postgres' ? 'PostgreSQL' : command === 'java' ? 'Kafka (JVM)' : undefined);
    if (!part) continue;
    // fields[11] and [12] are utime and stime (the 14th and 15th of the line, counted after the command); [13]
    // and [14] the same of its children that ended and were reaped. PostgreSQL's backends are the postmaster's
    // children: a connection closed meanwhile (or an autovacuum worker done) would otherwise take its time with it.
    const reaped = command === 'postgres' ? Number(fields[13]) + Number(fields[14]) : 0;
    const seconds = (Number(fields[11]) + Number(fields[12]) + reaped) / TICKS_PER_SECOND;
    used.set(part, (used.get(part) ?? 0) + seconds);
  }
  return used;
}

/**
 * CPU seconds each part used between two snapshots (a process that ended meanwhile is not counted, but for
 * PostgreSQL's backends, which the postmaster reaps).
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Array<{ part: string; cpuSeconds: number }> {
  return [...after]
    .map(([part, seconds]) => ({ part, cpuSeconds: Math.round((seconds - (before.get(part) ?? 0)) * 10) / 10 }))
    .sort((a, b) => b.cpuSeconds - a.cpuSeconds);
}
