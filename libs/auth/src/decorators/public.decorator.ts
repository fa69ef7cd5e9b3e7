import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'rackeval:auth:public';

/** The route needs no token: health, metrics, API docs, sign-in. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
