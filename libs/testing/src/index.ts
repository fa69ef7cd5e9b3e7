export { ChildService } from './child-service';
export { parseCsv } from './csv-parse';
export { freePort } from './free-port';
export { holdsSocket, listeningSocketInodes, listensOn } from './listening-sockets';
export { type ApiAnswer, eventually, expectError, expectStatus } from './http-answers';
export { deadLetteredTypes, groupCaughtUp, produceRaw, readTopic } from './kafka-inspection';
export { produceRmaReturn, produceRmaShipment, readRmaShipment } from './rma-events';
export { type OcptvHardware, type OcptvRun, ocptvRun } from './ocptv-run';
export {
  bom,
  type BomPart,
  BURN_IN_CRITERIA,
  burnInPlan,
  costTargets,
  type GenerationSetUp,
  METRICS,
  newGeneration,
  PASSED_CHECKS,
  type RackDelivery,
  receiveRacks,
  registerBays,
  setUpGeneration,
  type Users,
} from './programme';
export { CLUSTER_KAFKA_BROKERS, RackevalSystem, type ServiceName, SERVICES } from './rackeval-system';
export { ServiceHarness } from './service-harness';
export {
  deleteTestTopics,
  dropSchema,
  ensureTestDatabaseRoles,
  ensureTestKafkaAccess,
  kafkaCredentialsOf,
  TEST_DATABASE_URL,
  TEST_KAFKA_ADMIN,
  testDatabaseRoles,
  testKafka,
  uniqueSuffix,
  withDatabase,
} from './test-infrastructure';
export { answer, type ServicePath, TestApi, type UserApi } from './test-api';
export { produceEvents, testEvent, testEventRecord } from './test-events';
export { rackReceivedData } from '@rackeval/contracts/testing';
export { type RunningService, type ServiceRecipe, startTestService, testServiceEnv } from './test-service';
export { generationRegisteredData, serviceRecipe } from './service-recipes';
export { binaryBody, s3rverBucket, type S3rverBucket } from './s3rver-bucket';
export { GaveUp, type PollOptions, sleep, waitFor } from './wait-for';
