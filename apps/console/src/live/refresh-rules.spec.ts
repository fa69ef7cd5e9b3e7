import type { LiveEvent } from '@rackeval/api-client';
import { parseLiveEvent } from './live-event';
import { affects, describeEvent, viewsAffectedBy } from './refresh-rules';

const event = (type: string, subject = 'RK-1', data: unknown = {}): LiveEvent => ({
  id: 'e1',
  type,
  subject,
  time: '',
  correlationId: '',
  data,
});

describe('which views a live event refreshes', () => {
  it('moves a rack on the board and refreshes its page on intake events', () => {
    expect(viewsAffectedBy(event('rackeval.intake.rack.state-changed.v1'))).toEqual(['board', 'rack']);
  });

  it('refreshes the option queue and page when an evaluation concludes or an option changes', () => {
    expect(viewsAffectedBy(event('rackeval.results.rack.evaluation-completed.v1'))).toEqual(['rack', 'options', 'option']);
    expect(viewsAffectedBy(event('rackeval.purchase-option.option.state-changed.v1'))).toEqual(['options', 'option']);
  });

  it('frees or fills bays on run events', () => {
    expect(affects(event('rackeval.test-run.run.completed.v1'), 'bays')).toBe(true);
  });

  it('only refreshes the page of the rack the event is about', () => {
    expect(affects(event('rackeval.intake.rack.inspected.v1', 'RK-1'), 'rack', 'RK-1')).toBe(true);
    expect(affects(event('rackeval.intake.rack.inspected.v1', 'RK-2'), 'rack', 'RK-1')).toBe(false);
  });

  it('ignores events it does not know', () => {
    expect(viewsAffectedBy(event('something.else'))).toEqual([]);
    expect(viewsAffectedBy(event('rackeval.intake.generation.registered.v1', 'G4'))).toEqual(['catalogue']);
  });

  it('announces a state change in words', () => {
    expect(describeEvent(event('rackeval.purchase-option.option.state-changed.v1', 'RK-7', { to: 'EXERCISABLE' }))).toBe(
      'Option for RK-7 is now exercisable',
    );
    expect(describeEvent(event('rackeval.test-run.run.started.v1', 'RK-7'))).toBe('Run RK-7: started');
  });

  it('reads SSE payloads and refuses malformed ones', () => {
    expect(parseLiveEvent('{"id":"1","type":"t","subject":"RK-1","time":"x","correlationId":"c","data":{}}')?.subject).toBe('RK-1');
    expect(parseLiveEvent('{"id":1}')).toBeNull();
    expect(parseLiveEvent('nope')).toBeNull();
  });
});
