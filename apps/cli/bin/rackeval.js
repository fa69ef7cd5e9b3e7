#!/usr/bin/env node
'use strict';
// The published package runs its compiled output; inside the repository, before a build, the
// TypeScript sources run through the repository's swc hook.
const fs = require('node:fs');
const path = require('node:path');

const built = path.join(__dirname, '..', 'dist', 'main.js');
if (fs.existsSync(built)) {
  require(built).main();
} else {
  require(path.join(__dirname, '..', '..', '..', 'tools', 'register-ts.js'));
  require(path.join(__dirname, '..', 'src', 'main.ts')).main();
}
