import { KAFKA_CLIENTS, KafkaClientName, kafkaPrincipal, topicGrantsOf } from '@rackeval/contracts';
import { AclEntry, AclOperationTypes, AclPermissionTypes, AclResourceTypes, Admin, ResourcePatternTypes } from 'kafkajs';

const { READ, WRITE, CREATE, DESCRIBE, DESCRIBE_CONFIGS } = AclOperationTypes;

/**
 * The ACLs of every rackeval principal for the topics under `prefix` (KAFKA_TOPIC_PREFIX; '' for
 * `npm start`), from the table in @rackeval/contracts (TOPIC_ACCESS):
 * - a service writes only its own event topic and its own dead-letter topic;
 * - it reads only the topics it consumes, in consumer groups named `rackeval-<name>…` (PREFIXED);
 * - it may create and describe the topics it uses (services create missing topics at start-up).
 * Topic ACLs are LITERAL: Kafka has no suffix patterns, so a test prefix gets its own set.
 */
export function kafkaAclEntries(prefix = '', clients: readonly KafkaClientName[] = KAFKA_CLIENTS): AclEntry[] {
  return clients.flatMap((name) => {
    const principal = `User:${kafkaPrincipal(name)}`;
    const { produces, consumes } = topicGrantsOf(name, prefix);
    const allow = (
      resourceType: AclResourceTypes,
      resourceName: string,
      resourcePatternType: ResourcePatternTypes,
      operation: AclOperationTypes,
    ): AclEntry => ({
      resourceType,
      resourceName,
      resourcePatternType,
      principal,
      host: '*',
      operation,
      permissionType: AclPermissionTypes.ALLOW,
    });
    const topic = (names: string[], operations: AclOperationTypes[]) =>
      names.flatMap((resource) =>
        operations.map((operation) => allow(AclResourceTypes.TOPIC, resource, ResourcePatternTypes.LITERAL, operation)),
      );
    return [
      ...topic(produces, [WRITE, CREATE, DESCRIBE, DESCRIBE_CONFIGS]),
      ...topic(consumes, [READ, CREATE, DESCRIBE, DESCRIBE_CONFIGS]),
      allow(AclResourceTypes.GROUP, kafkaPrincipal(name), ResourcePatternTypes.PREFIXED, READ),
      allow(AclResourceTypes.GROUP, kafkaPrincipal(name), ResourcePatternTypes.PREFIXED, DESCRIBE),
    ];
  });
}

/** Creates the ACLs (idempotent: an existing binding is left as it is). Needs a super user, e.g. `admin`. */
export async function grantKafkaAccess(admin: Admin, prefix = ''): Promise<number> {
  const acl = kafkaAclEntries(prefix);
  await admin.createAcls({ acl });
  return acl.length;
}

/** Removes the topic ACLs of one prefix (a finished test's), leaving the shared group ACLs. */
export async function revokeKafkaAccess(admin: Admin, prefix: string): Promise<void> {
  if (!prefix) throw new Error('revokeKafkaAccess removes a test prefix’s ACLs only; refusing an empty prefix');
  const filters = kafkaAclEntries(prefix).filter((entry) => entry.resourceType === AclResourceTypes.TOPIC);
  await admin.deleteAcls({ filters });
}
