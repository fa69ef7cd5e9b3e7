import { Injectable } from '@nestjs/common';
import { Page, readInSnapshot } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { TestRunError, TestRunErrorCode } from '../test-run.errors';
import { RunListQuery } from './dto/run.dto';
import { RunView, toRunView } from './run.view';
import { RunsRepository } from './runs.repository';

@Injectable()
export class RunQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: RunsRepository,
  ) {}

  /** The run with its history, read in one snapshot so its state agrees with its history. */
  get(id: string): Promise<RunView> {
    return readInSnapshot(this.dataSource, async (manager) => {
      const run = await this.runs.find(manager, id);
      if (!run) throw new TestRunError(TestRunErrorCode.RUN_NOT_FOUND, `run ${id} does not exist`);
      return toRunView(run, await this.runs.history(manager, id));
    });
  }

  list(query: RunListQuery): Promise<Page<RunView>> {
    return this.runs.list(query);
  }
}
