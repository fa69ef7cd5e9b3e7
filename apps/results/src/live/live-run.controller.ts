import { Controller, MessageEvent, Param, Query, Sse, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { concat, map, Observable, of } from 'rxjs';
import { RunIdParam } from '../run-mirror/dto/run-id.param';
import { LiveRunQuery } from './dto/live-run.query';
import { KnownRunGuard } from './known-run.guard';
import { RunProgressView } from './dto/run-progress.view';
import { RunProgressFeeds } from './run-progress.feeds';

const DEFAULT_BUCKETS = 400;

/**
 * What the gateway's `GET /api/events/runs/{runId}` relays to the console (browsers reach it only
 * there, with a ticket): the gateway keeps authorisation at the edge, this service checks the token
 * again like every route.
 */
@ApiTags('measurements')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/runs/:runId/live')
export class LiveRunController {
  constructor(private readonly feeds: RunProgressFeeds) {}

  /**
   * Server-sent events while the run runs: at most 2.5 a second, each the whole state (every
   * metric downsampled and the verdict so far per criterion), then one `end` event when the run
   * completes or is aborted (its final verdict is at `GET /v1/runs/{runId}/verdict`).
   */
  @Sse()
  @Roles(...ROLES)
  @UseGuards(KnownRunGuard)
  @ApiOkResponse({ type: RunProgressView, description: 'text/event-stream of RunProgressView, then an `end` event' })
  @ApiErrors(400, 404)
  live(@Param() { runId }: RunIdParam, @Query() query: LiveRunQuery): Observable<MessageEvent> {
    const updates = this.feeds
      .watch(runId, query.buckets ?? DEFAULT_BUCKETS)
      .pipe(map((view): MessageEvent => ({ id: view.lastMeasurementId, data: view })));
    return concat(updates, of<MessageEvent>({ type: 'end', data: { runId } }));
  }
}
