import { Injectable } from '@nestjs/common';
import { readInSnapshot } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunRepository } from '../run-mirror/run.repository';
import { RunArtifactQuery } from './dto/run-artifact.dto';
import { RunArtifactPage, RunDutView } from './dto/run-artifact.view';
import { RunArtifactRepository } from './run-artifact.repository';

const DEFAULT_LIMIT = 200;

@Injectable()
export class RunArtifactsService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the run's artifacts with the counts of all of them, read in one snapshot so the two agree while the run is still writing. */
  async list(runId: string, query: RunArtifactQuery): Promise<RunArtifactPage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const { items, counts } = await readInSnapshot(this.dataSource, async (manager) => {
      await this.known(runId, manager);
      const filter = { kinds: query.kind, levels: query.level, after: query.after, limit: limit + 1 };
      return {
        items: await RunArtifactRepository.list(manager, runId, filter),
        counts: await RunArtifactRepository.counts(manager, runId),
      };
    });
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

  private async known(runId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (!(await RunRepository.find(manager, runId))) {
      throw new ResultsError(ResultsErrorCode.UNKNOWN_RUN, `run ${runId} is unknown here (runs are learnt from test-run's events)`);
    }
  }
}
