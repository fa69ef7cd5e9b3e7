import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Where the ports handed out here lie: just below the kernel's ephemeral range. */
const SPAN = 2_700;
/** A port handed out is not handed out again, by any process on the machine, for this long. */
const HELD_MS = 15 * 60_000;
/** The ports handed out so far: what every test process on the machine (Jest workers, other checkouts) sees. */
export const PORT_RESERVATIONS = {
  /** One empty file per port, in this directory (RACKEVAL_PORT_RESERVATIONS overrides it). */
  get directory(): string {
    return process.env.RACKEVAL_PORT_RESERVATIONS ?? path.join(tmpdir(), 'rackeval-ports');
  },
  /** The range the ports are taken from. */
  range(): { low: number; high: number } {
    const low = ephemeralLow() - SPAN;
    return { low, high: low + SPAN - 1 };
  },
};

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

/** Reserves the port for this process unless another one (or this one) did within HELD_MS. */
function reserve(directory: string, port: number): boolean {
  const file = path.join(directory, String(port));
  try {
    if (Date.now() - statSync(file).mtimeMs < HELD_MS) return false;
    unlinkSync(file);
  } catch {
    // not reserved yet, or another process took the stale reservation first
  }
  try {
    closeSync(openSync(file, 'wx'));
    return true;
  } catch {
    return false;
  }
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
 * on purchase-option's port). The ports just below that range are handed out instead, each
 * reserved for a while by a file that every test process on the machine checks first.
 */
export async function freePort(): Promise<number> {
  const { low, high } = PORT_RESERVATIONS.range();
  const directory = PORT_RESERVATIONS.directory;
  mkdirSync(directory, { recursive: true });
  const start = Math.floor(Math.random() * SPAN);
  for (let tried = 0; tried < SPAN; tried += 1) {
    const port = low + ((start + tried) % SPAN);
    if (!reserve(directory, port)) continue;
    if (await listens(port)) return port;
  }
  throw new Error(`no free port between ${low} and ${high} (reservations in ${directory})`);
}
