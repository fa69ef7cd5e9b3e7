import { Kafka } from 'kafkajs';
import { OwnPostgres } from '../infra/own-postgres';
import { log, sleep } from '../support/log';
import { FaultSystem, SERVICE_NAMES } from '../system/fault-system';
import { ServiceName } from '../system/service-instance';
import { PatientClient } from '../workload/patient-client';
import { RackPlan } from '../workload/rack-chain';
import { checkEffects } from './effects';
import { readLedger } from './event-ledger';
import { GroupState, readRecords } from './kafka-state';
import { checkTopicLog } from './topic-log';
import { checkHealth, checkStuck, missingMembers, readGroups } from './stuck';

export interface Verdict {
  lost: string[];
  duplicated: string[];
  reordered: string[];
  stuck: string[];
  healthLies: string[];
  /** Dead-lettered records that are no committed event (the poison the nemesis wrote): expected, shown for reading. */
  poisonParked: number;
  /** Committed events found on a dead-letter topic (each is also counted in `lost`). */
  deadLettered: string[];
  convergedAfterMs?: number;
}

/** After healing, everything must settle within this bound; what has not is stuck. */
export const STUCK_BOUND_MS = 30_000;
/** The last stretch of that bound in which the client starts and retries nothing. */
export const QUIET_MS = 10_000;

/**
 * Cheap signs of a settled system: no lag, every live process back in its consumer group (a member
 * the broker dropped may still be rejoining when the others have caught up), every committed event
 * applied, nothing unpublished.
 */
async function settled(pg: OwnPostgres, kafka: Kafka, system: FaultSystem): Promise<boolean> {
  if (!groupsSettled(system, await readGroups(kafka, system))) return false;
  const ledger = await readLedger(pg, system.setting.database, system.setting.prefix);
  return ledger.notApplied.length === 0 && ledger.outbox.every((row) => row.published_at);
}

function groupsSettled(system: FaultSystem, groups: Map<ServiceName, GroupState>): boolean {
  return ![...groups].some(([service, group]) => group.lag > 0 || missingMembers(system, service, group) > 0);
}

/**
 * Waits for the workload to finish and the system to settle (at most STUCK_BOUND_MS after
 * healing), then checks the history and every service's state.
 */
export async function checkScenario(
  pg: OwnPostgres,
  kafka: Kafka,
  system: FaultSystem,
  client: PatientClient,
  racks: RackPlan[],
  workload: Promise<void>,
): Promise<Verdict> {
  const deadline = client.settleFrom + STUCK_BOUND_MS;
  let done = false;
  void workload.finally(() => (done = true));
  let convergedAfterMs: number | undefined;
  while (Date.now() < deadline) {
    if (done && (await settled(pg, kafka, system).catch(() => false))) {
      convergedAfterMs = Date.now() - client.healedAt;
      break;
    }
    await sleep(1_000);
  }
  await workload;
  log(
    convergedAfterMs === undefined
      ? `   not settled ${STUCK_BOUND_MS / 1000} s after healing`
      : `   settled ${(convergedAfterMs / 1000).toFixed(1)} s after healing`,
  );

  // A group read once more can show lag the settled read did not: after a broker restart the group
  // coordinator has answered "no committed offset" for some partitions for about a second (cluster,
  // seed 604: intake's option-events[1] and [2] read as none, and as committed again a second later).
  // Only what has not settled again by the deadline is stuck.
  let groups = await readGroups(kafka, system);
  while (!groupsSettled(system, groups) && Date.now() < deadline) {
    log(`   moved again: ${[...groups.values()].map((group) => `${group.groupId} lag ${group.lag} ${group.behind.join(' ')}`).join('; ')}`);
    await sleep(1_000);
    groups = await readGroups(kafka, system);
  }
  const stuck = await checkStuck(pg, system, groups, client);
  const healthLies = await checkHealth(system, groups);
  const ledger = await readLedger(pg, system.setting.database, system.setting.prefix);
  const effects = await checkEffects(pg, system.setting.database, racks, client.history);
  const committed = new Set(ledger.outbox.map((row) => row.event_id));
  const { topics } = system;
  const produced = [topics.intakeRacks, topics.testRunRuns, topics.resultsEvaluations, topics.purchaseOptions];
  const deadLetterTopics = SERVICE_NAMES.map((service) => topics.deadLetters(service));
  const records = await readRecords(kafka, [...produced, ...deadLetterTopics]);
  const topicLog = checkTopicLog(
    ledger.outbox,
    records.filter((record) => produced.includes(record.topic)),
  );
  const letters = records.filter((record) => deadLetterTopics.includes(record.topic));
  const lostEvents = new Set(ledger.notApplied);
  const validLetters = letters.filter((letter) => letter.eventId && committed.has(letter.eventId));
  for (const letter of validLetters) {
    const consumer = letter.topic.slice(system.setting.prefix.length).split('.')[1];
    const already = [...lostEvents].some((entry) => entry.startsWith(`${consumer} ${letter.eventId}`));
    if (!already) lostEvents.add(`${consumer} ${letter.eventId} (${letter.type}) dead-lettered: ${letter.error}`);
  }
  const dlqNotes = validLetters.map(
    (letter) => `dead letter ${letter.topic.slice(system.setting.prefix.length)} ${letter.type}: ${letter.error}`,
  );
  return {
    lost: [...lostEvents, ...topicLog.lost, ...effects.lost],
    deadLettered: dlqNotes,
    duplicated: [...ledger.duplicated, ...effects.duplicated],
    reordered: [...topicLog.reordered, ...ledger.reordered],
    stuck,
    healthLies,
    poisonParked: letters.length - validLetters.length,
    convergedAfterMs,
  };
}
