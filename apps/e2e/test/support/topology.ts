/**
 * How many brokers and service instances a shared end-to-end flow runs on. A spec that runs a flow
 * on another topology sets this before the flow's beforeAll (see whole-flow-cluster.int-spec.ts);
 * the default is the one broker and one instance of most tests.
 */
export const e2eTopology: { instances: number; brokers: 1 | 3 } = { instances: 1, brokers: 1 };
