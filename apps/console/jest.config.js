// Component and logic tests run in jsdom; swc compiles TSX with React's automatic runtime.
const preset = require('../../jest.preset.js');

const swcTsx = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  ...preset,
  rootDir: __dirname,
  displayName: 'console',
  testEnvironment: 'jsdom',
  transform: { '^.+\\.(t|j|mj)sx?$': swcTsx },
  moduleFileExtensions: ['tsx', 'ts', 'js', 'mjs', 'json'],
  moduleNameMapper: { '\\.css$': '<rootDir>/src/test-support/style-stub.js' },
  testMatch: ['<rootDir>/src/**/*.spec.ts?(x)'],
  setupFiles: ['<rootDir>/src/test-support/jsdom-setup.js'],
  testTimeout: 10_000,
};
