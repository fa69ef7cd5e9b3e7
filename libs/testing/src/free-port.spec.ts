import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { freePort } from './free-port';

const ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);

function listenOn(port: number): Promise<Server> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('freePort', () => {
  it('never hands out the same port twice, and each can be listened on', async () => {
    const ports = [];
    for (let i = 0; i < 40; i += 1) ports.push(await freePort());
    expect(new Set(ports).size).toBe(40);
    const servers = await Promise.all(ports.map(listenOn));
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('hands out ports below the ephemeral range, which outgoing connections and listen(0) take from', async () => {
    const port = await freePort();
    expect(port).toBeLessThan(ephemeralLow);
    expect(port).toBeGreaterThan(1_024);
  });

  it('skips a port another process listens on', async () => {
    const taken = await freePort();
    // The port that would come next: the following one, or the first of the span after its last.
    const following = taken + 1 < ephemeralLow ? taken + 1 : ephemeralLow - 2_700;
    const squatter = await listenOn(following);
    try {
      expect(await freePort()).not.toBe(following);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
