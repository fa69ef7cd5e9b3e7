import { Controller, Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { on } from './event-handler';
import { OnTopic } from './on-topic.decorator';
import { TopicConsumers } from './topic-consumers';

const Greeted = { type: 'rackeval.test.greeted.v1' } as Parameters<typeof on>[0];
const Waved = { type: 'rackeval.test.waved.v1' } as Parameters<typeof on>[0];

@Injectable()
class Greetings {
  readonly seen: string[] = [];
}

@Controller()
class GreetingsConsumer {
  constructor(private readonly greetings: Greetings) {}

  @OnTopic('rackeval.test.greetings')
  handle() {
    return [on(Greeted, async (event) => this.greetings.seen.push(event.id))];
  }

  @OnTopic('rackeval.test.waves')
  waves() {
    return [on(Waved, async () => undefined)];
  }

  notAConsumer() {
    return [];
  }
}

@Controller()
class SecondGreetingsConsumer {
  @OnTopic('rackeval.test.greetings')
  handle() {
    return [on(Greeted, async () => undefined)];
  }
}

async function boot(controllers: Array<new (...args: never[]) => object>) {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    controllers,
    providers: [Greetings, TopicConsumers],
  }).compile();
  return { sut: module.get(TopicConsumers), greetings: module.get(Greetings) };
}

describe('OnTopic and TopicConsumers', () => {
  it("finds each topic's consumer method and the handlers it lists, bound to the consumer", async () => {
    const { sut, greetings } = await boot([GreetingsConsumer]);

    const handlers = sut.handlersByTopic();

    expect([...handlers.keys()]).toEqual(['rackeval.test.greetings', 'rackeval.test.waves']);
    expect(handlers.get('rackeval.test.greetings')!.map((handler) => handler.definition)).toEqual([Greeted]);
    expect(handlers.get('rackeval.test.waves')!.map((handler) => handler.definition)).toEqual([Waved]);
    await handlers.get('rackeval.test.greetings')![0].apply({ id: 'e-1' } as never, {} as never);
    expect(greetings.seen).toEqual(['e-1']);
  });

  it('refuses a topic claimed by two methods, naming both', async () => {
    const { sut } = await boot([GreetingsConsumer, SecondGreetingsConsumer]);

    expect(() => sut.handlersByTopic()).toThrow(
      'topic rackeval.test.greetings has two consumers, GreetingsConsumer.handle and SecondGreetingsConsumer.handle',
    );
  });
});
