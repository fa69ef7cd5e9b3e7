import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import type { Request, Response } from 'express';
import { ServiceProxy } from './service-proxy';

/** `/api/<service>/v1/…` → the service's `/v1/…`; any user with a role (each service checks which). */
@ApiExcludeController()
@Controller('api')
export class ProxyController {
  constructor(private readonly proxy: ServiceProxy) {}

  @All(':service/*path')
  @Roles(...ROLES)
  forward(@Req() request: Request, @Res() response: Response): void {
    this.proxy.forward(request, response);
  }
}
