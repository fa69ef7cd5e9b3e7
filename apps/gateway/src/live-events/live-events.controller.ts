import {
  Controller,
  ForbiddenException,
  Get,
  Headers,
  HttpCode,
  Inject,
  MessageEvent,
  Param,
  Post,
  Query,
  Res,
  Sse,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Public, ROLES, Roles } from '@rackeval/auth';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { RunIdParam } from './dto/run-id.param';
import { LiveEventsService } from './live-events.service';
import { LiveRunRelay } from './live-run-relay';
import { LiveTickets } from './live-tickets';

@ApiTags('live')
@Controller('api/events')
export class LiveEventsController {
  private readonly tickets: LiveTickets;

  constructor(
    private readonly live: LiveEventsService,
    private readonly runs: LiveRunRelay,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.tickets = new LiveTickets(config.LIVE_TICKET_TTL_SECONDS * 1000, config.AUTH_MAX_TOKEN_AGE_SECONDS * 1000);
  }

  /** A single-use ticket, valid for a few seconds, to open the stream with (`GET /api/events?ticket=`). */
  @Post('ticket')
  @Roles(...ROLES)
  @HttpCode(201)
  ticket(@CurrentUser() user: AuthenticatedUser, @Headers('authorization') authorization?: string): { ticket: string; expiresIn: number } {
    // The token stays in this process, for the run stream to present to results; it never goes in a URL.
    return this.tickets.issue(user, /^Bearer +(\S+)$/i.exec(authorization?.trim() ?? '')?.[1]);
  }

  /**
   * Server-sent events of every rack, run, evaluation and option event the caller may see. Browsers'
   * EventSource cannot send headers, so the stream opens with a ticket, never a token; it ends
   * (after an `expired` event) when the token the ticket was bought with expires.
   */
  @Public()
  @Sse()
  @ApiQuery({ name: 'ticket', required: true, description: 'from POST /api/events/ticket' })
  stream(@Query('ticket') ticket?: string): Observable<MessageEvent> {
    const grant = typeof ticket === 'string' ? this.tickets.redeem(ticket) : undefined;
    if (!grant)
      throw new UnauthorizedException(
        'a live-events ticket is required (POST /api/events/ticket); each one opens one stream, within seconds',
      );
    const events = this.live.streamFor(grant.user.roles).pipe(map((event): MessageEvent => ({ id: event.id, data: event })));
    return untilExpiry(events, grant.tokenExpiresAt);
  }

  /**
   * Server-sent progress of one running run for its run page: at most 2.5 updates a second, each the
   * whole state (every metric downsampled, the verdict so far per criterion), then `end` when the run
   * completes. Any role that may read the run may watch it; results checks the token again.
   */
  @Public()
  @Get('runs/:runId')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: "text/event-stream of results' RunProgressView, then `end` (or `expired` with the token)" })
  @ApiQuery({ name: 'ticket', required: true, description: 'from POST /api/events/ticket' })
  @ApiQuery({ name: 'buckets', required: false, description: 'time buckets per metric, as the series route takes' })
  runStream(
    @Param() { runId }: RunIdParam,
    @Res() response: Response,
    @Query('ticket') ticket?: string,
    @Query('buckets') buckets?: string,
  ): void {
    const grant = typeof ticket === 'string' ? this.tickets.redeem(ticket) : undefined;
    if (!grant?.token)
      throw new UnauthorizedException(
        'a live-events ticket is required (POST /api/events/ticket); each one opens one stream, within seconds',
      );
    if (!grant.user.roles.some((role) => (ROLES as readonly string[]).includes(role)))
      throw new ForbiddenException('reading a run needs a role; this token has none');
    this.runs.relay(runId, { ...grant, token: grant.token }, buckets, response);
  }
}

const EXPIRED: MessageEvent = {
  type: 'expired',
  data: { message: 'the token this stream was opened with has expired; open it again with a new ticket' },
};

/** The events until `expiresAt` (epoch ms), then an `expired` event and the end; or until the events end (shutdown). */
export function untilExpiry(events: Observable<MessageEvent>, expiresAt: number): Observable<MessageEvent> {
  return new Observable<MessageEvent>((subscriber) => {
    const subscription = events.subscribe(subscriber);
    const timeout = setTimeout(
      () => {
        subscriber.next(EXPIRED);
        subscriber.complete();
      },
      Math.max(0, expiresAt - Date.now()),
    );
    return () => {
      clearTimeout(timeout);
      subscription.unsubscribe();
    };
  });
}
