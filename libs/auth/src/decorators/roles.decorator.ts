import { SetMetadata } from '@nestjs/common';
import { Role } from '../roles';

export const REQUIRED_ROLES = 'rackeval:auth:roles';

/** The caller needs at least one of these roles. On a handler it replaces the class's list. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
