import { CallHandler, ExecutionContext } from '@nestjs/common';
import { eventArrivals } from '@rackeval/messaging';
import { defer, lastValueFrom } from 'rxjs';
import { AwaitsEventInterceptor, etagOf, matches, preferredWait } from './awaits-event.decorator';
import { DomainError, ErrorKind } from './domain-error';

class NotYet extends DomainError {
  constructor(code = 'UNKNOWN_RUN', final = false) {
    super(ErrorKind.NotFound, code, `not learnt yet (${code})`, [], { final });
  }
}

function exchange(prefer?: string, ifNoneMatch?: string) {
  const headers: Record<string, string> = {};
  const request = {
    headers: { ...(prefer === undefined ? {} : { prefer }), ...(ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch }) },
    params: { runId: 'run-1', rackSerial: 'RK-1' },
  };
  const context = {
    switchToHttp: () => ({
      getRequest: () => request,
      getResponse: () => ({ setHeader: (name: string, value: string) => (headers[name] = value) }),
    }),
  } as unknown as ExecutionContext;
  return { context, headers };
}

/** A handler that fails with `errors` in turn, then answers; counts its tries. */
function handlerFailing(...errors: Error[]) {
  const tries = { count: 0 };
  const next: CallHandler = {
    handle: () =>
      defer(async () => {
        tries.count += 1;
        const error = errors.shift();
        if (error) throw error;
        return 'scheduled';
      }),
  };
  return { next, tries };
}

describe('Prefer: wait (@AwaitsEvent)', () => {
  const sut = new AwaitsEventInterceptor({ until: ['UNKNOWN_RUN', 'RUN_NOT_OPEN'], about: ({ params }) => params.runId });

  it('reads the seconds of an RFC 7240 wait preference among others', () => {
    expect(preferredWait('wait=10')).toBe(10);
    expect(preferredWait('respond-async, wait="2.5"')).toBe(2.5);
    expect(preferredWait(['handling=lenient', 'Wait=3; foo=bar'])).toBe(3);
    expect(preferredWait('respond-async')).toBeUndefined();
    expect(preferredWait('wait=soon')).toBeUndefined();
    expect(preferredWait(undefined)).toBeUndefined();
  });

  it('without the preference answers at once, even with "not learnt yet"', async () => {
    const { context, headers } = exchange();
    const { next, tries } = handlerFailing(new NotYet());
    await expect(lastValueFrom(sut.intercept(context, next))).rejects.toThrow('not learnt yet');
    expect(tries.count).toBe(1);
    expect(headers['Preference-Applied']).toBeUndefined();
  });

  it('tries again as soon as an event about the run is applied, and answers with the success', async () => {
    const { context, headers } = exchange('wait=10');
    const { next, tries } = handlerFailing(new NotYet('UNKNOWN_RUN'), new NotYet('RUN_NOT_OPEN'));
    const answer = lastValueFrom(sut.intercept(context, next));
    for (let i = 0; i < 2; i += 1) {
      await until(() => eventArrivals.waiting === 1);
      eventArrivals.applied({ subject: 'RK-1', data: { runId: 'run-1' } });
      expect(eventArrivals.waiting).toBe(0); // woken by the event itself, not by looking again
    }
    await expect(answer).resolves.toBe('scheduled');
    expect(tries.count).toBe(3);
    expect(headers['Preference-Applied']).toBe('wait=10');
  });

  it('tries again at once when the event is applied while it is still looking, not a look-again later', async () => {
    jest.useFakeTimers();
    try {
      const { context } = exchange('wait=10');
      const tries = { count: 0 };
      const next: CallHandler = {
        handle: () =>
          defer(async () => {
            tries.count += 1;
            if (tries.count > 1) return 'scheduled';
            // The event commits and is announced after this look read its answer, before it refuses.
            eventArrivals.applied({ subject: 'RK-1', data: { runId: 'run-1' } });
            throw new NotYet('UNKNOWN_RUN');
          }),
      };
      // No timer is advanced: only the event itself can bring the second look.
      await expect(lastValueFrom(sut.intercept(context, next))).resolves.toBe('scheduled');
      expect(tries.count).toBe(2);
      expect(eventArrivals.waiting).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not wait on any other refusal', async () => {
    const { context } = exchange('wait=10');
    const { next, tries } = handlerFailing(new NotYet('ATTEMPTS_EXHAUSTED'));
    await expect(lastValueFrom(sut.intercept(context, next))).rejects.toThrow('ATTEMPTS_EXHAUSTED');
    expect(tries.count).toBe(1);
  });

  it('answers at once with a refusal of a code it waits on when no event can change it (a run that has ended)', async () => {
    const { context, headers } = exchange('wait=10');
    const { next, tries } = handlerFailing(new NotYet('RUN_NOT_OPEN', true));
    await expect(lastValueFrom(sut.intercept(context, next))).rejects.toThrow('RUN_NOT_OPEN');
    expect(tries.count).toBe(1);
    expect(eventArrivals.waiting).toBe(0);
    expect(headers['Preference-Applied']).toBe('wait=10');
  });

  it('gives the last refusal when the wait is over, having looked again on its own meanwhile', async () => {
    const { context } = exchange('wait=0.6');
    const { next, tries } = handlerFailing(new NotYet(), new NotYet(), new NotYet(), new NotYet(), new NotYet(), new NotYet());
    await expect(lastValueFrom(sut.intercept(context, next))).rejects.toThrow('not learnt yet');
    expect(tries.count).toBeGreaterThanOrEqual(3);
    expect(eventArrivals.waiting).toBe(0);
  });

  it('caps the wait at 30 seconds', () => {
    const { context, headers } = exchange('wait=3600');
    void lastValueFrom(sut.intercept(context, handlerFailing().next));
    expect(headers['Preference-Applied']).toBe('wait=30');
  });
});

describe('Prefer: wait with If-None-Match (@AwaitsEvent changes)', () => {
  const sut = new AwaitsEventInterceptor({ until: ['UNKNOWN_OPTION'], about: ({ params }) => params.rackSerial, changes: true });
  const pending = { rackSerial: 'RK-1', state: 'PENDING_EVALUATION' };
  const exercisable = { rackSerial: 'RK-1', state: 'EXERCISABLE' };

  /** A read answering each of `answers` in turn (the last one from then on); counts its reads. */
  function reading(...answers: object[]) {
    const reads = { count: 0 };
    const next: CallHandler = { handle: () => defer(async () => answers[Math.min(reads.count++, answers.length - 1)]) };
    return { next, reads };
  }

  it('tags every answer, so a client can say which one it holds', async () => {
    const { context, headers } = exchange();
    await expect(lastValueFrom(sut.intercept(context, reading(pending).next))).resolves.toEqual(pending);
    expect(headers.ETag).toBe(etagOf(pending));
    expect(etagOf({ ...pending })).toBe(etagOf(pending));
    expect(etagOf(exercisable)).not.toBe(etagOf(pending));
  });

  it('answers when the option changes after an event about its rack, not before', async () => {
    const { context, headers } = exchange('wait=10', etagOf(pending));
    const { next, reads } = reading(pending, pending, exercisable);
    const answer = lastValueFrom(sut.intercept(context, next));
    await until(() => eventArrivals.waiting === 1);
    eventArrivals.applied({ subject: 'RK-1', data: { rackSerial: 'RK-1' } }); // something else changed: still pending
    await until(() => reads.count === 2 && eventArrivals.waiting === 1);
    eventArrivals.applied({ subject: 'RK-1', data: { rackSerial: 'RK-1' } });
    await expect(answer).resolves.toEqual(exercisable);
    expect(reads.count).toBe(3);
    expect(headers.ETag).toBe(etagOf(exercisable));
  });

  it('gives back the unchanged answer with its ETag when the wait is over (Express then says 304)', async () => {
    const { context, headers } = exchange('wait=0.3', etagOf(pending));
    await expect(lastValueFrom(sut.intercept(context, reading(pending).next))).resolves.toEqual(pending);
    expect(headers.ETag).toBe(etagOf(pending));
    expect(eventArrivals.waiting).toBe(0);
  });

  it('compares ETags weakly, in a list or as *', () => {
    const tag = etagOf(pending);
    expect(matches(tag, tag)).toBe(true);
    expect(matches(`"other", ${tag.replace(/^W\//, '')}`, tag)).toBe(true);
    expect(matches('*', tag)).toBe(true);
    expect(matches('"other"', tag)).toBe(false);
    expect(matches(undefined, tag)).toBe(false);
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
