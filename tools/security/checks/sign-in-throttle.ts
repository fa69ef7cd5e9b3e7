/**
 * Password guessing through the gateway: thirty wrong passwords in a row for one account. After the
 * first few, sign-in must answer 429 with a Retry-After, and go on doing so to the end; the right
 * password during the lockout must not get a token either. Then one guess each for many accounts.
 */
import { send } from '../support/http';
import { CheckOutcome, Violation } from '../support/outcome';

const ATTEMPTS = 30;
/** The few failures tolerated before the lockout starts (the gateway's default account budget is 5). */
const FIRST_FEW = 10;

export async function checkSignInThrottle(gatewayUrl: string, username = 'vic'): Promise<CheckOutcome> {
  const url = `${gatewayUrl}/api/auth/token`;
  const reproduce = `for i in $(seq ${ATTEMPTS}); do curl -s -o /dev/null -w '%{http_code} ' -XPOST ${url} -H 'content-type: application/json' -d '{"username":"${username}","password":"wrong-'$i'"}'; done`;
  const statuses: number[] = [];
  const violations: Violation[] = [];
  for (let i = 0; i < ATTEMPTS; i++) {
    const answer = await send('POST', url, { body: JSON.stringify({ username, password: `wrong-password-${i}` }) });
    statuses.push(answer.status);
    if (answer.status === 429 && !/^\d+$/.test(answer.headers.get('retry-after') ?? '')) {
      violations.push({ what: `attempt ${i + 1}: 429 without a Retry-After in seconds`, reproduce });
    }
    if (answer.status === 200 || answer.status >= 500)
      violations.push({ what: `attempt ${i + 1} with a wrong password: ${answer.status}`, reproduce });
  }
  const firstThrottled = statuses.indexOf(429);
  if (firstThrottled < 0 || firstThrottled >= FIRST_FEW) {
    violations.push({ what: `no 429 within the first ${FIRST_FEW} wrong passwords (statuses: ${statuses.join(' ')})`, reproduce });
  } else if (statuses.slice(firstThrottled).some((status) => status !== 429)) {
    violations.push({ what: `throttling let guesses through after it started (statuses: ${statuses.join(' ')})`, reproduce });
  }
  const right = await send('POST', url, { body: JSON.stringify({ username, password: 'rackeval' }) });
  if (right.status !== 429) violations.push({ what: `the right password during the lockout: ${right.status}, expected 429`, reproduce });
  const spraying = await sprayFromOneAddress(url, violations);
  return {
    check: 'sign-in throttling',
    target: `gateway, ${ATTEMPTS} wrong passwords, then spraying`,
    tried: ATTEMPTS + 1 + spraying,
    violations,
    detail: {
      statuses,
      firstThrottledAttempt: firstThrottled + 1,
      retryAfter: right.headers.get('retry-after'),
      sprayedUntilThrottled: spraying,
    },
  };
}

/** The gateway's default address budget (SIGN_IN_ADDRESS_MAX_FAILURES) with some slack. */
const SPRAY_LIMIT = 60;

/**
 * Password spraying: one guess per account name, never tripping an account's lockout, from one
 * address. The address's own budget must stop it; returns the attempts it took.
 */
async function sprayFromOneAddress(url: string, violations: Violation[]): Promise<number> {
  for (let i = 1; i <= SPRAY_LIMIT; i++) {
    const answer = await send('POST', url, { body: JSON.stringify({ username: `sprayed-${i}`, password: 'Winter2026!' }) });
    if (answer.status === 429) return i;
    if (answer.status !== 401)
      violations.push({ what: `spraying attempt ${i}: ${answer.status}, expected 401 or 429`, reproduce: `POST ${url} as sprayed-${i}` });
  }
  violations.push({
    what: `${SPRAY_LIMIT} guesses for ${SPRAY_LIMIT} different accounts from one address were never throttled`,
    reproduce: `for i in $(seq ${SPRAY_LIMIT}); do curl -s -o /dev/null -w '%{http_code} ' -XPOST ${url} -H 'content-type: application/json' -d '{"username":"sprayed-'$i'","password":"x"}'; done`,
  });
  return SPRAY_LIMIT;
}
