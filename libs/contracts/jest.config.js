const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  rootDir: __dirname,
  displayName: 'contracts',
  // The AsyncAPI generator's helpers live in scripts/ and are tested beside them.
  testMatch: [...preset.testMatch, '<rootDir>/scripts/**/*.spec.ts'],
};
