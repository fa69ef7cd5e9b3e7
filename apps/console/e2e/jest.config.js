// End-to-end tests of the built console in headless Chromium against the real stack
// (Kafka, PostgreSQL, the four services and the gateway, each in its own process).
const preset = require('../../../jest.preset.js');

module.exports = {
  ...preset,
  rootDir: __dirname,
  displayName: 'console-e2e',
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  // Starting the stack takes a while on a shared two-core machine; each flow waits on Kafka hops.
  testTimeout: 300_000,
};
