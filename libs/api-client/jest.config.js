module.exports = {
  ...require('../../jest.preset.js'),
  rootDir: __dirname,
  displayName: 'api-client',
  testMatch: ['<rootDir>/{src,test}/**/*.spec.ts'],
};
