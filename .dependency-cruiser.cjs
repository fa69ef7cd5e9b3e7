/**
 * The architecture, enforced: `npm run lint:boundaries` fails on any violation.
 *
 * Most rules come from the Nx tags in each project's package.json (`nx.tags`, what `nx show
 * projects --with-tag` reads), so a tag is a promise this file holds:
 * - type:app | type:e2e | type:lib — a library never imports an app or the end-to-end suite;
 * - scope:<name> — a project imports only its own scope, scope:shared and (in tests) scope:test:
 *   one service never imports another service, they share only events (libs/contracts);
 * - scope:test — the test harness: production code (src/, not a spec) never imports it;
 * - runtime:browser — runs in browsers (the console, the generated client): its src/ imports only
 *   other runtime:browser projects, a server library's browser-safe entry (BROWSER_SAFE_ENTRIES, which
 *   imports nothing outside its folder) and no Node built-in.
 * Every project must carry one type:* and one scope:* tag. The rest is written out below:
 * - apps and libs use a library only through its public entry (`@rackeval/<lib>`, or a browser-safe
 *   entry such as `@rackeval/contracts/vocabulary`), never its files;
 * - the libraries form layers: contracts ← messaging ← platform ← testing; auth stands alone;
 * - production code never imports a library's test-only entry (`@rackeval/<lib>/testing`).
 */
const fs = require('node:fs');
const path = require('node:path');

const LIB = '^libs/([^/]+)/';
const SPEC = '\\.(int-)?spec\\.tsx?$';
/** Browser code minus what only its tests run (specs, the jsdom set-up in src/test-support/). */
const BROWSER_TESTS = [SPEC, '/test-support/'];
/** Folders of server libraries that browser code may import: each has an index.ts and imports nothing. */
const BROWSER_SAFE_ENTRIES = ['libs/contracts/src/vocabulary/', 'libs/auth/src/vocabulary/'];

/** Every project under apps/ and libs/ with its Nx tags. */
const PROJECTS = ['apps', 'libs'].flatMap((dir) =>
  fs
    .readdirSync(path.join(__dirname, dir))
    .filter((name) => fs.existsSync(path.join(__dirname, dir, name, 'package.json')))
    .map((name) => {
      const root = `${dir}/${name}`;
      const tags = JSON.parse(fs.readFileSync(path.join(__dirname, root, 'package.json'), 'utf8')).nx?.tags ?? [];
      for (const kind of ['type', 'scope'])
        if (tags.filter((tag) => tag.startsWith(`${kind}:`)).length !== 1)
          throw new Error(`${root}/package.json: nx.tags needs one ${kind}:* tag`);
      return { root, tags };
    }),
);
const rootsWith = (test) => PROJECTS.filter((project) => project.tags.some(test)).map((project) => project.root);
const tagged = (tag) => rootsWith((candidate) => candidate === tag);
/** A path pattern for the files of these projects (matches nothing for none). */
const inside = (roots, below = '') => (roots.length ? `^(${roots.join('|')})/${below}` : '^$');

const SHARED_SCOPES = ['scope:shared', 'scope:test'];
const ownScopes = [...new Set(PROJECTS.flatMap((project) => project.tags.filter((tag) => tag.startsWith('scope:'))))].filter(
  (scope) => !SHARED_SCOPES.includes(scope),
);
const scopedRoots = rootsWith((tag) => tag.startsWith('scope:') && !SHARED_SCOPES.includes(tag));
const browserRoots = tagged('runtime:browser');

const tagRules = [
  {
    name: 'type:lib-imports-no-app',
    comment: 'type:lib — libraries are shared and never depend on an application or the end-to-end suite.',
    severity: 'error',
    from: { path: inside(tagged('type:lib')) },
    to: { path: inside([...tagged('type:app'), ...tagged('type:e2e')]) },
  },
  ...ownScopes.map((scope) => ({
    name: `${scope}-imports-own-or-shared`,
    comment: `${scope} imports only ${scope}, scope:shared and scope:test: one service never imports another, they share only events.`,
    severity: 'error',
    from: { path: inside(tagged(scope)) },
    to: { path: inside(scopedRoots.filter((root) => !tagged(scope).includes(root))) },
  })),
  {
    name: 'scope:test-in-tests-only',
    comment: 'scope:test — the test harness is for tests only, never production code.',
    severity: 'error',
    from: {
      path: inside(
        rootsWith((tag) => tag !== 'scope:test' && tag.startsWith('scope:')),
        'src/',
      ),
      pathNot: SPEC,
    },
    to: { path: inside(tagged('scope:test')) },
  },
  {
    name: 'runtime:browser-imports-browser-only',
    comment: 'runtime:browser — the console and the generated client run in browsers: no server library.',
    severity: 'error',
    from: { path: inside(browserRoots, 'src/'), pathNot: BROWSER_TESTS },
    to: {
      path: inside(PROJECTS.map((project) => project.root).filter((root) => !browserRoots.includes(root))),
      pathNot: BROWSER_SAFE_ENTRIES.map((folder) => `^${folder}`),
    },
  },
  ...BROWSER_SAFE_ENTRIES.map((folder) => ({
    name: 'browser-safe-entry-imports-nothing',
    comment: `${folder} is imported by browser code: it imports nothing outside its folder (no library, package or Node built-in).`,
    severity: 'error',
    from: { path: `^${folder}` },
    to: { pathNot: `^${folder}` },
  })),
  {
    name: 'runtime:browser-without-node',
    comment: 'runtime:browser — no Node built-in in code that runs in a browser.',
    severity: 'error',
    from: { path: inside(browserRoots, 'src/'), pathNot: BROWSER_TESTS },
    to: { dependencyTypes: ['core'] },
  },
];

/** A library that imports no other rackeval library but those it builds on. */
const libraryLayer = (name, lib, buildsOn, comment) => ({
  name,
  ...(comment && { comment }),
  severity: 'error',
  from: { path: `^libs/${lib}/` },
  to: { path: '^libs/', pathNot: `^libs/(${[lib, ...buildsOn].join('|')})/` },
});

module.exports = {
  forbidden: [
    ...tagRules,
    {
      name: 'lib-public-api-only',
      comment: 'Import a library through @rackeval/<lib> (its index.ts), never a file inside it.',
      severity: 'error',
      from: { path: '^(apps|libs)/([^/]+)/' },
      to: {
        path: `${LIB}src/.+`,
        pathNot: [
          '^libs/$2/',
          `${LIB}src/index\\.ts$`,
          `${LIB}src/testing/index\\.ts$`,
          ...BROWSER_SAFE_ENTRIES.map((folder) => `^${folder}index\\.ts$`),
        ],
      },
    },
    {
      name: 'no-test-entry-in-production-code',
      comment: "A library's test-only entry (@rackeval/<lib>/testing, e.g. TestTokens) is for tests and tools only.",
      severity: 'error',
      from: { path: '^(apps|libs)/[^/]+/src/', pathNot: ['\\.spec\\.ts$', '^libs/testing/', '^libs/[^/]+/src/testing/'] },
      to: { path: `${LIB}src/testing/` },
    },
    libraryLayer('contracts-is-a-leaf', 'contracts', [], 'Event contracts depend on no other rackeval library.'),
    libraryLayer('auth-is-a-leaf', 'auth', []),
    libraryLayer('messaging-layer', 'messaging', ['contracts'], 'The event runtime builds on contracts only.'),
    {
      name: 'platform-layer',
      severity: 'error',
      from: { path: '^libs/platform/' },
      to: { path: '^libs/(testing)/' },
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
