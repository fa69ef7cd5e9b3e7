import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Where the ports handed out here lie: just below the kernel's ephemeral range. */
const SPAN = 2_700;
/** Ports this process has handed out: a port is never handed out twice, even once its process is gone. */
const handedOut = new Set<number>();
let next: number | undefined;

/** The first port of the kernel's ephemeral range, from which it picks local ports for `listen(0)` and for outgoing connections. */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > SPAN + 1_024) return low;
  } catch {
    // not Linux: IANA's ephemeral range
  }
  return 49_152;
}

function listens(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A loopback port nothing listens on now: for a process that must be told its port before it starts.
 * Not from the ephemeral range, as `listen(0)` would give: between this answer and the process
 * listening, an outgoing connection of any process (to PostgreSQL, to a broker) may take such a
 * port, or a second `listen(0)` may give the same one again, and the process then fails with
 * EADDRINUSE while another one answers on its address (the security suite once talked to results
 * on purchase-option's port). Each test process walks the span below that range from its own
 * offset, and never hands a port out twice.
 */
export async function freePort(): Promise<number> {
  const low = ephemeralLow() - SPAN;
  next ??= process.pid % SPAN;
  for (let tried = 0; tried < SPAN; tried += 1) {
    const port = low + next;
    next = (next + 1) % SPAN;
    if (handedOut.has(port)) continue;
    if (await listens(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${low} and ${low + SPAN - 1}`);
}
