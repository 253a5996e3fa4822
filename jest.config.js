// One jest run for everything. Integration tests need a real PostgreSQL and Kafka: the global setup
// starts them (embedded PostgreSQL, a local Kafka broker from Apache's jars) unless DATABASE_URL and
// KAFKA_BROKERS point at running ones. Jest runs on the project's Node 24 with --experimental-vm-modules,
// which lets CommonJS tests require NestJS 12's ES modules (see README, "Why the project brings its own Node 24").
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/deploy'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  // The fault tests (broker and database stopped and restarted, a service killed) are part of every run;
  // `npm run test:faults` runs them alone.
  // So is the cluster test (three Kafka nodes, two replicas of every service behind HAProxy, about 3 minutes);
  // `npm run test:cluster` runs it alone.
  testPathIgnorePatterns: ['/node_modules/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^@jaring/(domain|contracts|messaging|platform)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  testTimeout: 120000,
  slowTestThreshold: 30,
};
