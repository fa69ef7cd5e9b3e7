import { sleep } from '../support/log';
import { act, Nemesis } from './nemesis';
import { SERVICE_NAMES } from '../system/fault-system';

/**
 * Scale-out under loss (--cluster): three brokers, two processes of every service. Mid-load the
 * broker leading most of the scenario's partitions is killed (-9); while it is down, one process
 * of each service in turn is killed (-9) and comes back a second later (the supervisor); then the
 * broker starts again and rejoins. Writes keep going on 2 of 3 replicas (min.insync.replicas 2).
 */
export const clusterNemesis: Nemesis = {
  name: 'cluster',
  description: 'kill -9 of the broker leading most partitions; kill -9 of one process of each service in turn; broker back',
  async run(context) {
    await sleep(context.random.int(2_000, 3_000));
    const prefix = context.system.setting.prefix;
    const { broker, leaders } = await context.broker.mostLeader(prefix);
    act(context, `kill -9 broker ${broker} (leaders per broker: ${JSON.stringify(leaders)})`);
    await context.broker.killBroker(broker);
    for (const service of SERVICE_NAMES) {
      await sleep(context.random.int(2_000, 3_000));
      const victim = context.random.pick(context.system.of(service));
      act(context, `kill -9 ${victim.id}`);
      await victim.kill();
      await sleep(1_000);
      victim.start();
    }
    await sleep(2_000);
    act(context, `broker ${broker} start`);
    await context.broker.startBroker(broker);
    act(context, `broker ${broker} ready; leaders now ${JSON.stringify((await context.broker.mostLeader(prefix)).leaders)}`);
    await Promise.all(context.system.instances.map((instance) => instance.waitHealthy(300_000)));
  },
};
