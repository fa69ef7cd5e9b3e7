import { AclOperationTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { kafkaAclEntries } from './kafka-access';

// kafkajs's enums are plain objects at run time: no reverse mapping from value to name.
const nameIn = (values: object, value: number) => Object.entries(values).find(([, candidate]) => candidate === value)?.[0];
const summary = (prefix: string, principal: string) =>
  kafkaAclEntries(prefix)
    .filter((entry) => entry.principal === `User:${principal}`)
    .map(
      (entry) =>
        `${nameIn(AclResourceTypes, entry.resourceType)} ${nameIn(ResourcePatternTypes, entry.resourcePatternType)} ${entry.resourceName} ${nameIn(AclOperationTypes, entry.operation)}`,
    );

describe('kafkaAclEntries', () => {
  it('lets a service write only its own topics and read only what it consumes, in its own groups', () => {
    const sut = summary('t1.', 'rackeval-results');

    expect(sut.filter((line) => line.endsWith(' WRITE'))).toEqual([
      'TOPIC LITERAL t1.rackeval.results.evaluation-events WRITE',
      'TOPIC LITERAL t1.rackeval.results.dead-letters WRITE',
    ]);
    expect(sut.filter((line) => line.endsWith(' READ'))).toEqual([
      'TOPIC LITERAL t1.rackeval.intake.rack-events READ',
      'TOPIC LITERAL t1.rackeval.test-run.run-events READ',
      // its own verdicts, from which findings open
      'TOPIC LITERAL t1.rackeval.results.evaluation-events READ',
      'TOPIC LITERAL t1.rackeval.purchase-option.option-events READ',
      'GROUP PREFIXED rackeval-results READ',
    ]);
    expect(sut.every((line) => /^(TOPIC LITERAL t1\.|GROUP PREFIXED rackeval-results )/.test(line))).toBe(true);
  });

  it('gives the gateway reads only', () => {
    const sut = summary('', 'rackeval-gateway');

    expect(sut.filter((line) => line.endsWith(' WRITE'))).toEqual([]);
    expect(sut.filter((line) => line.startsWith('TOPIC') && line.endsWith(' READ'))).toHaveLength(4);
  });

  it('never grants anything on the cluster or with a wildcard', () => {
    const sut = kafkaAclEntries('');

    expect(sut.filter((entry) => entry.resourceType === AclResourceTypes.CLUSTER || entry.resourceName === '*')).toEqual([]);
    expect(sut.filter((entry) => entry.operation === AclOperationTypes.ALL)).toEqual([]);
  });
});
