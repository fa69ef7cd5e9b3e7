// Specs for repository-level files (docker-compose.yml, infra/): npx jest -c tools/jest.config.js
module.exports = {
  ...require('../jest.preset.js'),
  rootDir: __dirname,
  displayName: 'tools',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
};
