import { ProxyRefusal, proxyTarget } from './proxy-target';

const services = new Map([
  ['intake', 'http://127.0.0.1:3001'],
  ['purchase-option', 'http://127.0.0.1:3004'],
]);

const refusal = (target: string): { status: number; message: string } | undefined => {
  try {
    proxyTarget(target, services);
    return undefined;
  } catch (error) {
    if (!(error instanceof ProxyRefusal)) throw error;
    return { status: error.status, message: error.message };
  }
};

describe('proxyTarget', () => {
  it.each([
    ['/api/intake/v1/racks', 'intake', '/v1/racks'],
    ['/api/intake/v1/racks?state=RECEIVED&limit=20', 'intake', '/v1/racks?state=RECEIVED&limit=20'],
    ['/api/intake/v1/racks/RK%20G1:0001', 'intake', '/v1/racks/RK%20G1:0001'],
    ['/api/purchase-option/v1/options/export.csv?generation=G1', 'purchase-option', '/v1/options/export.csv?generation=G1'],
    ['/api/intake/v1/racks?cursor=eyJhIjoxfQ%3D%3D&q=a/b?c', 'intake', '/v1/racks?cursor=eyJhIjoxfQ%3D%3D&q=a/b?c'],
    ['/api/intake/v1/racks/', 'intake', '/v1/racks/'],
  ])('forwards %s to %s as %s', (target, service, pathAndQuery) => {
    expect(proxyTarget(target, services)).toEqual({ service, pathAndQuery });
  });

  it.each([
    '/api/intake//127.0.0.1:39999/x',
    '/api/intake/v1//racks',
    '/api/intake/\\127.0.0.1:39999/y',
    '/api/intake/v1\\..\\admin',
    '/api/intake/%2f127.0.0.1:39999/x',
    '/api/intake/%2F%2F127.0.0.1/x',
    '/api/intake/%5c127.0.0.1/x',
    '/api/intake/%5C127.0.0.1/x',
    '/api/intake/%252f127.0.0.1/x',
    '/api/intake/%25252F127.0.0.1/x',
    '/api/intake/%255c/x',
    '/api/intake/v1/../../auth/token',
    '/api/intake/v1/racks/..',
    '/api/intake/./v1/racks',
    '/api/intake/%2e%2e/x',
    '/api/intake/.%2E/x',
    '/api/intake/%252e%252e/x',
    '/api/intake/@127.0.0.1:39999/x',
    '/api/intake/v1/racks%40evil',
    '/api/intake/user:pass@127.0.0.1/x',
    '/api/intake/http://127.0.0.1:39999/x',
    '/api/intake/http:%2f%2f127.0.0.1:39999/x',
    '/api/intake/v1/racks%0d%0aHost:%20evil',
    '/api/intake/v1/racks%00',
    '/api/intake/v1/racks\r\nX: y',
    '/api/intake/v1/racks x',
    '/api/intake/v1/racks%zz',
    '/api/intake/v1/racks%e0%a4',
    '/api/intake/v1/racks?x=<script>',
    '/api/intake/v1/racks?x=a b',
    '/api/intake/v1/racks?x=%0d%0a#frag',
    'http://127.0.0.1:39999/api/intake/v1/racks',
    '//127.0.0.1:39999/api/intake/v1/racks',
  ])('refuses %j with 400 or 404', (target) => {
    const refused = refusal(target);

    expect(refused).toBeDefined();
    expect([400, 404]).toContain(refused!.status);
  });

  it.each([
    '/api/__proto__/x',
    '/api/constructor/x',
    '/api/hasOwnProperty/x',
    '/api/toString/x',
    '/api/billing/v1/invoices',
    '/api/%69ntake/v1/racks',
    '/api/Intake/v1/racks',
    '/api//x',
  ])('answers 404 for the unknown service of %s', (target) => {
    expect(refusal(target)?.status).toBe(404);
  });

  it('names the known services, and an unknown name only when it is plain', () => {
    expect(refusal('/api/billing/x')?.message).toBe('there is no service named billing; use intake, purchase-option');
    expect(refusal('/api/__proto__/x')?.message).toBe('there is no service by that name; use intake, purchase-option');
  });

  it('answers 404 without a path under the service', () => {
    expect(refusal('/api/intake')?.status).toBe(404);
  });
});
