// Jest global teardown: stops the PostgreSQL and Kafka that global-setup.js started (if it did).
'use strict';
const { stopInfrastructure } = require('./global-setup');

module.exports = async function globalTeardown() {
  const child = globalThis.__JARING_INFRA__;
  if (!child) return;
  globalThis.__JARING_INFRA__ = undefined;
  await stopInfrastructure(child, 30_000);
};
