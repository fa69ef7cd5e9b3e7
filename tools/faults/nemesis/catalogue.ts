import { sleep } from '../support/log';
import { brokerFreezeNemesis, brokerKillNemesis, brokerLateNemesis, pgFreezeNemesis, pgStopNemesis } from './infra-faults';
import { Nemesis } from './nemesis';
import { poisonNemesis } from './poison';
import { clusterNemesis } from './cluster-faults';
import { killNemesis, pauseNemesis, rebalanceNemesis } from './process-faults';

/** No fault: the control row, which shows the workload and the checker agree on a healthy system. */
const noneNemesis: Nemesis = {
  name: 'none',
  description: 'no fault (control)',
  async run(context, windowMs) {
    await Promise.race([context.workload, sleep(windowMs * 2)]);
  },
};

/** No process fault either: the races between topics and between users are the fault. */
const racesNemesis: Nemesis = {
  name: 'races',
  description: 'verdict vs option end, exercise vs lapse, approve vs approve, inspect vs inspect',
  workload: 'races',
  async run(context, windowMs) {
    // Nothing to heal: the scenario heals when the races are over (or after four windows at most).
    await Promise.race([context.workload, sleep(windowMs * 4)]);
  },
};

/** Every scenario, in the order the suite runs them. */
export const NEMESES: readonly Nemesis[] = [
  noneNemesis,
  killNemesis,
  pauseNemesis,
  pgStopNemesis,
  pgFreezeNemesis,
  brokerKillNemesis,
  brokerFreezeNemesis,
  brokerLateNemesis,
  poisonNemesis,
  rebalanceNemesis,
  racesNemesis,
];

/** With --cluster (3 brokers, two processes of every service): the control row, then broker and process loss. */
export const CLUSTER_NEMESES: readonly Nemesis[] = [noneNemesis, clusterNemesis];
