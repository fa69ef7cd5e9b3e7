import { Controller, Injectable } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { on } from './event-handler';
import { EventInbox } from './event-inbox';
import { OnTopic } from './on-topic.decorator';

const Greeted = { type: 'rackeval.test.greeted.v1' } as Parameters<typeof on>[0];

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
}

describe('OnTopic', () => {
  const context = { getTopic: () => 'rackeval.test.greetings' } as unknown as KafkaContext;

  async function boot() {
    const inbox = { consume: jest.fn().mockResolvedValue(undefined) };
    const module = await Test.createTestingModule({
      controllers: [GreetingsConsumer],
      providers: [Greetings, { provide: EventInbox, useValue: inbox }],
    }).compile();
    return { sut: module.get(GreetingsConsumer), inbox, greetings: module.get(Greetings) };
  }

  it('hands each record to the injected inbox with the handlers the method lists', async () => {
    const { sut, inbox, greetings } = await boot();

    await (sut.handle as unknown as (context: KafkaContext) => Promise<void>)(context);

    expect(inbox.consume).toHaveBeenCalledTimes(1);
    const [given, handlers] = inbox.consume.mock.calls[0];
    expect(given).toBe(context);
    expect(handlers.map((handler: { definition: unknown }) => handler.definition)).toEqual([Greeted]);
    await handlers[0].apply({ id: 'e-1' }, {});
    expect(greetings.seen).toEqual(['e-1']);
  });

  it("subscribes the method to its topic, given the record's KafkaContext", () => {
    const method = GreetingsConsumer.prototype.handle;

    expect(Reflect.getMetadata('microservices:pattern', method)).toEqual(['rackeval.test.greetings']);
    expect(Object.values(Reflect.getMetadata('__routeArguments__', GreetingsConsumer, 'handle'))).toEqual([
      expect.objectContaining({ index: 0 }),
    ]);
  });
});
