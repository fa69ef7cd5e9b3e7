import { createApiClients, viaGateway } from '../src';

describe('createApiClients', () => {
  it('sends each service its typed path under its base URL and reads the answer', async () => {
    const seen: string[] = [];
    const fetch = async (request: Request) => {
      seen.push(`${request.method} ${request.url} ${request.headers.get('authorization')}`);
      return new Response(JSON.stringify({ items: [], nextCursor: null }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    const sut = createApiClients(viaGateway('http://console.test'), { fetch, headers: { authorization: 'Bearer t' } });

    const { data } = await sut.intake.GET('/v1/racks', { params: { query: { state: 'RECEIVED', limit: 5 } } });
    await sut.purchaseOption.GET('/v1/options/{rackSerial}', { params: { path: { rackSerial: 'RK 1' } } });

    expect(data).toEqual({ items: [], nextCursor: null });
    expect(seen).toEqual([
      'GET http://console.test/api/intake/v1/racks?state=RECEIVED&limit=5 Bearer t',
      'GET http://console.test/api/purchase-option/v1/options/RK%201 Bearer t',
    ]);
  });

  it('hands back the error body on a 4xx', async () => {
    const body = { statusCode: 404, error: 'Not found', code: 'RACK_NOT_FOUND', message: 'no rack RK-9', details: [] };
    const fetch = async () => new Response(JSON.stringify(body), { status: 404, headers: { 'content-type': 'application/json' } });
    const sut = createApiClients(() => 'http://intake.test', { fetch });

    const { data, error, response } = await sut.intake.GET('/v1/racks/{serial}', { params: { path: { serial: 'RK-9' } } });

    expect(response.status).toBe(404);
    expect(data).toBeUndefined();
    expect(error?.code).toBe('RACK_NOT_FOUND');
  });
});
