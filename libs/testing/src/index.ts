export * from './test-infrastructure';
export * from './test-service';
export * from './wait-for';
