import { WEBHOOK_HEADERS } from '@rackeval/contracts';
import { freePort, type RunningService, startTestService, waitFor } from '@rackeval/testing';
import { createServer, Server } from 'node:http';
import type { ResultsConfig } from '../src/config';
import { recipe, ResultsHarness } from './support/results.harness';

const BOM = [{ partNumber: 'PSU-3KW-A', category: 'power', quantity: 6, supplier: 'Delta Electronics', countryOfOrigin: 'TW' }];
const FINDINGS = 6;

/** Two instances of results on one schema, as a scaled-out deployment runs them, against one manufacturer receiver. */
describe('manufacturer feed with two instances of results', () => {
  let sut: ResultsHarness;
  let second: RunningService<ResultsConfig>;
  let server: Server;
  const hits: Array<{ eventId: string; findingId: string; type: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        hits.push({ eventId: String(req.headers[WEBHOOK_HEADERS.delivery]), findingId: body.finding.id, type: body.type });
        res.end('ok');
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const env = {
      MANUFACTURER_WEBHOOK_URL: `http://127.0.0.1:${port}/feed`,
      MANUFACTURER_WEBHOOK_SECRET: 'manufacturer-feed-secret-0123456789',
      MANUFACTURER_WEBHOOK_INTERVAL_MS: '100',
      MANUFACTURER_WEBHOOK_RETRY_BASE_MS: '100',
    };
    sut = await ResultsHarness.start(env);
    second = await startTestService(recipe, {
      publicKeyFile: sut.tokens.publicKeyFile,
      env: {
        ...env,
        DATABASE_SCHEMA: sut.schema,
        KAFKA_GROUP_ID: `${sut.service.config.KAFKA_GROUP_ID}-second`,
        KAFKA_CLIENT_ID: `${sut.service.config.KAFKA_CLIENT_ID}-second`,
      },
    });
  });
  afterAll(async () => {
    await second?.stop();
    await sut?.dispose();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('POSTs each delivery once whichever instance leases it, each finding’s in the order of its changes', async () => {
    await sut.receiveRack('RK-FEED-TWO', 'G7', 'LOT-B', BOM);
    const tess = await sut.as('tess');
    const findingIds: string[] = [];
    for (let n = 0; n < FINDINGS; n += 1) {
      const id = (
        await tess
          .post('/v1/findings')
          .send({ rackSerial: 'RK-FEED-TWO', title: `PSU shelf ${n} trips` })
          .expect(201)
      ).body.id;
      await tess.post(`/v1/findings/${id}/triage`).send({ failureClass: 'POWER' }).expect(200);
      await tess.post(`/v1/findings/${id}/report`).send({}).expect(200);
      await tess.post(`/v1/findings/${id}/propose-fix`).send({ note: 'new shelf' }).expect(200);
      findingIds.push(id);
    }

    const page = await waitFor('every delivery settled', async () => {
      const body = (await (await sut.as('ada')).get('/v1/manufacturer-feed/deliveries?limit=100').expect(200)).body;
      return body.items.length === FINDINGS * 2 && body.items.every((d: { state: string }) => d.state === 'DELIVERED') ? body : undefined;
    });

    const eventIds = page.items.map((d: { eventId: string }) => d.eventId).sort();
    expect(hits.map((hit) => hit.eventId).sort()).toEqual(eventIds);
    for (const id of findingIds) {
      expect(hits.filter((hit) => hit.findingId === id).map((hit) => hit.type)).toEqual(['finding.reported', 'finding.fix-proposed']);
    }
  });
});
