import { waitFor, withDatabase } from '@rackeval/testing';
import http from 'node:http';
import { startedService } from './fixtures';
import { withTextBody } from './support/text-body';

/** Raw GET that hands back the response unread, so the test controls how fast it is consumed. */
function rawGet(url: string, token: string): Promise<http.IncomingMessage & { request: http.ClientRequest }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (response) =>
      resolve(Object.assign(response, { request })),
    );
    request.on('error', reject);
  });
}

describe('audit CSV export', () => {
  const sut = startedService({ LAPSE_SWEEP_INTERVAL_SECONDS: '3600' });
  let schema: string;

  beforeAll(async () => {
    schema = sut.service.config.DATABASE_SCHEMA;
  });

  // ~36 MB of CSV: more than the socket buffers on both sides hold, so a client that stops reading stops the export.
  const entries = 120_000;

  beforeAll(async () => {
    await withDatabase((client) =>
      client.query(
        `INSERT INTO "${schema}".option_audit (rack_serial, action, actor, occurred_at, from_state, to_state, reason)
         SELECT 'RK-AUD-' || lpad((i % 500)::text, 4, '0'), 'EXERCISED', 'fiona', timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second',
                'EXERCISABLE', 'EXERCISED', 'entry ' || i || ', "quoted", with a comma; ' || repeat('x', 200)
           FROM generate_series(1, ${entries}) AS i`,
      ),
    );
  });

  it('arrives complete and in order', async () => {
    const response = await withTextBody((await sut.api.as('fiona')).get('/v1/audit/export.csv'));
    expect(response.status).toBe(200);
    const lines = (response.body as string).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('id,occurredAt,rackSerial,action,actor,fromState,toState,reason,waiver,termsVersion,unitPrice,currency');
    const rows = lines.slice(1);
    expect(rows).toHaveLength(entries);
    const ids = rows.map((line) => Number(line.split(',')[0]));
    expect(ids.every((id, k) => k === 0 || id > ids[k - 1])).toBe(true);
    expect(rows[0]).toBe(
      `${ids[0]},2026-01-01T00:00:01.000Z,RK-AUD-0001,EXERCISED,fiona,EXERCISABLE,EXERCISED,"entry 1, ""quoted"", with a comma; ${'x'.repeat(200)}",,,,`,
    );
    expect(rows[entries - 1]).toContain('"entry 120000, ""quoted"", with a comma; x');
  });

  it('is produced as the client reads it: a client that stops reading holds the export mid-way, and leaving releases it', async () => {
    const token = await sut.tokens.token('fiona');
    const inExport = () =>
      withDatabase(async (client) =>
        Number(
          (
            await client.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'idle in transaction' AND query LIKE $1`, [
              `%"${schema}"."option_audit"%`,
            ])
          ).rows[0].n,
        ),
      );
    const response = await rawGet(`${sut.service.url}/v1/audit/export.csv`, token);
    expect(response.statusCode).toBe(200);
    const first: Buffer = await new Promise((resolve) => response.once('data', resolve));
    response.pause();
    expect(first.toString('utf8')).toMatch(/^id,occurredAt,/);
    // The client has stopped reading: the service waits on the socket with its snapshot open, having read only part of the trail.
    await waitFor('the export to wait for the client', async () => (await inExport()) === 1);
    response.request.destroy();
    await waitFor('the export to release its connection when the client left', async () => (await inExport()) === 0);
  });
});
