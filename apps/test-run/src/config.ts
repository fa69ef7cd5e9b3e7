import { serviceConfigFor } from '@rackeval/platform';

export class TestRunConfig extends serviceConfigFor('test-run', 3002) {}
