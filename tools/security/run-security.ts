/**
 * `npm run test:security [-- --seed N] [--bodies N] [--skip=fuzz,kafka,…]` — the black-box security
 * suite: starts the four services and the gateway as child processes (dev broker, fresh schemas in
 * the test database), then tries what an attacker would: every route with every role and every
 * broken token, generated bodies, the live stream, sign-in guessing, CSV formulas, the runtime
 * database roles and the Kafka principals. Prints a table per check and exits 1 on any violation.
 * `--write-policy` only renders the policy table into SECURITY.md. Artifacts: test-artifacts/security/.
 */
import 'reflect-metadata';
import { TestTokens } from '@rackeval/auth/testing';
import { RackevalSystem, SERVICES, ServiceName } from '@rackeval/testing';
import { CallerTally, MatrixRow, MatrixTarget, runMatrix } from './checks/authz-matrix';
import { FuzzRow, fuzzBodies } from './checks/body-fuzz';
import { buildCallers, tokensOf } from './checks/callers';
import { checkCsvInjection, FORMULA_PREFIXES, inspectionNote } from './checks/csv-injection';
import { checkDatabasePrivileges } from './checks/database-privileges';
import { checkKafkaAcls } from './checks/kafka-acls';
import { checkLiveTickets } from './checks/live-tickets';
import { checkLogSecrets, sendTokensInUrls } from './checks/log-secrets';
import { checkPolicyCoverage } from './checks/policy-coverage';
import { buildFixture, Fixture, FIXTURE_GENERATION } from './checks/programme-fixture';
import { startFixtureRun } from './checks/run-fixture';
import { checkServiceAccountCredentials } from './checks/service-account-credentials';
import { checkSignInThrottle } from './checks/sign-in-throttle';
import { PolicyService } from './policy/policy-table';
import { policyDocIsCurrent, SECURITY_MD, writePolicyDoc } from './policy/render-policy';
import { fetchOpenApi, OpenApiDocument } from './policy/route-inventory';
import { parseArgs } from './support/args';
import { captureChildOutput, log, printError } from './support/log';
import { CheckOutcome } from './support/outcome';
import { printReport } from './support/report';
import { startSystem, stopSystem } from './system/security-system';

async function main(): Promise<number> {
  if (process.argv.includes('--write-policy')) {
    writePolicyDoc();
    log(`policy table written to ${SECURITY_MD}`);
    return 0;
  }
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  captureChildOutput();
  log(`seed ${options.seed} (replay with --seed ${options.seed}); ${options.bodies} bodies per write operation`);
  const outcomes: CheckOutcome[] = [];
  let matrix: MatrixRow[] = [];
  let fuzz: FuzzRow[] = [];
  let tally: CallerTally | undefined;
  const secrets: string[] = [];
  const wanted = (name: string) => !options.skip.includes(name);
  /** A check that throws is a failure with its reason, never a silent pass. */
  const run = async (name: string, check: string, work: () => Promise<CheckOutcome | void>) => {
    if (!wanted(name)) return;
    log(`${check}…`);
    try {
      const outcome = await work();
      if (outcome) outcomes.push(outcome);
    } catch (error) {
      outcomes.push({
        check,
        target: 'could not run',
        tried: 0,
        violations: [
          { what: `${check} failed to run: ${(error as Error).message.split('\n')[0]}`, reproduce: 'see the stack trace above' },
        ],
      });
      log(`${check} failed to run: ${(error as Error).stack}`);
    }
  };

  await run('policy', 'policy in SECURITY.md', async () => ({
    check: 'policy in SECURITY.md',
    target: 'rendered table',
    tried: 1,
    violations: policyDocIsCurrent()
      ? []
      : [{ what: 'SECURITY.md shows another policy than the code', reproduce: 'npm run test:security -- --write-policy' }],
  }));

  const tokens = await TestTokens.create();
  const callers = await buildCallers(tokens);
  const secondFinance = await tokens.token('farid');
  secrets.push(...tokensOf(callers), secondFinance);
  let system: RackevalSystem | undefined;
  try {
    log('starting intake, test-run, results, purchase-option and the gateway');
    system = await startSystem(tokens);
    const sut = system;
    log('system up');
    const documents = {} as Record<PolicyService, OpenApiDocument>;
    documents.gateway = await fetchOpenApi(sut.gatewayUrl());
    for (const name of SERVICES) documents[name] = await fetchOpenApi(sut.url(name));

    await run('policy', 'policy coverage', async () => checkPolicyCoverage(documents));
    await run('matrix', 'authorisation matrix', async () => {
      const targets: MatrixTarget[] = [
        { service: 'gateway', via: 'direct', baseUrl: sut.gatewayUrl() },
        ...SERVICES.map((service): MatrixTarget => ({ service, via: 'direct', baseUrl: sut.url(service) })),
        ...SERVICES.map((service): MatrixTarget => ({ service, via: 'gateway', baseUrl: `${sut.gatewayUrl()}/api/${service}` })),
      ];
      const result = await runMatrix(targets, documents, callers);
      [matrix, tally] = [result.rows, result.tally];
      return result.outcome;
    });
    await run('tickets', 'live-event tickets', () => checkLiveTickets(sut.gatewayUrl(), callers, secrets));
    await run('accounts', 'service-account credentials', () => checkServiceAccountCredentials(sut.gatewayUrl(), callers, secrets));
    let fixture: Fixture | undefined;
    await run('fixture', 'programme fixture', async () => {
      if (wanted('csv') || wanted('fuzz'))
        fixture = await buildFixture(sut, callers, secondFinance, FORMULA_PREFIXES.length, inspectionNote);
    });
    // Without the fixture the two checks below fail to run, which the summary shows as violations.
    await run('csv', 'CSV injection', () => checkCsvInjection(sut, callers, fixture!.decidable));
    await run('fuzz', 'body fuzzing', async () => {
      const runId = await startFixtureRun(sut, callers, fixture!.forRun);
      const parameters = {
        serial: fixture!.spare,
        rackSerial: fixture!.spare,
        generation: FIXTURE_GENERATION,
        version: '1',
        id: runId,
        runId,
      };
      // Results before test-run: a fuzzed abort may end the run its measurements go to.
      const services: readonly ServiceName[] = ['intake', 'results', 'test-run', 'purchase-option'];
      const hints = {
        metric: ['training_throughput'],
        unit: ['tokens/s'],
        generation: [FIXTURE_GENERATION],
        rackSerial: [fixture!.spare],
        suite: ['burn-in'],
        bay: ['SEC-BAY-1'],
      };
      const result = await fuzzBodies(sut, services, documents, callers, { seed: options.seed, bodies: options.bodies, parameters, hints });
      fuzz = result.rows;
      return result.outcome;
    });
    await run('db', 'database privileges', () => checkDatabasePrivileges(sut));
    await run('kafka', 'Kafka ACLs', () => checkKafkaAcls(process.env.KAFKA_TOPIC_PREFIX ?? ''));
    if (wanted('logs')) {
      const bases = [...SERVICES.map((name) => sut.url(name)), ...SERVICES.map((name) => `${sut.gatewayUrl()}/api/${name}`)];
      await sendTokensInUrls(bases, callers.find((caller) => caller.role === 'admin')!.token!);
    }
    // Last over HTTP: it locks an account and spends the address's sign-in budget.
    await run('throttle', 'sign-in throttling', () => checkSignInThrottle(sut.gatewayUrl()));
  } finally {
    log('stopping the system');
    await stopSystem(system);
    await tokens.dispose();
  }
  // After the processes ended, so every line they wrote is in the file.
  await run('logs', 'no token in logs', async () => checkLogSecrets(secrets));

  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  process.stdout.write(printReport({ seed: options.seed, minutes, outcomes, matrix, tally, fuzz }));
  return outcomes.some((outcome) => outcome.violations.length) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    printError(`security suite failed: ${error.stack}\n`);
    process.exit(2);
  },
);
