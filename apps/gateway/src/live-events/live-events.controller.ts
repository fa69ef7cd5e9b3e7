import { Controller, HttpCode, Inject, MessageEvent, Post, Query, Sse, UnauthorizedException } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Public } from '@rackeval/auth';
import { map, Observable } from 'rxjs';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { LiveEventsService } from './live-events.service';
import { LiveTickets } from './live-tickets';

@ApiTags('live')
@Controller('api/events')
export class LiveEventsController {
  private readonly tickets: LiveTickets;

  constructor(
    private readonly live: LiveEventsService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.tickets = new LiveTickets(config.LIVE_TICKET_TTL_SECONDS * 1000, config.AUTH_MAX_TOKEN_AGE_SECONDS * 1000);
  }

  /** A single-use ticket, valid for a few seconds, to open the stream with (`GET /api/events?ticket=`). */
  @Post('ticket')
  @HttpCode(201)
  ticket(@CurrentUser() user: AuthenticatedUser): { ticket: string; expiresIn: number } {
    return this.tickets.issue(user);
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
    if (!grant) throw new UnauthorizedException('a live-events ticket is required (POST /api/events/ticket); each one opens one stream, within seconds');
    const events = this.live.streamFor(grant.user.roles).pipe(map((event): MessageEvent => ({ id: event.id, data: event })));
    return untilExpiry(events, grant.tokenExpiresAt);
  }
}

const EXPIRED: MessageEvent = { type: 'expired', data: { message: 'the token this stream was opened with has expired; open it again with a new ticket' } };

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
