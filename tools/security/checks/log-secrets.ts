/**
 * No credential in any log line: every line the services, the gateway and their migrations wrote
 * during the suite is searched for each token and ticket the suite used, for any part of a token
 * long enough to replay (its signature), and for the `eyJ` that starts every JWT.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_LOG } from '../support/log';
import { CheckOutcome, Violation } from '../support/outcome';

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
    const found = [...needles].some((needle) => line.includes(needle)) ? 'a credential the suite used' : line.includes('eyJ') ? 'a JWT-like "eyJ"' : undefined;
    if (!found) return;
    // The report must not become the leak: what matched is masked before the line is quoted.
    const shown = [...needles].reduce((text, needle) => text.split(needle).join('<credential>'), line).replace(/eyJ[\w.-]*/g, 'eyJ…');
    violations.push({ what: `log line ${index + 1} holds ${found}: ${shown.slice(0, 160)}`, reproduce: `sed -n ${index + 1}p ${where}` });
  });
  return { check: 'no token in logs', target: `${lines.length} log lines`, tried: lines.length, violations };
}
