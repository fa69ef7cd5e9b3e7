import { createServer, Server } from 'node:http';
import path from 'node:path';
import { ChildService } from './child-service';
import { freePort } from './free-port';

const HEALTH_SERVER = path.resolve(__dirname, '../test/fixtures/health-server.main.ts');

/** Another process's service on `port`: answers /health 200, as a service left over from an earlier run would. */
function strayService(port: number): Promise<Server> {
  const server = createServer((_, response) => response.writeHead(200).end('{"status":"ok"}'));
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

describe('ChildService.waitUntilServing', () => {
  let sut: ChildService | undefined;
  let stray: Server | undefined;

  afterEach(async () => {
    await sut?.kill();
    await new Promise((resolve) => (stray ? stray.close(resolve) : resolve(undefined)));
    sut = stray = undefined;
  });

  it('resolves once the process itself answers /health on its port', async () => {
    const port = await freePort();
    sut = ChildService.spawn(HEALTH_SERVER, { PORT: String(port) });
    await expect(sut.waitUntilServing('health server', `http://127.0.0.1:${port}`, 30_000)).resolves.toBe(true);
  }, 40_000);

  it('fails, naming the port, instead of passing when another process answers on it', async () => {
    const port = await freePort();
    stray = await strayService(port);
    sut = ChildService.spawn(HEALTH_SERVER, { PORT: String(port), LISTEN: 'no' });
    await expect(sut.waitUntilServing('health server', `http://127.0.0.1:${port}`, 30_000)).rejects.toThrow(
      `another process holds port ${port}`,
    );
  }, 40_000);
});
