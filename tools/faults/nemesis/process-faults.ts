import { sleep } from '../support/log';
import { ServiceInstance } from '../system/service-instance';
import { frozenMidTransaction } from './mid-transaction';
import { act, Nemesis, NemesisContext } from './nemesis';

async function restartAll(context: NemesisContext, instances: ServiceInstance[]): Promise<void> {
  for (const instance of instances) {
    instance.thaw();
    if (!instance.alive) instance.start();
  }
  await Promise.all(instances.map((instance) => instance.waitHealthy(60_000).catch(() => undefined)));
}

/** kill -9 of a random process every few seconds; the supervisor brings it back a moment later. */
export const killNemesis: Nemesis = {
  name: 'kill',
  description: 'kill -9 of a service process, repeated',
  async run(context, windowMs) {
    const end = Date.now() + windowMs;
    const targets = context.system.instances.slice();
    while (Date.now() < end) {
      await sleep(context.random.int(2_000, 4_000));
      const victim = context.random.pick(targets);
      act(context, `kill -9 ${victim.id}`);
      await victim.kill();
      await sleep(context.random.int(500, 2_000));
      victim.start();
    }
    await restartAll(context, targets);
  },
};

/**
 * SIGSTOP past the session timeout (6 s): first a purchase-option member (its partner must take
 * over its partitions), then a process caught holding an open transaction, if one can be caught.
 */
export const pauseNemesis: Nemesis = {
  name: 'pause',
  description: 'SIGSTOP of a process for 10 s, once mid-transaction',
  async run(context) {
    const { system, random } = context;
    for (let round = 0; round < 2; round++) {
      await sleep(random.int(1_000, 2_000));
      let victim = round === 0 ? random.pick(system.of('purchase-option')) : await frozenMidTransaction(system, 4_000);
      if (victim) act(context, `SIGSTOP ${victim.id}${round ? ' (caught with an open transaction)' : ''}`);
      else {
        victim = random.pick(system.instances);
        act(context, `SIGSTOP ${victim.id} (no open transaction caught)`);
      }
      victim.freeze();
      await sleep(10_000);
      act(context, `SIGCONT ${victim.id}`);
      victim.thaw();
    }
    await restartAll(context, system.instances);
  },
};

/** Members of the purchase-option and test-run groups join and leave every few seconds. */
export const rebalanceNemesis: Nemesis = {
  name: 'rebalance',
  description: 'group members joining and leaving every few seconds',
  async run(context, windowMs) {
    const { system, random } = context;
    const extra = [system.add('purchase-option', 'c'), system.add('test-run', 'b')];
    act(context, `join ${extra.map((instance) => instance.id).join(', ')}`);
    const churn = [...extra, system.of('purchase-option')[1]];
    const end = Date.now() + windowMs;
    while (Date.now() < end) {
      await sleep(random.int(2_000, 4_000));
      const member = random.pick(churn);
      if (member.alive) {
        const hard = random.next() < 0.3;
        act(context, `${hard ? 'kill -9' : 'stop'} ${member.id} (leaves)`);
        await (hard ? member.kill() : member.stop());
      } else {
        act(context, `start ${member.id} (joins)`);
        member.start();
      }
    }
    await restartAll(context, system.instances);
  },
};
