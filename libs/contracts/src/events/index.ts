import { EventDefinition } from '../registry/event-definition';
import * as findings from './findings.events';
import * as intake from './intake.events';
import * as purchaseOption from './purchase-option.events';
import * as results from './results.events';
import * as testRun from './test-run.events';

export * from './findings.events';
export * from './intake.events';
export * from './purchase-option.events';
export * from './results.events';
export * from './test-run.events';

const isDefinition = (value: unknown): value is EventDefinition =>
  typeof value === 'object' && value !== null && 'type' in value && 'payload' in value && 'topic' in value;

/** Every event type rackeval knows, by type name. */
export const EVENT_REGISTRY: ReadonlyMap<string, EventDefinition> = new Map(
  [intake, testRun, results, findings, purchaseOption]
    .flatMap((module) => Object.values(module).filter(isDefinition))
    .map((definition) => [definition.type, definition]),
);

export function eventDefinition(type: string): EventDefinition | undefined {
  return EVENT_REGISTRY.get(type);
}
