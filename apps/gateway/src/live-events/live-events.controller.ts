import { Controller, MessageEvent, Query, Sse, UnauthorizedException } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public, TokenVerifier } from '@rackeval/auth';
import { map, Observable } from 'rxjs';
import { LiveEventsService } from './live-events.service';

@ApiTags('live')
@Controller('api/events')
export class LiveEventsController {
  constructor(
    private readonly live: LiveEventsService,
    private readonly verifier: TokenVerifier,
  ) {}

  /**
   * Server-sent events of every rack, run, evaluation and option event the caller may see.
   * Browsers' EventSource cannot send headers, so the token comes as `access_token`.
   */
  @Public()
  @Sse()
  @ApiQuery({ name: 'access_token', required: true })
  async stream(@Query('access_token') token?: string): Promise<Observable<MessageEvent>> {
    if (!token) throw new UnauthorizedException('a bearer token is required (access_token)');
    const user = await this.verifier.verify(token).catch((error: Error) => {
      throw new UnauthorizedException(`invalid token: ${error.message}`);
    });
    return this.live.streamFor(user.roles).pipe(map((event) => ({ id: event.id, data: event })));
  }
}
