#!/usr/bin/env node
'use strict';
// Runs the compiled output when there is one, else the TypeScript sources. Inside the repository
// the workspace libraries (@rackeval/api-client, contracts' vocabulary) are TypeScript sources
// either way, so the repository's swc hook is registered first whenever it is there.
const fs = require('node:fs');
const path = require('node:path');

const built = path.join(__dirname, '..', 'dist', 'main.js');
const repositoryHook = path.join(__dirname, '..', '..', '..', 'tools', 'register-ts.js');
if (fs.existsSync(repositoryHook)) require(repositoryHook);
require(fs.existsSync(built) ? built : path.join(__dirname, '..', 'src', 'main.ts')).main();
