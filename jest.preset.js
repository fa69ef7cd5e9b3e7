// Shared Jest settings. @nestjs/* 12 and a few of their dependencies are ESM-only:
// swc transforms them to CommonJS so Jest on Node 20 can load them.
const path = require('node:path');

const esmOnly = ['@nestjs', 'jose', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras'];
const libs = ['contracts', 'messaging', 'auth', 'platform', 'testing', 'api-client'];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((lib) => [`^@rackeval/${lib}$`, path.join(__dirname, 'libs', lib, 'src', 'index.ts')])),
    // a library's test-only entry, e.g. @rackeval/auth/testing (TestTokens), and its browser-safe
    // vocabularies, @rackeval/contracts/vocabulary
    '^@rackeval/([a-z-]+)/(testing|vocabulary)$': path.join(__dirname, 'libs', '$1', 'src', '$2', 'index.ts'),
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  setupFiles: [path.join(__dirname, 'jest.setup.js')],
  // Integration tests start real services against a real broker; unit tests finish far sooner.
  testTimeout: 60_000,
};
