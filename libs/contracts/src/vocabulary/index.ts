// `@rackeval/contracts/vocabulary`: the lifecycle vocabularies alone, for code that runs in a browser
// (libs/api-client, the console), and the rule naming an OCPTV file artifact's file (the CLI, results).
// It imports nothing, so it brings no server code into a bundle.
export * from './rma-states';
export * from './states';
export * from './ocptv-files';
