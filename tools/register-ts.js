// Runs TypeScript sources directly (scripts, test fixtures in child processes): compiles .ts with
// swc using the repository's .swcrc and resolves @rackeval/<lib> to the library's source.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  // @rackeval/<lib> → its index; @rackeval/<lib>/testing → its test-only entry (src/testing/index.ts);
  // @rackeval/contracts/vocabulary → the browser-safe vocabularies (src/vocabulary/index.ts)
  const lib = /^@rackeval\/([a-z-]+)(?:\/(testing|vocabulary))?$/.exec(request);
  const source = lib && path.join(root, 'libs', lib[1], 'src', ...(lib[2] ? [lib[2]] : []), 'index.ts');
  return resolve.call(this, source && fs.existsSync(source) ? source : request, parent, ...rest);
};

require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcrc, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
