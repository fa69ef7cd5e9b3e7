/**
 * The architecture, enforced: `npm run lint:boundaries` fails on any violation.
 * - an app never imports another app, and nothing imports an app;
 * - apps and libs use a library only through its public entry (`@rackeval/<lib>`), never its files;
 * - the libraries form layers: contracts ← messaging ← platform ← testing; auth stands alone;
 * - production code never imports the testing library, nor a library's test-only entry (`@rackeval/<lib>/testing`);
 * - the generated API client (libs/api-client) runs in browsers: no Node built-in, no other rackeval library.
 */
const LIB = '^libs/([^/]+)/';

module.exports = {
  forbidden: [
    {
      name: 'no-app-to-other-app',
      comment: 'One service never imports another service: they share only events (libs/contracts).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-lib-to-app',
      comment: 'Libraries are shared and never depend on an application.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'lib-public-api-only',
      comment: 'Import a library through @rackeval/<lib> (its index.ts), never a file inside it.',
      severity: 'error',
      from: { path: '^(apps|libs)/([^/]+)/' },
      to: { path: `${LIB}src/.+`, pathNot: ['^libs/$2/', `${LIB}src/index\\.ts$`, `${LIB}src/testing/index\\.ts$`] },
    },
    {
      name: 'no-test-entry-in-production-code',
      comment: "A library's test-only entry (@rackeval/<lib>/testing, e.g. TestTokens) is for tests and tools only.",
      severity: 'error',
      from: { path: '^(apps|libs)/[^/]+/src/', pathNot: ['\\.spec\\.ts$', '^libs/testing/', '^libs/[^/]+/src/testing/'] },
      to: { path: `${LIB}src/testing/` },
    },
    {
      name: 'contracts-is-a-leaf',
      comment: 'Event contracts depend on no other rackeval library.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '^libs/', pathNot: '^libs/contracts/' },
    },
    {
      name: 'auth-is-a-leaf',
      severity: 'error',
      from: { path: '^libs/auth/' },
      to: { path: '^libs/', pathNot: '^libs/auth/' },
    },
    {
      name: 'messaging-layer',
      comment: 'The event runtime builds on contracts only.',
      severity: 'error',
      from: { path: '^libs/messaging/' },
      to: { path: '^libs/', pathNot: '^libs/(messaging|contracts)/' },
    },
    {
      name: 'platform-layer',
      severity: 'error',
      from: { path: '^libs/platform/' },
      to: { path: '^libs/(testing)/' },
    },
    {
      name: 'api-client-is-browser-safe',
      comment: 'The generated client and vocabularies run in the console: no server library, no Node built-in.',
      severity: 'error',
      from: { path: '^libs/api-client/src/' },
      to: { path: ['^libs/(?!api-client/)', '^apps/'] },
    },
    {
      name: 'api-client-without-node',
      severity: 'error',
      from: { path: '^libs/api-client/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-testing-in-production-code',
      comment: 'The test harness is for tests only.',
      severity: 'error',
      from: { path: '^(apps|libs)/[^/]+/src/', pathNot: ['\\.spec\\.ts$', '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
