import { withDatabase } from '@rackeval/testing';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { type BenchServers, listeningPids, localPorts, postmasterOf } from './cpu-accounting';

/** The bootstrap addresses a service process was started with (its KAFKA_BROKERS), else the tests' default. */
function brokersOf(servicePid: number | undefined): string {
  try {
    const environ = readFileSync(`/proc/${servicePid}/environ`, 'utf8').split('\0');
    const brokers = environ.find((v) => v.startsWith('KAFKA_BROKERS='));
    if (brokers) return brokers.slice('KAFKA_BROKERS='.length);
  } catch {
    // no such process
  }
  return process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
}

/**
 * The bench's own database server and brokers as processes on this machine, so that the CPU
 * accounting charges the bench for them and not for every `postgres` or Kafka process sharing the
 * machine (a fault suite's server and broker, an idle cluster, another checkout's): the postmaster
 * is the parent of this connection's backend (`pg_backend_pid()`); the brokers are the java
 * processes listening on the ports of the bootstrap addresses `servicePid` was started with.
 * `notes` says what could not be found here.
 */
export async function benchServers(servicePid?: number): Promise<BenchServers & { notes: string[] }> {
  const notes: string[] = [];
  const postmaster = await withDatabase(async (client) => {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return postmasterOf(rows[0].pid);
  });
  if (postmaster === undefined)
    notes.push("the bench's PostgreSQL server is not a process of this machine: every local postgres process is counted as PostgreSQL");
  const addresses = brokersOf(servicePid);
  const ports = localPorts(addresses.split(','), hostname());
  const brokers = ports.length ? listeningPids(ports, 'java') : [];
  if (!brokers.length) notes.push(`no local broker found listening on ${addresses}: every local Kafka broker is counted as the broker`);
  return { postmaster, brokers: brokers.length ? brokers : undefined, notes };
}
