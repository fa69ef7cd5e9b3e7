import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, RunningService } from '@rackeval/testing';
import { PurchaseOptionConfig } from '../src/config';
import { Api, countRows, evaluated, received, sendEvaluation, sendReceived, start } from './fixtures';

const crafted = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url');

/** CSV exports that a spreadsheet opens without running formulas; input PostgreSQL would refuse is a 400 naming the field. */
describe('purchase-option: CSV injection and input PostgreSQL would refuse', () => {
  let tokens: TestTokens;
  let sut: RunningService<PurchaseOptionConfig>;
  let api: Api;

  /** Terms in force for a generation, whether publishing them takes one step or a second finance user's approval. */
  async function termsInForce(generation: string) {
    await api.registerGenerations(generation);
    const proposed = await (
      await api.as('fiona')
    ).put(`/v1/terms/${generation}`, { unitPrice: '900000.00', currency: 'USD', windowDays: 30, approvalThreshold: '1000000.00' });
    if (proposed.status === 201 && proposed.body.status === 'PROPOSED') {
      await (
        await api.as('farid')
      )
        .post(`/v1/terms/${generation}/versions/${proposed.body.version}/approval`, { approve: true, note: 'checked' })
        .expect(200);
    } else expect([200, 201]).toContain(proposed.status);
  }

  async function exercisable(generation: string, ...serials: string[]) {
    await sendReceived(...serials.map((serial) => received(serial, generation)));
    await sendEvaluation(...serials.map((serial) => evaluated(serial, generation, { outcome: 'PASSED' })));
    for (const serial of serials) await api.waitForOption(serial, 'EXERCISABLE');
  }

  beforeAll(async () => {
    tokens = await TestTokens.create();
    sut = await start(tokens, { LAPSE_SWEEP_INTERVAL_SECONDS: '3600' });
    api = new Api(sut.url, tokens);
    await termsInForce('GX');
    await exercisable('GX', 'RK-X1', 'RK-X2', 'RK-X3');
  });

  afterAll(async () => {
    await sut?.close();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  it('exports rationales that look like formulas with a leading apostrophe, in both exports', async () => {
    const fiona = await api.as('fiona');
    await fiona.post('/v1/options/RK-X1/decision', { decision: 'DECLINE', rationale: ' =HYPERLINK("http://evil","x")' }).expect(200);
    await fiona.post('/v1/options/RK-X2/decision', { decision: 'DECLINE', rationale: '＝1+1' }).expect(200);
    const options = await fiona.get('/v1/options/export.csv?generation=GX').expect(200);
    expect(options.text).toContain(`"' =HYPERLINK(""http://evil"",""x"")"`);
    expect(options.text).toContain(`,'＝1+1,`);
    const audit = await fiona.get('/v1/audit/export.csv?rack=RK-X1').expect(200);
    expect(audit.text).toContain(`"' =HYPERLINK(""http://evil"",""x"")"`);
    for (const text of [options.text, audit.text]) {
      const cells = text.split(/\r\n/).flatMap((line) => line.split(','));
      expect(cells.filter((cell) => /^"?[\s]*[=+@＝＋－＠]/.test(cell))).toEqual([]);
    }
  });

  it('refuses NUL in a rationale with 400 naming it, writing nothing', async () => {
    const before = await countRows(sut.config.DATABASE_SCHEMA, 'option_audit', 'rack_serial = $1', ['RK-X3']);
    const response = await (await api.as('fiona')).post('/v1/options/RK-X3/decision', { decision: 'DECLINE', rationale: 'no\u0000' });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'rationale', message: 'must not contain NUL characters (\\u0000)' }]);
    expect(await countRows(sut.config.DATABASE_SCHEMA, 'option_audit', 'rack_serial = $1', ['RK-X3'])).toBe(before);
    expect((await api.option('RK-X3')).state).toBe('EXERCISABLE');
  });

  it.each([
    ['/v1/options', 'an impossible expiry', ['2026-02-30T00:00:00.000Z', 'RK-X1']],
    ['/v1/options', 'an expiry that is no date', ['soon', 'RK-X1']],
    ['/v1/options', 'a serial that is a number', [null, 7]],
    ['/v1/audit', 'an id past int8', ['9223372036854775808']],
    ['/v1/audit', 'an id that is text', ['abc']],
  ])('answers a crafted cursor on %s (%s) with 400 INVALID_CURSOR', async (path, _, position) => {
    const response = await (await api.as('fiona')).get(`${path}?cursor=${crafted(position)}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_CURSOR', details: [{ field: 'cursor' }] });
  });

  it('refuses a fractional or out-of-range expiringWithinDays naming it', async () => {
    for (const days of ['1.5', '99999999999']) {
      const response = await (await api.as('fiona')).get(`/v1/options?expiringWithinDays=${days}`);
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('expiringWithinDays');
    }
  });
});
