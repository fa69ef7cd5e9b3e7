// Test-only helpers of libs/auth, kept out of the production entry: import from '@rackeval/auth/testing'.
export * from './test-tokens';
