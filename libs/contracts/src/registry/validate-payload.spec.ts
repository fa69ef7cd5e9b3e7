import { RackReceived } from '../events/intake.events';
import { TestPlanPublished } from '../events/test-run.events';
import { EVENT_REGISTRY } from '../events';
import { rackReceivedData } from '../testing';
import { ContractViolationError, validatePayload } from './validate-payload';

const received = rackReceivedData('RK-1');

function captureError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('validatePayload', () => {
  it('accepts a payload that matches its contract', () => {
    expect(validatePayload(RackReceived, received)).toMatchObject(received);
  });

  it('names every bad field, including money sent as a float', () => {
    const bad = { ...received, domesticContentPct: 41.5, occurredAt: '2026-11-25T10:00:00+02:00' };
    const error = captureError(() => validatePayload(RackReceived, bad));
    expect(error).toBeInstanceOf(ContractViolationError);
    expect((error as ContractViolationError).violations.map((v) => v.field).sort()).toEqual(['domesticContentPct', 'occurredAt']);
  });

  it('validates nested items by path', () => {
    const plan = {
      generation: 'G1',
      version: 1,
      publishedAt: '2026-11-25T10:00:00Z',
      suites: [{ key: 'burn-in', name: 'Burn-in', required: true, maxAttempts: 0, metrics: [] }],
    };
    expect(() => validatePayload(TestPlanPublished, plan)).toThrow(/suites\.0\.maxAttempts/);
  });

  it('refuses unknown fields when producing but tolerates them when consuming (forward compatibility)', () => {
    const extended = { ...received, addedLater: true };
    expect(() => validatePayload(RackReceived, extended, 'produce')).toThrow(/addedLater/);
    expect(validatePayload(RackReceived, extended, 'consume')).not.toHaveProperty('addedLater');
  });

  it('refuses data that is not an object', () => {
    expect(() => validatePayload(RackReceived, [received], 'consume')).toThrow(/must be a JSON object/);
  });
});

describe('event registry', () => {
  it('has explicit, versioned, unique type names for every event', () => {
    const types = [...EVENT_REGISTRY.keys()];
    expect(types.length).toBeGreaterThanOrEqual(15);
    for (const type of types) expect(type).toMatch(/^rackeval\.[a-z-]+\.[a-z-]+\.[a-z-]+\.v\d+$/);
  });

  it('sends every event to the topic of the service named in its type', () => {
    for (const definition of EVENT_REGISTRY.values()) {
      const service = definition.type.split('.')[1];
      expect(definition.topic).toContain(`rackeval.${service}.`);
    }
  });
});
