// Test-only payloads of libs/contracts, kept out of the production entry: import from '@rackeval/contracts/testing'
// (@rackeval/testing re-exports them for the other tests).
export { rackReceivedData } from './payloads';
