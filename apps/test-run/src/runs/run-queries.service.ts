import { Injectable } from '@nestjs/common';
import { Page } from '@rackeval/platform';
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

  async get(id: string): Promise<RunView> {
    const run = await this.runs.find(this.dataSource.manager, id);
    if (!run) throw new TestRunError(TestRunErrorCode.RUN_NOT_FOUND, `run ${id} does not exist`);
    return toRunView(run, await this.runs.history(this.dataSource.manager, id));
  }

  list(query: RunListQuery): Promise<Page<RunView>> {
    return this.runs.list(query);
  }
}
