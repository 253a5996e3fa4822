// HAProxy (Debian's package; `npm run cluster` installs it where missing, deploy/local/ensure-installed.js) in
// front of each service's replicas: one address per service, as a Kubernetes Service gives. A replica leaves the
// rotation when its readiness probe (GET /health/ready, as the overlay's readinessProbe) fails twice, a second
// apart, and comes back when it answers again; a request that cannot connect is sent to the other replica.
// A request in flight on a replica that dies fails (502): the client retries it, with the same Idempotency-Key.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandLine, forEachLine, killAndWait } from '../process-utils';
import type { SupervisedProcess } from '../supervisor';

export interface Backend {
  /** The service, e.g. "claims". */
  name: string;
  /** Where clients reach it. */
  port: number;
  /** Its replicas' ports. */
  replicaPorts: number[];
}

export interface LoadBalancerOptions {
  backends: Backend[];
  /** HAProxy's statistics (CSV at /;csv): which replica is up, what each answered. */
  statsPort: number;
  /** Where its configuration and pid file go. */
  dir: string;
}

const STOP_TIMEOUT_MS = 5_000;

/** The replica's name in HAProxy's configuration and statistics, e.g. "claims-2". */
export function replicaName(service: string, index: number): string {
  return `${service}-${index + 1}`;
}

export function haproxyConfig(options: LoadBalancerOptions): string {
  const lines = [
    '# Written by deploy/local/cluster/load-balancer.ts on every start: edit the script, not this file.',
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // a connection refused by a replica that just died goes to the other one
    '  retries 2',
    '  option redispatch',
    'listen stats',
    `  bind 127.0.0.1:${options.statsPort}`,
    '  stats enable',
    '  stats uri /',
    '  stats refresh 5s',
  ];
  for (const backend of options.backends) {
    lines.push(
      `listen ${backend.name}`,
      `  bind 127.0.0.1:${backend.port}`,
      '  balance roundrobin',
      '  option httpchk GET /health/ready',
      '  http-check expect status 200',
      ...backend.replicaPorts.map(
        (port, i) => `  server ${replicaName(backend.name, i)} 127.0.0.1:${port} check inter 1s fall 2 rise 1 init-addr none`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** HAProxy in the foreground (-db), as the supervisor runs it; healthy once its statistics answer. */
export function loadBalancerProcess(options: LoadBalancerOptions, onLine: (line: string) => void): SupervisedProcess {
  const config = path.join(options.dir, 'haproxy.cfg');
  const pidFile = path.join(options.dir, 'haproxy.pid');
  const binary = process.env.HAPROXY ?? 'haproxy';
  return {
    name: 'load-balancer',
    spawn: () => {
      fs.mkdirSync(options.dir, { recursive: true });
      fs.writeFileSync(config, haproxyConfig(options));
      const child = spawn(binary, ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
      if (child.pid) fs.writeFileSync(pidFile, String(child.pid));
      forEachLine(child.stdout, onLine);
      forEachLine(child.stderr, onLine);
      return child;
    },
    probe: async () => {
      const response = await fetch(`http://127.0.0.1:${options.statsPort}/;csv`).catch((error: Error) => error);
      return response instanceof Error ? response.message : response.status === 200 ? true : `statistics answered ${response.status}`;
    },
    healthyMessage: `the load balancer (HAProxy) listens on ${options.backends.map((b) => `${b.name} ${b.port}`).join(', ')}`,
    healthTimeoutMs: 20_000,
  };
}

/** Stops an HAProxy a killed run left behind on this configuration. */
export async function stopStaleLoadBalancer(dir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dir, 'haproxy.pid');
  const pid = Number.parseInt(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') : '', 10);
  if (Number.isInteger(pid) && pid > 0 && commandLine(pid)?.includes(path.join(dir, 'haproxy.cfg'))) {
    log(`stopping a load balancer left running (pid ${pid})`);
    await killAndWait(pid, 'SIGTERM', STOP_TIMEOUT_MS);
  }
  fs.rmSync(pidFile, { force: true });
}

export interface ReplicaStatus {
  service: string;
  replica: string;
  /** UP, DOWN, MAINT, "no check"... as HAProxy says. */
  status: string;
}

/** Each replica's state in the load balancer, from its statistics. */
export async function replicaStatuses(statsPort: number): Promise<ReplicaStatus[]> {
  const csv = await (await fetch(`http://127.0.0.1:${statsPort}/;csv`)).text();
  const [header, ...rows] = csv.split('\n').filter(Boolean);
  const columns = header.replace(/^# /, '').split(',');
  const at = (name: string) => columns.indexOf(name);
  return rows
    .map((row) => row.split(','))
    .filter((cells) => cells[at('svname')] !== 'FRONTEND' && cells[at('svname')] !== 'BACKEND' && cells[at('pxname')] !== 'stats')
    .map((cells) => ({ service: cells[at('pxname')], replica: cells[at('svname')], status: cells[at('status')] }));
}
