export * from './envelope/cloud-event';
export * from './envelope/kafka-binding';
export * from './events';
export * from './registry/event-definition';
export * from './registry/validate-payload';
export * from './topic-access';
export * from './topics';
export * from './validation';
