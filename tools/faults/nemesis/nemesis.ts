import { Kafka } from 'kafkajs';
import { OwnBroker } from '../infra/own-broker';
import { OwnPostgres } from '../infra/own-postgres';
import { Random } from '../support/random';
import { FaultSystem } from '../system/fault-system';
import { History } from '../workload/history';
import { RackPlan } from '../workload/rack-chain';

export interface NemesisContext {
  system: FaultSystem;
  pg: OwnPostgres;
  broker: OwnBroker;
  kafka: Kafka;
  /** This nemesis's own draws: its timing and targets depend only on the seed. */
  random: Random;
  history: History;
  racks: RackPlan[];
  /** The workload running beside the nemesis (settles when every chain has ended). */
  workload: Promise<void>;
}

/** What a fault at the services' start may touch: no service runs yet. */
export type StartContext = Pick<NemesisContext, 'pg' | 'broker' | 'random' | 'history'>;

/**
 * One kind of fault. `run` starts while the workload is going, injects its faults for about
 * `windowMs`, and returns once it has healed them (everything resumed, restarted or thawed):
 * from then on, the system has STUCK_BOUND_MS to settle.
 */
export interface Nemesis {
  name: string;
  description: string;
  /** `races`: the racks race each other (race-chain.ts) instead of following plain chains. */
  workload?: 'chains' | 'races';
  /**
   * A fault in place when the services start: `inject` runs before any of them is spawned, `heal`
   * beside their start (the services must come up on their own once it has healed).
   */
  atStart?: { inject(context: StartContext): Promise<void>; heal(context: StartContext): Promise<void> };
  run(context: NemesisContext, windowMs: number): Promise<void>;
}

/** Records a nemesis action in the history file and on the console. */
export function act(context: Pick<NemesisContext, 'history'>, what: string): void {
  context.history.note('nemesis', what);
}
