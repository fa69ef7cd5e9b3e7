import { applyDecorators, Controller, Get, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors } from '../openapi/api-errors.decorator';

/** A service's programme figures, `/v1/programme…`: read by any signed-in role, documented under the `programme` tag. */
export function ProgrammeRoutes(): ClassDecorator {
  return applyDecorators(ApiTags('programme'), ApiBearerAuth(), ApiErrors(401, 403), Controller('v1/programme'));
}

/** One read of a `@ProgrammeRoutes()` controller: GET `path`, any role, answered with `view`, a bad query is 400. */
export function ProgrammeFigures(view: Type, description: string, path = ''): MethodDecorator {
  return applyDecorators(Get(path), Roles(...ROLES), ApiOkResponse({ type: view, description }), ApiErrors(400));
}
