import { Kafka } from 'kafkajs';
import { OwnPostgres } from '../infra/own-postgres';
import { FaultSystem, SERVICE_NAMES } from '../system/fault-system';
import { ServiceName } from '../system/service-instance';
import { PatientClient } from '../workload/patient-client';
import { CONSUMES } from './consumption';
import { GroupState, readGroup } from './kafka-state';

/** An outbox row unpublished for longer than this, or a transaction idle for longer than IDLE_TX_MS, is stuck. */
const UNPUBLISHED_MS = 10_000;
const IDLE_TX_MS = 5_000;

/** A GET each service answers cheaply from its own tables: it must answer within the client timeout. */
const PROBES: Record<ServiceName, [string, string]> = {
  intake: ['ines', '/v1/racks?limit=1'],
  'test-run': ['tariq', '/v1/bays'],
  results: ['ada', '/v1/racks/RK-F-0001/evaluation'],
  'purchase-option': ['fiona', '/v1/options?limit=1'],
};

export async function readGroups(kafka: Kafka, system: FaultSystem): Promise<Map<ServiceName, GroupState>> {
  const groups = new Map<ServiceName, GroupState>();
  for (const service of SERVICE_NAMES) {
    const topics = Object.keys(CONSUMES[service]).map((topic) => `${system.setting.prefix}${topic}`);
    groups.set(service, await readGroup(kafka, system.groupId(service), topics));
  }
  return groups;
}

/** The group members missing for the service's live processes (each live process must be in its group). */
export function missingMembers(system: FaultSystem, service: ServiceName, group: GroupState): number {
  const live = system.of(service).filter((instance) => instance.alive).length;
  return Math.max(0, live - group.members.length);
}

/**
 * Whatever is still not moving once the deadline after healing has passed: consumer lag, old
 * unpublished outbox rows, transactions left idle, group members missing for live processes,
 * intake deferrals never resolved, and requests that got no answer within 10 s after healing.
 */
export async function checkStuck(
  pg: OwnPostgres,
  system: FaultSystem,
  groups: Map<ServiceName, GroupState>,
  client: PatientClient,
): Promise<string[]> {
  const stuck: string[] = [];
  const database = system.setting.database;
  for (const [service, group] of groups) {
    if (group.lag > 0) stuck.push(`${group.groupId}: lag ${group.lag} (${group.behind.join(', ')})`);
    if (missingMembers(system, service, group) > 0) {
      const live = group.members.length + missingMembers(system, service, group);
      stuck.push(`${group.groupId}: ${group.members.length} member(s) for ${live} live process(es) (${group.state})`);
    }
    const [{ n }] = await pg.query<{ n: number }>(
      database,
      `SELECT count(*)::int AS n FROM ${service.replace(/-/g, '_')}.outbox_message WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1)`,
      [UNPUBLISHED_MS / 1000],
    );
    if (n > 0) stuck.push(`${service}: ${n} outbox row(s) unpublished for over ${UNPUBLISHED_MS / 1000} s`);
  }
  const idle = await pg.query<{ usename: string; age: number }>(
    'postgres',
    `SELECT usename, extract(epoch FROM now() - state_change)::float AS age FROM pg_stat_activity
      WHERE datname = $1 AND state LIKE 'idle in transaction%' AND state_change < now() - make_interval(secs => $2)`,
    [database, IDLE_TX_MS / 1000],
  );
  for (const row of idle) stuck.push(`${row.usename}: transaction idle for ${row.age.toFixed(1)} s`);
  const [{ n: deferred }] = await pg.query<{ n: number }>(
    database,
    'SELECT count(*)::int AS n FROM intake.deferred_rack_event WHERE resolved_at IS NULL',
  );
  if (deferred > 0) stuck.push(`intake: ${deferred} deferred rack event(s) never resolved`);
  const late = client.history.unanswered.filter((started) => started >= client.healedAt).length;
  if (late > 0) stuck.push(`${late} request(s) after healing unanswered within 10 s`);
  for (const instance of system.instances.filter((candidate) => candidate.alive)) {
    const [user, path] = PROBES[instance.service];
    const started = Date.now();
    const answer = await fetch(`${instance.url}${path}`, {
      headers: { authorization: `Bearer ${client.token(user)}` },
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
    if (!answer) stuck.push(`${instance.id}: GET ${path} unanswered after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return stuck;
}

/**
 * A process whose consumer is gone (not a member of its group) must not say it is ready: /health
 * (which the README offers as the probe) and /health/ready where it exists.
 */
export async function checkHealth(system: FaultSystem, groups: Map<ServiceName, GroupState>): Promise<string[]> {
  const lies: string[] = [];
  for (const instance of system.instances.filter((candidate) => candidate.alive)) {
    const member = groups.get(instance.service)?.members.some((clientId) => clientId.startsWith(instance.clientId)) ?? false;
    if (member) continue;
    for (const path of ['/health', '/health/ready']) {
      const answer = await fetch(`${instance.url}${path}`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
      if (answer?.status === 200)
        lies.push(`${instance.id}: ${path} 200 while its consumer is not in group ${system.groupId(instance.service)}`);
    }
  }
  return lies;
}
