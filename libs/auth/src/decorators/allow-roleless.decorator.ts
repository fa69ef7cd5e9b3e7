import { SetMetadata } from '@nestjs/common';

export const ALLOW_ROLELESS = 'rackeval:auth:allow-roleless';

/**
 * A valid token with no role this system knows may call this route (only "who am I"). Everywhere
 * else such a token is refused with 403: a token without a role can read nothing.
 */
export const AllowRoleless = (): MethodDecorator & ClassDecorator => SetMetadata(ALLOW_ROLELESS, true);
