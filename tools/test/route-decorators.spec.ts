// Every route says who may call it (@Roles, @Public or @AllowRoleless), reads included: a route
// without one would silently take the guard's default, and nobody reading it would know.
import { Controller, Get, Post, Type } from '@nestjs/common';
import { ControllerRoute, Public, Roles, routesOf } from '@rackeval/auth';
import { SERVICE_NAMES } from '../security/policy/policy-table';
import { controllersOf } from '../security/policy/route-inventory';

/** `service: METHOD /path (Controller.handler)` for each route no auth decorator covers. */
function undeclared(service: string, controllers: Type[]): string[] {
  return controllers
    .flatMap((controller) => routesOf(controller))
    .filter((route: ControllerRoute) => route.declared === undefined)
    .map((route) => `${service}: ${route.key} (${route.handler})`);
}

describe('route decorators', () => {
  it.each(SERVICE_NAMES)('every route of %s declares who may call it', (service) => {
    expect(undeclared(service, controllersOf(service))).toEqual([]);
  });

  it('names a planted route without a decorator, inherited ones included', () => {
    @Controller('v1/planted')
    class PlantedController {
      @Get()
      list() {}

      @Post()
      @Roles('admin')
      create() {}
    }
    // As results builds its attachment routes: a class factory whose handlers are inherited.
    const routesFor = (subject: string) => {
      @Controller(`v1/${subject}`)
      class AttachmentRoutes {
        @Get(':id/attachments')
        attachments() {}

        @Get('public-note')
        @Public()
        note() {}
      }
      return AttachmentRoutes;
    };
    @Roles('viewer')
    class RunAttachmentsController extends routesFor('runs') {}
    class RackAttachmentsController extends routesFor('racks') {}

    expect(undeclared('planted', [PlantedController, RunAttachmentsController, RackAttachmentsController])).toEqual([
      'planted: GET /v1/planted (PlantedController.list)',
      'planted: GET /v1/racks/{id}/attachments (RackAttachmentsController.attachments)',
    ]);
  });
});
