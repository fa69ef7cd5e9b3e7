/**
 * The rackeval CLI as a harness runs it: a child process against the whole system behind the
 * gateway, signed in with a seeded test engineer.
 */
import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, dropSchema, ensureTestDatabaseRoles, RackevalSystem, waitFor, withDatabase } from '@rackeval/testing';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ocptv, send, setUpProgramme } from './support/programme';

const BIN = join(__dirname, '..', 'bin', 'rackeval.js');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('rackeval CLI against the running system', () => {
  let tokens: TestTokens;
  let system: RackevalSystem;
  let home: string;
  let env: Record<string, string>;

  const cli = (args: string[], input?: string) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const ran = new Promise<Ran>((resolve) => {
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    child.stdin.end(input ?? '');
    return { child, ran };
  };
  const run = (args: string[], input?: string) => cli(args, input).ran;
  const json = <T = Record<string, any>>(ran: Ran): T => {
    if (ran.code !== 0) throw new Error(`exit ${ran.code}: ${ran.stderr}`);
    return JSON.parse(ran.stdout) as T;
  };
  const stored = (runId: string) =>
    withDatabase(async (db) =>
      Number((await db.query(`SELECT count(*) AS n FROM "${system.schema('results')}".measurement WHERE run_id = $1`, [runId])).rows[0].n),
    );
  /** Starts a run of burn-in for the rack through the CLI, once test-run and results know what they need. */
  const startRun = async (rack: string, bay: string): Promise<string> => {
    const started = await waitFor(
      `run of ${rack} started`,
      async () => {
        const ran = await run(['--json', 'runs', 'start', '--rack', rack, '--suite', 'burn-in', '--bay', bay]);
        return ran.code === 0 ? JSON.parse(ran.stdout) : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(started).toMatchObject({ state: 'RUNNING', rackSerial: rack, suite: 'burn-in' });
    await waitFor(
      `results knows run ${started.id} is RUNNING`,
      async () => (await send(system, tokens, 'vic', 'GET', 'results', `/v1/runs/${started.id}`)).body?.state === 'RUNNING',
      {
        timeoutMs: 60_000,
        intervalMs: 300,
      },
    );
    return started.id;
  };

  // The gateway keeps service accounts in its own schema; their tokens live 2 s here, so a push outlives several.
  const gatewaySchema = `gw_cli_${process.pid}`;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    const gatewayDb = await ensureTestDatabaseRoles('gateway');
    system = await RackevalSystem.start({
      publicKeyFile: tokens.publicKeyFile,
      gateway: {
        keyDir: tokens.dir,
        env: {
          GATEWAY_DATABASE_URL: gatewayDb.runtimeUrl,
          GATEWAY_DATABASE_MIGRATION_URL: gatewayDb.ownerUrl,
          GATEWAY_DATABASE_SCHEMA: gatewaySchema,
          SERVICE_ACCOUNT_TOKEN_TTL_SECONDS: '2',
        },
      },
    });
    home = mkdtempSync(join(tmpdir(), 'rackeval-cli-'));
    env = { RACKEVAL_URL: system.gatewayUrl(), RACKEVAL_CONFIG: join(home, 'config.json'), XDG_CACHE_HOME: join(home, 'cache') };
    await setUpProgramme(system, tokens, 'GC1', ['RK-CLI-1', 'RK-CLI-2', 'RK-CLI-3', 'RK-CLI-4', 'RK-CLI-5']);
    const login = await run(['--json', 'login', '--username', 'tess', '--password-stdin'], 'rackeval\n');
    expect(json(login)).toMatchObject({ username: 'tess', roles: ['test-engineer'] });
  }, 300_000);

  afterAll(async () => {
    await system?.stop();
    await dropSchema(gatewaySchema);
    await deleteTestTopics();
    await tokens?.dispose();
  });

  it('pushes OCPTV cut off halfway by a kill, and the same command again stores each sample exactly once', async () => {
    const runId = await startRun('RK-CLI-1', 'BAY-GC1-0');
    const samples = 30_000;
    const file = join(home, 'burn-in.ocptv.jsonl');
    writeFileSync(file, ocptv('RK-CLI-1', samples));
    const args = ['push', runId, file, '--chunk-bytes', '65536', '--progress-interval', '1'];

    const first = cli(args);
    const upload = await waitFor(
      'part of the file stored',
      async () => {
        const { body } = await send(system, tokens, 'vic', 'GET', 'results', `/v1/runs/${runId}/ocptv/uploads`);
        const [found] = (body as unknown as Array<Record<string, any>>) ?? [];
        return found && found.committedBytes > 0 ? found : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 50 },
    );
    first.child.kill('SIGKILL');
    const killed = await first.ran;
    expect(killed.code).toBeNull();
    const before = await stored(runId);
    expect(upload.state).toBe('OPEN');
    expect(before).toBeLessThan(samples + 1);

    const resumed = json(await run(['--json', ...args]));
    expect(resumed).toMatchObject({
      runId,
      format: 'ocptv',
      state: 'COMPLETE',
      measurements: samples + 1,
      runStatus: 'COMPLETE',
      runResult: 'PASS',
    });
    expect(resumed.resumedFrom).toBeGreaterThan(0);
    expect(await stored(runId)).toBe(samples + 1);

    // Once more: the upload is complete, nothing is sent or stored.
    const again = json(await run(['--json', ...args]));
    expect(again).toMatchObject({ state: 'COMPLETE', storedNow: 0 });
    expect(await stored(runId)).toBe(samples + 1);
  });

  it("prints the server's refusal with the line number and exits 4", async () => {
    const runId = await startRun('RK-CLI-2', 'BAY-GC1-1');
    const file = join(home, 'wrong-metric.ocptv.jsonl');
    writeFileSync(file, ocptv('RK-CLI-2', 50, { badLine: 7 }));
    const refused = await run(['push', runId, file]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/422 OCPTV_REJECTED/);
    expect(refused.stderr).toMatch(/line 7: suite burn-in does not report fan_speed/);

    const csv = join(home, 'measurements.csv');
    writeFileSync(csv, 'metric,value,unit,component\nrack_power,118.5,kW,pdu-a\ntraining_throughput,3400,furlongs,\n');
    const badUnit = await run(['--json', 'push', runId, csv]);
    expect(badUnit.code).toBe(4);
    const answer = JSON.parse(badUnit.stdout);
    expect(answer.error).toMatchObject({
      exitCode: 4,
      server: { status: 422, code: 'UNIT_MISMATCH', details: [{ field: 'line 3 unit' }] },
    });
    expect(badUnit.stderr).toMatch(/line 3 unit: training_throughput is judged in tokens\/s/);
  });

  it('pushes NDJSON in keyed batches: a second push of the same file stores nothing; --json everywhere', async () => {
    const runId = await startRun('RK-CLI-3', 'BAY-GC1-2');
    const file = join(home, 'measurements.ndjson');
    const lines = Array.from({ length: 2_500 }, (_, i) =>
      JSON.stringify({
        metric: 'rack_power',
        value: 100 + (i % 20),
        unit: 'kW',
        observedAt: new Date(Date.UTC(2026, 10, 20, 10, 0, i)).toISOString(),
      }),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);

    const first = json(await run(['--json', 'push', runId, file, '--batch-rows', '1000']));
    expect(first).toMatchObject({ runId, format: 'ndjson', batches: 3, rows: 2_500, storedNow: 2_500, replayedBatches: 0 });
    // A fresh machine (no local state): every batch is answered from its Idempotency-Key.
    env.XDG_CACHE_HOME = join(home, 'other-cache');
    const second = json(await run(['--json', 'push', runId, file, '--batch-rows', '1000']));
    expect(second).toMatchObject({ batches: 3, rows: 2_500, storedNow: 0, replayedBatches: 3 });
    expect(await stored(runId)).toBe(2_500);

    const shown = json(await run(['--json', 'runs', 'show', runId]));
    expect(shown).toMatchObject({ id: runId, state: 'RUNNING', rackSerial: 'RK-CLI-3' });
    const listed = json<{ items: Array<{ id: string }> }>(await run(['--json', 'runs', 'list', '--rack', 'RK-CLI-3']));
    expect(listed.items.map((item) => item.id)).toEqual([runId]);
    const completed = json(await run(['--json', 'runs', 'complete', runId]));
    expect(completed).toMatchObject({ id: runId, state: 'COMPLETED' });

    const tailed = await run(['--json', 'tail', runId, '--backlog', '3', '--interval', '1']);
    const events = tailed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(tailed.code).toBe(0);
    expect(events.filter((e) => e.type === 'measurement')).toHaveLength(3);
    expect(events.find((e) => e.type === 'verdict')).toMatchObject({ runId, verdict: expect.stringMatching(/^(PASS|FAIL)$/) });

    const unknown = await run(['--json', 'runs', 'show', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(5);
    const noToken = await run(['--json', '--token', 'not-a-token', 'runs', 'list']);
    expect(noToken.code).toBe(3);
  });

  it('pushes OCPTV with the log file its diagnosis names: an unnamed file is refused before sending (exit 8), then the log becomes an attachment of the run', async () => {
    const runId = await startRun('RK-CLI-5', 'BAY-GC1-4');
    const folder = join(home, 'harness-out');
    mkdirSync(folder, { recursive: true });
    const log = join(folder, 'gpu-ecc.log');
    const logText = 'gpu3: 41 correctable ECC errors in 10 min\n'.repeat(200);
    writeFileSync(log, logText);
    const stray = join(folder, 'stray.txt');
    writeFileSync(stray, 'named by nothing\n');
    const file = join(home, 'diagnosed.ocptv.jsonl');
    writeFileSync(
      file,
      ocptv('RK-CLI-5', 20, {
        stepArtifacts: [
          { diagnosis: { verdict: 'gpu-ecc-errors', type: 'FAIL', message: 'correctable ECC errors above the limit' } },
          { file: { displayName: 'ECC log', uri: 'file:///var/log/burnin/gpu-ecc.log', isSnapshot: false, contentType: 'text/plain' } },
          { file: { displayName: 'bmc-sel.txt', uri: 'file:///var/log/burnin/bmc-sel.txt', isSnapshot: true } },
        ],
      }),
    );

    const refused = await run(['--json', 'push', runId, file, '--attach', log, '--attach', stray]);
    expect({ code: refused.code, said: JSON.parse(refused.stdout).error.message }).toEqual({
      code: 8,
      said: expect.stringContaining(`--attach ${stray}: named by no file artifact of the stream`),
    });
    expect(await stored(runId)).toBe(0);

    const pushed = await run(['--json', 'push', runId, file, '--attach', log]);
    expect(pushed.stderr).toContain('warning: no file given for the file artifact "bmc-sel.txt" file:///var/log/burnin/bmc-sel.txt');
    const result = json(pushed);
    const sha256 = createHash('sha256').update(logText).digest('hex');
    expect(result).toMatchObject({
      runId,
      multipart: true,
      measurements: 21,
      diagnoses: { FAIL: 1 },
      attachments: [{ filename: 'gpu-ecc.log', path: log, size: Buffer.byteLength(logText), sha256, mediaType: 'text/plain' }],
      references: [{ displayName: 'bmc-sel.txt', uri: 'file:///var/log/burnin/bmc-sel.txt' }],
    });
    expect(await stored(runId)).toBe(21);

    const { status, body } = await send(system, tokens, 'vic', 'GET', 'results', `/v1/runs/${runId}/artifacts?kind=DIAGNOSIS,FILE`);
    expect(status).toBe(200);
    const items = body.items as Array<Record<string, any>>;
    expect(items.find((a) => a.kind === 'DIAGNOSIS')).toMatchObject({ name: 'gpu-ecc-errors', level: 'FAIL' });
    expect(items.filter((a) => a.kind === 'FILE')).toEqual([
      expect.objectContaining({
        name: 'ECC log',
        uri: 'file:///var/log/burnin/gpu-ecc.log',
        attachment: expect.objectContaining({ id: result.attachments[0].attachmentId, filename: 'gpu-ecc.log', sha256 }),
      }),
      expect.not.objectContaining({ attachment: expect.anything() }),
    ]);
    const download = await fetch(`${system.url('results')}${items.find((a) => a.attachment)!.attachment.href}`, {
      headers: { authorization: `Bearer ${await tokens.token('vic')}` },
    });
    expect(await download.text()).toBe(logText);
  });

  it('pushes as a service account: tokens renewed during a push longer than their lifetime, the account recorded as the actor; a rotated secret and a revoked account are refused', async () => {
    const gateway = system.gatewayUrl();
    const admin = (
      (await (
        await fetch(`${gateway}/api/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'ada', password: 'rackeval' }),
        })
      ).json()) as { accessToken: string }
    ).accessToken;
    const adminCall = async (method: string, route: string, body?: unknown) => {
      const response = await fetch(`${gateway}${route}`, {
        method,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const created = await adminCall('POST', '/api/auth/service-accounts', {
      name: 'harness-gc1',
      role: 'test-engineer',
      site: 'PDX-1',
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const { account, clientSecret } = created.body;
    const harness = { RACKEVAL_CONFIG: join(home, 'harness.json') };
    const asHarness = async (args: string[], input?: string, extra: Record<string, string> = {}) => {
      const saved = env;
      env = { ...env, ...harness, ...extra };
      try {
        return await run(args, input);
      } finally {
        env = saved;
      }
    };

    const login = json(await asHarness(['--json', 'login', '--client-id', account.clientId, '--client-secret-stdin'], `${clientSecret}\n`));
    expect(login).toMatchObject({ username: 'sa:harness-gc1', clientId: account.clientId, roles: ['test-engineer'] });

    // Its site is PDX-1: a bay at another site is refused before anything else is checked (403, exit 3).
    expect((await send(system, tokens, 'ada', 'POST', 'test-run', '/v1/bays', { code: 'BAY-GC1-SJC', site: 'SJC-2' })).status).toBe(201);
    const elsewhere = await asHarness(['--json', 'runs', 'start', '--rack', 'RK-CLI-4', '--suite', 'burn-in', '--bay', 'BAY-GC1-SJC']);
    expect({ code: elsewhere.code, said: elsewhere.stdout }).toEqual({ code: 3, said: expect.stringContaining('SITE_NOT_ALLOWED') });

    const started = await waitFor(
      'run of RK-CLI-4 started by the service account',
      async () => {
        const ran = await asHarness(['--json', 'runs', 'start', '--rack', 'RK-CLI-4', '--suite', 'burn-in', '--bay', 'BAY-GC1-3']);
        return ran.code === 0 ? JSON.parse(ran.stdout) : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await waitFor(
      `results knows run ${started.id} is RUNNING`,
      async () => (await send(system, tokens, 'vic', 'GET', 'results', `/v1/runs/${started.id}`)).body?.state === 'RUNNING',
      { timeoutMs: 60_000, intervalMs: 300 },
    );

    // Small chunks: the push makes many requests over more than one 2-second token.
    const samples = 20_000;
    const file = join(home, 'harness.ocptv.jsonl');
    writeFileSync(file, ocptv('RK-CLI-4', samples));
    const began = Date.now();
    const pushed = json(await asHarness(['--json', 'push', started.id, file, '--chunk-bytes', '32768']));
    const tookMs = Date.now() - began;
    process.stdout.write(`service-account push: ${samples + 1} measurements in ${tookMs} ms with 2 s tokens\n`);
    expect(pushed).toMatchObject({ runId: started.id, state: 'COMPLETE', measurements: samples + 1 });
    const actors = await withDatabase(async (db) =>
      (
        await db.query(`SELECT DISTINCT recorded_by FROM "${system.schema('results')}".measurement WHERE run_id = $1`, [started.id])
      ).rows.map((r) => r.recorded_by),
    );
    expect(actors).toEqual(['sa:harness-gc1']);

    // Environment instead of login: the same account, without the config file.
    const byEnv = await asHarness(['--json', 'runs', 'show', started.id], undefined, {
      RACKEVAL_CONFIG: join(home, 'none.json'),
      RACKEVAL_CLIENT_ID: account.clientId,
      RACKEVAL_CLIENT_SECRET: clientSecret,
    });
    expect(json(byEnv)).toMatchObject({ id: started.id });

    // Rotated: the stored (old) secret no longer obtains tokens.
    const rotated = await adminCall('POST', `/api/auth/service-accounts/${account.id}/rotate`, { reason: 'rotation drill' });
    expect(rotated.status).toBe(200);
    const stale = await waitFor(
      'the stored token to need renewing',
      async () => {
        const ran = await asHarness(['--json', 'runs', 'show', started.id]);
        return ran.code !== 0 ? ran : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect({ code: stale.code, said: stale.stderr + stale.stdout }).toEqual({
      code: 3,
      said: expect.stringMatching(/invalid_client: unknown client or wrong secret/),
    });
    expect(
      json(await asHarness(['--json', 'login', '--client-id', account.clientId, '--client-secret', rotated.body.clientSecret])),
    ).toMatchObject({ username: 'sa:harness-gc1' });

    // Revoked: the next token request is refused.
    expect((await adminCall('POST', `/api/auth/service-accounts/${account.id}/revoke`, { reason: 'harness retired' })).status).toBe(200);
    const revoked = await asHarness(['--json', 'login', '--client-id', account.clientId, '--client-secret', rotated.body.clientSecret]);
    expect({ code: revoked.code, said: revoked.stderr + revoked.stdout }).toEqual({
      code: 3,
      said: expect.stringMatching(/the service account is revoked/),
    });
  });
});
