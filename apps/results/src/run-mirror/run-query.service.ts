import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { ResultsConfig } from '../config';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { measurementWindow } from './run-acceptance.rules';
import { RunRepository } from './run.repository';

/** A run as results knows it from test-run's events: whether it takes measurements, and by which criteria. */
@Injectable()
export class RunQueryService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ResultsConfig,
  ) {}

  async get(runId: string) {
    const run = await RunRepository.find(this.dataSource.manager, runId);
    if (!run) throw new ResultsError(ResultsErrorCode.UNKNOWN_RUN, `run ${runId} is unknown here (runs are learnt from test-run's events)`);
    const { rowVersion: _rowVersion, ...view } = run;
    return { ...view, acceptsMeasurements: measurementWindow(run, this.config.COMPLETED_GRACE_SECONDS).open };
  }
}
