import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { type AuthenticatedUser, siteAllows } from '@rackeval/auth';
import { DataSource } from 'typeorm';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunSiteRepository } from './run-site.repository';

interface RunRequest {
  method?: string;
  params?: Record<string, string | undefined>;
  user?: AuthenticatedUser;
}

/**
 * Rule SITE_NOT_ALLOWED (test-run checks the same on scheduling and the run's transitions): a
 * service account limited to a site may write to a run — measurements, corrections, OCPTV streams
 * and uploads, every POST under /v1/runs/{runId} — only when the run's bay is at that site (the
 * site test-run's RunScheduled gave). Reads stay as the role allows; an unknown run is left to the
 * route (404). Runs after the guards, so the token has been verified.
 */
@Injectable()
export class RunSiteInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  async intercept(context: ExecutionContext, next: CallHandler) {
    const request = context.switchToHttp().getRequest<RunRequest>();
    const runId = request.params?.runId;
    const site = request.user?.site;
    if (context.getType() === 'http' && site !== undefined && runId !== undefined && request.method === 'POST') {
      const run = await RunSiteRepository.find(this.dataSource.manager, runId);
      if (run && !siteAllows(request.user, run.site)) {
        throw new ResultsError(
          ResultsErrorCode.SITE_NOT_ALLOWED,
          `${request.user!.username} is limited to site ${site}; run ${runId} (bay ${run.bay}) is at site ${run.site}`,
          [{ field: 'site', message: `SITE_NOT_ALLOWED: only runs in bays at site ${site}` }],
        );
      }
    }
    return next.handle();
  }
}
