// Jest global setup: real PostgreSQL and Kafka for the integration tests.
// Starts `dist/deploy/local/infra.js --profile test` (embedded PostgreSQL on 54330, a Kafka broker on
// 19092, the development OpenID provider on 13005, fresh temporary data) and hands their addresses to the
// tests through DATABASE_URL, KAFKA_BROKERS and OIDC_ISSUER. Nothing is started when JARING_NO_INFRA=1 or
// when the three variables are already set (servers of your own). Its log: .jaring/test-infra.log. global-teardown.js stops it.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const READY_PREFIX = 'JARING_INFRA_READY ';
const READY_TIMEOUT_MS = 240_000;

module.exports = async function globalSetup() {
  // One EVENT_SEALING_KEY for the whole run (test/support/sealed-facts.ts): enrollment's events sealed in one test
  // file open in the claims service of another, as they do in production.
  process.env.JARING_TEST_EVENT_SEALING_KEY ??= require('node:crypto').randomBytes(32).toString('base64');
  if (process.env.JARING_NO_INFRA === '1') return;
  if (process.env.DATABASE_URL && process.env.KAFKA_BROKERS && process.env.OIDC_ISSUER) return;

  const repo = path.resolve(__dirname, '..', '..');
  const script = path.join(repo, 'dist', 'deploy', 'local', 'infra.js');
  if (!fs.existsSync(script)) {
    throw new Error(
      `${path.relative(repo, script)} is missing: build first (npm run build), or set DATABASE_URL and KAFKA_BROKERS, or JARING_NO_INFRA=1`,
    );
  }
  const logFile = path.join(repo, '.jaring', 'test-infra.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  // the log file is the child's stderr itself: nothing in this process has to keep draining a pipe
  const logFd = fs.openSync(logFile, 'w');
  const started = Date.now();
  const child = spawn(process.execPath, [script, '--profile', 'test'], {
    cwd: repo,
    // the IPC channel tells infra.js when jest goes away, so no broker or database outlives the run
    stdio: ['ignore', 'pipe', logFd, 'ipc'],
    env: process.env,
  });
  fs.closeSync(logFd);

  const tail = () => {
    try {
      return fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    } catch {
      return '';
    }
  };

  let endpoints;
  try {
    endpoints = await new Promise((resolve, reject) => {
      let buffer = '';
      const timer = setTimeout(
        () => reject(new Error(`the test infrastructure was not ready within ${READY_TIMEOUT_MS / 1000} s`)),
        READY_TIMEOUT_MS,
      );
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        buffer += chunk;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.startsWith(READY_PREFIX)) {
            clearTimeout(timer);
            resolve(JSON.parse(line.slice(READY_PREFIX.length)));
          }
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the test infrastructure exited during start-up (code ${code}, signal ${signal})`));
      });
    });
  } catch (err) {
    await stop(child, 30_000);
    throw new Error(`${err.message}; the end of ${path.relative(repo, logFile)}:\n${tail()}`, { cause: err });
  }

  process.env.DATABASE_URL = endpoints.databaseUrl;
  process.env.KAFKA_BROKERS = endpoints.kafkaBrokers;
  process.env.OIDC_ISSUER = endpoints.oidcIssuer;
  // nothing here should keep jest alive: teardown stops the child, and the IPC channel stops it anyway
  child.stdout.resume();
  child.stdout.unref?.();
  child.channel?.unref?.();
  child.unref();
  globalThis.__JARING_INFRA__ = child;
  process.stderr.write(
    `\ntest infrastructure ready in ${Date.now() - started} ms: PostgreSQL ${endpoints.databaseUrl}, Kafka ${endpoints.kafkaBrokers} (log: ${path.relative(repo, logFile)})\n`,
  );
};

/** SIGTERM, wait for the exit, SIGKILL after timeoutMs. */
function stop(child, timeoutMs) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  child.ref();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

module.exports.stopInfrastructure = stop;
