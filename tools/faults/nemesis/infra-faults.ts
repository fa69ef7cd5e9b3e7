import { sleep } from '../support/log';
import { act, Nemesis } from './nemesis';

/** PostgreSQL crashes (immediate stop) while a backlog is being consumed; back after 5-10 s. */
export const pgStopNemesis: Nemesis = {
  name: 'pg-stop',
  description: 'PostgreSQL immediate stop with a backlog, restarted after 5-10 s',
  async run(context) {
    await sleep(context.random.int(2_000, 3_000));
    act(context, 'pg_ctl stop -m immediate');
    await context.pg.stopImmediate();
    const down = context.random.int(5_000, 10_000);
    await sleep(down);
    act(context, `pg_ctl start (down ${down} ms)`);
    await context.pg.start();
  },
};

/** PostgreSQL frozen (postmaster and every backend stopped): sockets stay open, nothing answers. */
export const pgFreezeNemesis: Nemesis = {
  name: 'pg-freeze',
  description: 'PostgreSQL frozen (SIGSTOP) for 8-12 s',
  async run(context) {
    await sleep(context.random.int(2_000, 3_000));
    const count = context.pg.signalAll('SIGSTOP');
    act(context, `SIGSTOP postmaster and ${count - 1} children`);
    await sleep(context.random.int(8_000, 12_000));
    act(context, 'SIGCONT postgres');
    context.pg.signalAll('SIGCONT');
  },
};

/** The broker killed with -9 during sends, restarted after 2 s (log recovery takes a while). */
export const brokerKillNemesis: Nemesis = {
  name: 'broker-kill',
  description: 'broker kill -9 during sends, restarted',
  async run(context) {
    await sleep(context.random.int(2_000, 3_000));
    act(context, 'kill -9 broker');
    context.broker.signal('SIGKILL');
    await sleep(2_000);
    act(context, 'broker start');
    await context.broker.start();
    act(context, 'broker ready');
  },
};

/** The broker frozen (SIGSTOP) past the session timeout, then thawed. */
export const brokerFreezeNemesis: Nemesis = {
  name: 'broker-freeze',
  description: 'broker frozen (SIGSTOP) for 8-12 s during sends',
  async run(context) {
    await sleep(context.random.int(2_000, 3_000));
    act(context, 'SIGSTOP broker');
    context.broker.signal('SIGSTOP');
    await sleep(context.random.int(8_000, 12_000));
    act(context, 'SIGCONT broker');
    context.broker.signal('SIGCONT');
  },
};

/**
 * The services started while the broker is down; it comes up 8-12 s later. Each service must keep
 * trying to provision its topics and start its consumer (an infrastructure failure, never a reason
 * to give up starting), then apply every event of the workload once.
 */
export const brokerLateNemesis: Nemesis = {
  name: 'broker-late',
  description: 'services started while the broker is down; it comes up 8-12 s later',
  atStart: {
    async inject(context) {
      act(context, 'broker stop before the services start');
      await context.broker.stop();
    },
    async heal(context) {
      const down = context.random.int(8_000, 12_000);
      await sleep(down);
      act(context, `broker start (${down} ms after the services)`);
      await context.broker.start();
      act(context, 'broker ready');
    },
  },
  async run(context, windowMs) {
    await Promise.race([context.workload, sleep(windowMs * 2)]);
  },
};
