import { ResultsHarness } from './support/results.harness';

const BOM = [{ partNumber: 'PSU-3KW-A', category: 'power', quantity: 6, supplier: 'Delta Electronics', countryOfOrigin: 'TW' }];

/** Without MANUFACTURER_WEBHOOK_URL the feed is off: findings move on as ever, nothing is queued or sent. */
describe('manufacturer feed off (no MANUFACTURER_WEBHOOK_URL)', () => {
  let sut: ResultsHarness;

  beforeAll(async () => {
    sut = await ResultsHarness.start({ MANUFACTURER_WEBHOOK_URL: '' });
  });
  afterAll(async () => {
    await sut?.dispose();
  });

  it('reports and moves a finding on without queueing a delivery; the log stays empty', async () => {
    await sut.receiveRack('RK-FEED-OFF', 'G7', 'LOT-B', BOM);
    const tess = await sut.as('tess');
    const opened = await tess.post('/v1/findings').send({ rackSerial: 'RK-FEED-OFF', title: 'PSU shelf 2 trips under load' }).expect(201);
    await tess
      .post(`/v1/findings/${opened.body.id}/triage`)
      .send({ failureClass: 'POWER', component: { partNumber: 'PSU-3KW-A' } })
      .expect(200);

    const reported = await tess.post(`/v1/findings/${opened.body.id}/report`).send({}).expect(200);
    await tess.post(`/v1/findings/${opened.body.id}/propose-fix`).send({ note: 'new backplane' }).expect(200);

    expect(reported.body).toMatchObject({ state: 'REPORTED_TO_MANUFACTURER' });
    // A delivery is queued in the transaction of the change itself, so once the change has answered there is nothing more to wait for.
    const page = (await (await sut.as('ada')).get('/v1/manufacturer-feed/deliveries').expect(200)).body;
    expect(page).toEqual({ items: [], nextCursor: null });
  });
});
