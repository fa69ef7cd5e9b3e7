import { CallHandler, ExecutionContext } from '@nestjs/common';
import { eventArrivals } from '@rackeval/messaging';
import { defer, lastValueFrom } from 'rxjs';
import { AwaitsEventInterceptor, preferredWait } from './awaits-event.decorator';
import { DomainError, ErrorKind } from './domain-error';

class NotYet extends DomainError {
  constructor(code = 'UNKNOWN_RUN') {
    super(ErrorKind.NotFound, code, `not learnt yet (${code})`);
  }
}

function exchange(prefer?: string) {
  const headers: Record<string, string> = {};
  const request = { headers: prefer === undefined ? {} : { prefer }, params: { runId: 'run-1' } };
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

  it('does not wait on any other refusal', async () => {
    const { context } = exchange('wait=10');
    const { next, tries } = handlerFailing(new NotYet('ATTEMPTS_EXHAUSTED'));
    await expect(lastValueFrom(sut.intercept(context, next))).rejects.toThrow('ATTEMPTS_EXHAUSTED');
    expect(tries.count).toBe(1);
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

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
