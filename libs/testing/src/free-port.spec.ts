import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, PORT_RESERVATIONS } from './free-port';

const ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);

function listenOn(port: number): Promise<Server> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('freePort', () => {
  let directory: string;
  const reservedBySomeoneElse = (port: number, ageMs = 0) => {
    const file = path.join(directory, String(port));
    closeSync(openSync(file, 'w'));
    const at = new Date(Date.now() - ageMs);
    utimesSync(file, at, at);
  };
  /** Every port of the range reserved by another process, except `open`. */
  const onlyOpen = (...open: number[]) => {
    const { low, high } = PORT_RESERVATIONS.range();
    for (let port = low; port <= high; port += 1) if (!open.includes(port)) reservedBySomeoneElse(port);
  };

  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'ports-'));
    process.env.RACKEVAL_PORT_RESERVATIONS = directory;
  });
  afterEach(() => {
    delete process.env.RACKEVAL_PORT_RESERVATIONS;
    rmSync(directory, { recursive: true, force: true });
  });

  it('hands out distinct ports below the ephemeral range, each of which can be listened on', async () => {
    const ports: number[] = [];
    for (let i = 0; i < 40; i += 1) ports.push(await freePort());
    expect(new Set(ports).size).toBe(40);
    for (const port of ports) expect(port).toBeLessThan(ephemeralLow);
    const servers = await Promise.all(ports.map(listenOn));
    await Promise.all(servers.map(close));
  });

  it('never hands out a port another process reserved, nor one something listens on, nor the same port twice', async () => {
    const { low } = PORT_RESERVATIONS.range();
    const [busy, first, second] = [low + 10, low + 20, low + 30];
    onlyOpen(busy, first, second);
    const squatter = await listenOn(busy);
    try {
      const handed = [await freePort(), await freePort()];
      expect(handed.sort((a, b) => a - b)).toEqual([first, second]);
      await expect(freePort()).rejects.toThrow(/no free port/);
    } finally {
      await close(squatter);
    }
  });

  it('takes over a reservation older than a quarter of an hour', async () => {
    const { low } = PORT_RESERVATIONS.range();
    onlyOpen();
    reservedBySomeoneElse(low + 5, 16 * 60_000);
    expect(await freePort()).toBe(low + 5);
  });
});
