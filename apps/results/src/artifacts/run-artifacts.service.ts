import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunRepository } from '../run-mirror/run.repository';
import { RunArtifactQuery } from './dto/run-artifact.dto';
import { RunArtifactPage, RunDutView } from './dto/run-artifact.view';
import { RunArtifactRepository } from './run-artifact.repository';

const DEFAULT_LIMIT = 200;

@Injectable()
export class RunArtifactsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(runId: string, query: RunArtifactQuery): Promise<RunArtifactPage> {
    const manager = this.dataSource.manager;
    await this.known(runId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const [items, counts] = await Promise.all([
      RunArtifactRepository.list(manager, runId, { kinds: query.kind, levels: query.level, after: query.after, limit: limit + 1 }),
      RunArtifactRepository.counts(manager, runId),
    ]);
    const page = items.slice(0, limit);
    return { items: page, nextAfter: items.length > limit ? page[page.length - 1].id : null, counts };
  }

  async dut(runId: string): Promise<RunDutView> {
    await this.known(runId);
    const found = await RunArtifactRepository.dut(this.dataSource.manager, runId);
    if (!found)
      throw new ResultsError(
        ResultsErrorCode.NO_DUT_INFO,
        `run ${runId} has no DUT info yet (it comes with an OCPTV stream's testRunStart)`,
      );
    return { runId, ...found };
  }

  private async known(runId: string): Promise<void> {
    if (!(await RunRepository.find(this.dataSource.manager, runId))) {
      throw new ResultsError(ResultsErrorCode.UNKNOWN_RUN, `run ${runId} is unknown here (runs are learnt from test-run's events)`);
    }
  }
}
