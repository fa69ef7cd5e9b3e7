// `@rackeval/contracts/vocabulary`: the lifecycle vocabularies alone, for code that runs in a browser
// (libs/api-client, the console). It imports nothing, so it brings no server code into a bundle.
export * from './rma-states';
export * from './states';
