import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { currentContext } from '@rackeval/messaging';
import { Observable } from 'rxjs';

/** Puts the signed-in user on the request's context, so every log line and event names who acted. */
@Injectable()
export class ActorContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const user = context.switchToHttp().getRequest<{ user?: { username: string } }>().user;
      const scope = currentContext();
      if (scope && user) scope.actor = user.username;
    }
    return next.handle();
  }
}
