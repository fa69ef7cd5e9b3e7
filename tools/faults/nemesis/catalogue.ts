import { sleep } from '../support/log';
import { brokerFreezeNemesis, brokerKillNemesis, pgFreezeNemesis, pgStopNemesis } from './infra-faults';
import { Nemesis } from './nemesis';
import { poisonNemesis } from './poison';
import { killNemesis, pauseNemesis, rebalanceNemesis } from './process-faults';

/** No fault: the control row, which shows the workload and the checker agree on a healthy system. */
const noneNemesis: Nemesis = {
  name: 'none',
  description: 'no fault (control)',
  async run(_context, windowMs) {
    await sleep(Math.min(windowMs, 5_000));
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
  poisonNemesis,
  rebalanceNemesis,
];
