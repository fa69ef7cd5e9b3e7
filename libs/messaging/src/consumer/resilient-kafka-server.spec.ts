import { EventEmitter } from 'node:events';
import { KafkaJSProtocolError } from 'kafkajs';
import { EventInbox } from '../inbox/event-inbox';
import { OffsetCommitter } from '../inbox/offset-committer';
import { TopicConsumers } from '../inbox/topic-consumers';
import { ConsumerMonitor } from './consumer-monitor';
import { ResilientKafkaServer } from './resilient-kafka-server';

const EVENTS = { CONNECT: 'connect', DISCONNECT: 'disconnect', REBALANCING: 'rebalancing', STOP: 'stop', CRASH: 'crash' };

function protocolError(type: string, code: number, retriable: boolean, message: string): KafkaJSProtocolError {
  return new KafkaJSProtocolError(Object.assign(new Error(message), { type, code, retriable }));
}

const notHostedYet = () => protocolError('UNKNOWN_TOPIC_OR_PARTITION', 3, true, 'This server does not host this topic-partition');
const refused = () =>
  protocolError('TOPIC_AUTHORIZATION_FAILED', 29, false, 'Not authorized to access topics: [Topic authorization failed]');

/** A kafkajs client whose consumers fail to subscribe with the given errors, one per consumer, then subscribe. */
function fakeClient(subscribeFailures: Error[]) {
  const consumers: { subscribed: boolean; running: boolean; disconnected: boolean }[] = [];
  const client = {
    consumer: () => {
      const state = { subscribed: false, running: false, disconnected: false };
      consumers.push(state);
      const failure = subscribeFailures.shift();
      const emitter = new EventEmitter();
      return {
        events: EVENTS,
        on: (name: string, listener: () => void) => emitter.on(name, listener),
        connect: async () => undefined,
        subscribe: async () => {
          if (failure) throw failure;
          state.subscribed = true;
        },
        run: async () => void (state.running = true),
        stop: async () => undefined,
        disconnect: async () => void (state.disconnected = true),
      };
    },
    producer: () => ({ events: EVENTS, on: () => undefined, connect: async () => undefined, disconnect: async () => undefined }),
  };
  return { client, consumers };
}

function server(subscribeFailures: Error[]) {
  const sut = new ResilientKafkaServer(
    { client: { brokers: ['127.0.0.1:1'], clientId: 'svc' }, consumer: { groupId: 'svc' } },
    new ConsumerMonitor(),
    { close: async () => undefined } as unknown as OffsetCommitter,
    {} as EventInbox,
    { handlersByTopic: () => new Map([['rackeval.intake.racks', []]]) } as unknown as TopicConsumers,
  );
  const fake = fakeClient(subscribeFailures);
  jest.spyOn(sut as unknown as { createClient(): Promise<unknown> }, 'createClient').mockImplementation(async () => fake.client);
  return { sut, consumers: fake.consumers };
}

function listen(sut: ResilientKafkaServer): Promise<unknown> {
  return new Promise((resolve) => void sut.listen((error?: unknown) => resolve(error)));
}

describe('ResilientKafkaServer start', () => {
  it('starts consuming once a broker that did not host a topic yet does, leaving no half-started consumer behind', async () => {
    const { sut, consumers } = server([notHostedYet(), notHostedYet()]);
    try {
      expect(await listen(sut)).toBeUndefined();
      expect(consumers).toEqual([
        { subscribed: false, running: false, disconnected: true },
        { subscribed: false, running: false, disconnected: true },
        { subscribed: true, running: true, disconnected: false },
      ]);
    } finally {
      await sut.close();
    }
  });

  it('fails the start at once, naming the error, when the broker refuses the service (not an infrastructure failure)', async () => {
    const { sut, consumers } = server([refused()]);
    try {
      expect(await listen(sut)).toMatchObject({ message: 'Not authorized to access topics: [Topic authorization failed]' });
      expect(consumers).toHaveLength(1);
    } finally {
      await sut.close();
    }
  });
});
