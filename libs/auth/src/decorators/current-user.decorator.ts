import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedRequest, AuthenticatedUser } from '../authenticated-user';

export function currentUserOf(context: ExecutionContext): AuthenticatedUser | undefined {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().user;
}

/** The verified caller; undefined on public routes. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => currentUserOf(context));
