// `npm run token -- <username>`: a development token from the local issuer, for calling the APIs
// by hand, e.g. curl -H "Authorization: Bearer $(npm run -s token -- ada)" http://127.0.0.1:3001/health
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { LocalIssuer, ensureLocalKeyPair } = require(path.join(root, 'libs', 'auth', 'dist', 'index.js'));

const username = process.argv[2];
if (!username) {
  process.stderr.write('usage: npm run token -- <username>   (ines tariq tess fiona farid ada vic)\n');
  process.exit(2);
}
const { privateKeyFile } = await ensureLocalKeyPair(path.join(root, '.rackeval', 'keys'));
const issuer = await LocalIssuer.create({
  privateKeyFile,
  issuer: process.env.AUTH_ISSUER ?? 'rackeval-local',
  audience: process.env.AUTH_AUDIENCE ?? 'rackeval',
  password: process.env.RACKEVAL_LOCAL_PASSWORD ?? 'rackeval',
  // A development tool, run beside `npm start`; still refused when NODE_ENV says production.
  nodeEnv: process.env.NODE_ENV ?? 'development',
});
const { accessToken } = await issuer.issue(username, process.env.RACKEVAL_LOCAL_PASSWORD ?? 'rackeval');
process.stdout.write(`${accessToken}\n`);
