import { BadRequestException, CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { RequestValidationError } from '@rackeval/platform';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunRepository } from '../run-mirror/run.repository';
import { MAX_BUCKETS } from '../series/dto/series.dto';

/**
 * Refuses a malformed or unknown run (or chart width) before a server-sent stream starts. A guard, not a pipe or a
 * check in the handler: those run once the stream is under way (its 200 already sent), and only
 * guards run before it. It runs after the token and role checks, so 401/403 come first.
 */
@Injectable()
export class KnownRunGuard implements CanActivate {
  constructor(private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const runId = String(request.params.runId);
    // The rule of RunIdParam, checked here because the stream's pipes run after its 200; the same 400 naming runId.
    if (!isUUID(runId)) throw new RequestValidationError([{ field: 'runId', message: 'runId must be a UUID' }]);
    const buckets = request.query.buckets;
    if (buckets !== undefined && !(/^\d+$/.test(String(buckets)) && Number(buckets) >= 1 && Number(buckets) <= MAX_BUCKETS)) {
      throw new BadRequestException(`buckets: must be a whole number from 1 to ${MAX_BUCKETS}`);
    }
    if (!(await RunRepository.find(this.dataSource.manager, runId))) {
      throw new ResultsError(ResultsErrorCode.UNKNOWN_RUN, `run ${runId} is unknown here (runs are learnt from test-run's events)`);
    }
    return true;
  }
}
