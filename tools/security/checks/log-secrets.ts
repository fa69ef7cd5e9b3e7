/**
 * No credential in any log line: every line the services, the gateway and their migrations wrote
 * during the suite is searched for each token and ticket the suite used, for any part of a token
 * long enough to replay (its signature), and for anything shaped like a JWT: two base64url JSON
 * segments, `eyJ….eyJ…` (one segment alone may be a harmless cursor).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { send } from '../support/http';
import { SERVICE_LOG } from '../support/log';
import { CheckOutcome, Violation } from '../support/outcome';

const JWT_SHAPED = /eyJ[\w-]*\.eyJ[\w-]*/;

/**
 * Bait: a token where it should never be, in the query string (as the old console sent it) and in
 * a header no one reads, on every service and through the gateway. The request logs must drop it.
 */
export async function sendTokensInUrls(urls: string[], token: string): Promise<void> {
  for (const base of urls) {
    await send('GET', `${base}/v1/generations?access_token=${token}&token=${token}`, { token, headers: { 'x-api-key': token } });
  }
}

export function checkLogSecrets(secrets: string[]): CheckOutcome {
  const lines = readFileSync(SERVICE_LOG, 'utf8').split('\n');
  const needles = new Set<string>();
  for (const secret of secrets) {
    needles.add(secret);
    const signature = secret.split('.')[2];
    if (signature && signature.length >= 16) needles.add(signature);
  }
  const violations: Violation[] = [];
  const where = path.relative(process.cwd(), SERVICE_LOG);
  lines.forEach((line, index) => {
    const found = [...needles].some((needle) => line.includes(needle))
      ? 'a credential the suite used'
      : JWT_SHAPED.test(line)
        ? 'a JWT-shaped eyJ….eyJ…'
        : undefined;
    if (!found) return;
    // The report must not become the leak: what matched is masked before the line is quoted.
    const shown = [...needles].reduce((text, needle) => text.split(needle).join('<credential>'), line).replace(/eyJ[\w.-]*/g, 'eyJ…');
    violations.push({ what: `log line ${index + 1} holds ${found}: ${shown.slice(0, 160)}`, reproduce: `sed -n ${index + 1}p ${where}` });
  });
  return { check: 'no token in logs', target: `${lines.length} log lines`, tried: lines.length, violations };
}
