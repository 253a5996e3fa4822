// The layering of docs/design.md ("Layers"), checked by dependency-cruiser on every import (`npm run lint`,
// run by CI). Each rule names what may not import what; the first breach fails the run.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-service-imports-another',
      comment: 'Services talk to each other only through Kafka events: never through code.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-import-no-app',
      comment: 'A library serves every service; it cannot depend on one.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain holds pure rules: it imports itself and nothing else (no Nest, TypeORM, pg, Kafka, other libs); ' +
        "Node's own modules only to read the data files it ships (the official area codes).",
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { pathNot: '^libs/domain/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'contracts-stay-transport-free',
      comment: 'Event contracts are declarations: no transport, no persistence, no platform.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: ['^libs/(messaging|platform)/', 'node_modules/(@nestjs|typeorm|kafkajs|pg)/'] },
    },
    {
      name: 'messaging-below-platform',
      comment: 'The libraries depend on each other one way: domain <- contracts <- messaging <- platform.',
      severity: 'error',
      from: { path: '^libs/messaging/' },
      to: { path: '^libs/platform/' },
    },
    {
      name: 'service-domain-is-pure',
      comment: "A service's domain/ folder holds its pure rules: nothing but libs/domain and itself.",
      severity: 'error',
      from: { path: '^apps/[^/]+/src/domain/' },
      to: { pathNot: ['^apps/[^/]+/src/domain/', '^libs/domain/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'controllers-hold-no-sql',
      comment: 'Controllers are thin adapters: the SQL and the transactions live in handlers, queries and repositories.',
      severity: 'error',
      from: { path: '\\.controller\\.ts$' },
      to: { path: 'node_modules/(typeorm|pg|@nestjs/typeorm)/' },
    },
    {
      name: 'console-uses-public-apis-only',
      comment: "The back-office console is a browser app: it reaches the platform through the services' HTTP APIs, never their code.",
      severity: 'error',
      from: { path: '^apps/console/' },
      to: { path: ['^libs/', '^deploy/', '^test/'] },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes the order of module loading matter (and Nest providers undefined at decoration time).',
      severity: 'error',
      from: { path: '^(apps|libs)/' },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.jaring)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
