export * from './child-service';
export * from './http-answers';
export * from './kafka-inspection';
export * from './rackeval-system';
export * from './test-infrastructure';
export * from './test-service';
export * from './wait-for';
